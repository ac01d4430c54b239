using System.Text.Json.Serialization.Metadata;
using Vanta.Core.Envelopes;

namespace Vanta.Core.Stages;

/// <summary>Position of the journal's last record.</summary>
public readonly record struct JournalHead(long Seq, string Hash)
{
    /// <summary>The <c>prev</c> of the first record: 64 zeros.</summary>
    public static JournalHead Genesis { get; } = new(0, new string('0', 64));
}

/// <summary>Storage port for the append-only, hash-chained journal: the source of truth.</summary>
public interface IJournal : IAsyncDisposable
{
    JournalHead Head { get; }

    ValueTask<JournalHead> AppendAsync(Envelope envelope, CancellationToken cancellationToken = default);

    /// <summary>Makes everything appended so far durable according to the fsync policy.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);
}

/// <summary>Storage port for operator-facing snapshots (<c>memory/*.json</c>), written atomically.</summary>
public interface ISnapshotStore
{
    void Write<T>(string name, T value, JsonTypeInfo<T> typeInfo);

    T? Read<T>(string name, JsonTypeInfo<T> typeInfo);
}
