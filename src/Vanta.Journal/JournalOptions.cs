namespace Vanta.Journal;

/// <summary>When appended records reach stable storage. Persisted values (config files) are frozen.</summary>
public enum FsyncPolicy
{
    /// <summary>Every append is written and fsynced before it returns: one fsync per record.</summary>
    Always = 1,

    /// <summary>Appends are buffered; each batch boundary (buffer full, flush, rotation, dispose) writes and fsyncs.</summary>
    Batch = 2,

    /// <summary>Appends are buffered and written at batch boundaries; the operating system decides when they reach disk.</summary>
    Never = 3,
}

/// <summary>Tuning of a <see cref="JournalWriter"/>. The policy changes durability, never the bytes written.</summary>
public sealed record JournalOptions
{
    /// <summary>Durability of appends; <see cref="FsyncPolicy.Batch"/> by default.</summary>
    public FsyncPolicy Fsync { get; init; } = FsyncPolicy.Batch;

    /// <summary>
    /// A segment is closed and the next one started before a record would take it past this size.
    /// A single record larger than this still goes, alone, into its own segment.
    /// </summary>
    public long MaxSegmentBytes { get; init; } = 64L << 20;

    /// <summary>Size of the group-commit buffer: appends accumulate here and are written with one system call.</summary>
    public int BatchBytes { get; init; } = 1 << 20;

    internal void Validate()
    {
        if (!Enum.IsDefined(Fsync))
            throw new ArgumentOutOfRangeException(nameof(Fsync), Fsync, "unknown fsync policy");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSegmentBytes, 1024L, nameof(MaxSegmentBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchBytes, 4096, nameof(BatchBytes));
    }
}
