using System.Text;
using Vanta.Core.Envelopes;
using Vanta.Core.Stages;

namespace Vanta.Journal;

/// <summary>
/// Appends envelopes to the hash-chained journal: one line per record (see <see cref="JournalHash"/>), in
/// segments <c>journal-000001.jsonl</c>, … that rotate at <see cref="JournalOptions.MaxSegmentBytes"/> with
/// the chain running on across them. Appends go into a group-commit buffer; each full batch is written with
/// one system call on a background task (fsynced per <see cref="JournalOptions.Fsync"/>) while appends continue.
/// </summary>
/// <remarks>
/// One writer per directory: appends are serialized by a lock so that concurrent callers are safe, and the chain
/// order is the order in which they take it. A second writer on the same directory, in this process or another
/// (`vanta order` while `vanta run` writes the same home), is refused at <see cref="Open"/>: two writers would
/// fork the chain.
/// </remarks>
public sealed class JournalWriter : IJournal, IDisposable
{
    private readonly JournalOptions options;
    private readonly Lock gate = new();
    private readonly EnvelopeCodec codec = new();
    private readonly ChainHasher hasher = new();
    private readonly byte[] headHash = new byte[JournalHash.HexLength];
    private readonly SegmentSink sink;
    private readonly FileStream writerLock;
    private long seq;
    private string? headText;
    private bool disposed;

    private JournalWriter(string directory, JournalOptions options, FileStream writerLock, RecoveredJournal recovered)
    {
        this.options = options;
        this.writerLock = writerLock;
        seq = recovered.Seq;
        recovered.HashHex.CopyTo(headHash, 0);
        sink = new SegmentSink(directory, recovered.SegmentNumber, recovered.SegmentLength, options);
    }

    /// <summary>
    /// Opens (or creates) the journal in <paramref name="directory"/> and finds its head. A torn last line
    /// left by a crash is cut, with a warning naming the file and byte offset; nothing before it is lost.
    /// </summary>
    /// <exception cref="InvalidDataException">The journal is damaged beyond a torn tail (a missing segment, a bad last record).</exception>
    /// <exception cref="JournalInUseException">Another writer holds the journal.</exception>
    public static JournalWriter Open(string directory, JournalOptions options, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(directory);
        var writerLock = AcquireWriterLock(directory);
        try
        {
            return new JournalWriter(directory, options, writerLock, JournalRecovery.Recover(directory, warn));
        }
        catch
        {
            writerLock.Dispose();
            throw;
        }
    }

    /// <summary>The name of the lock file a writer holds open, exclusively, for its whole life.</summary>
    public const string WriterLockFile = ".writer.lock";

    private static FileStream AcquireWriterLock(string directory)
    {
        var path = Path.Combine(directory, WriterLockFile);
        try
        {
            // FileShare.None is an exclusive advisory lock on Unix and a sharing lock on Windows; the OS drops it
            // when the process dies, so a crash never leaves the journal locked.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new JournalInUseException(directory, ex);
        }
    }

    /// <summary>The last record appended (buffered or not); <see cref="JournalHead.Genesis"/> for an empty journal.</summary>
    public JournalHead Head
    {
        get
        {
            lock (gate)
                return new JournalHead(seq, headText ??= Encoding.ASCII.GetString(headHash));
        }
    }

    /// <summary>Appends one envelope; durable on return only under <see cref="FsyncPolicy.Always"/>.</summary>
    public JournalHead Append(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        lock (gate)
        {
            AppendLocked(codec.Serialize(envelope));
            return new JournalHead(seq, headText = Encoding.ASCII.GetString(headHash));
        }
    }

    /// <summary>
    /// Appends an envelope that is already canonical JSON (the bytes <c>JsonSerializer.Serialize(envelope)</c> gives),
    /// e.g. one relayed from another node's journal. The bytes are trusted: <see cref="JournalVerifier"/> checks them
    /// later. Returns the new record's sequence number without allocating.
    /// </summary>
    public long AppendSerialized(ReadOnlySpan<byte> envelopeJson)
    {
        if (envelopeJson.Length < 2 || envelopeJson[0] != (byte)'{' || envelopeJson[^1] != (byte)'}')
            throw new ArgumentException("an envelope is a JSON object", nameof(envelopeJson));
        lock (gate)
        {
            AppendLocked(envelopeJson);
            headText = null;
            return seq;
        }
    }

    /// <inheritdoc cref="Append"/>
    public ValueTask<JournalHead> AppendAsync(Envelope envelope, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Append(envelope));
    }

    /// <summary>Writes the buffered batch; fsyncs it unless the policy is <see cref="FsyncPolicy.Never"/>.</summary>
    public void Flush()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            sink.Commit();
        }
    }

    /// <inheritdoc cref="Flush"/>
    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Flush();
        return ValueTask.CompletedTask;
    }

    private void AppendLocked(ReadOnlySpan<byte> envelope)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var next = seq + 1;
        Span<byte> digits = stackalloc byte[20];
        next.TryFormat(digits, out var digitCount, default, System.Globalization.CultureInfo.InvariantCulture);
        digits = digits[..digitCount];

        var lineLength = JournalLine.Length(digitCount, envelope.Length);
        if (sink.SegmentBytes > 0 && sink.SegmentBytes + lineLength > options.MaxSegmentBytes)
            sink.Rotate();

        Span<byte> hash = stackalloc byte[JournalHash.HexLength];
        hasher.ComputeHex(digits, headHash, envelope, hash);
        JournalLine.Write(sink.Claim(lineLength), digits, headHash, hash, envelope);
        hash.CopyTo(headHash);
        seq = next;

        if (options.Fsync == FsyncPolicy.Always)
            sink.Commit();
    }

    /// <summary>Writes and (unless the policy is <see cref="FsyncPolicy.Never"/>) fsyncs what is buffered, then closes.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
                return;
            disposed = true;
            hasher.Dispose();
            sink.Dispose();
            writerLock.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Another writer (in this process or another) holds the journal's directory.</summary>
public sealed class JournalInUseException(string directory, Exception inner)
    : IOException($"the journal at {directory} is open for writing by another writer (is a `vanta run` or `vanta order` using this home?)", inner)
{
    public string Directory { get; } = directory;
}
