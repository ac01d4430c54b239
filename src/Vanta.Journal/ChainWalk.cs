using System.Collections.Concurrent;
using System.Text;
using Vanta.Core.Stages;

namespace Vanta.Journal;

/// <summary>
/// Verifies segments chunk by chunk. Each line is checked on its own in parallel (layout, hash, event id);
/// then one sequential pass over the chunk checks what needs neighbours: contiguous seq and prev links.
/// The same walk checks a journal from genesis and an audit bundle's records from their anchor.
/// </summary>
internal sealed class ChainWalk
{
    /// <summary>Supplies chunks of whole lines (see <see cref="LineChunkReader.TryRead"/>).</summary>
    public delegate bool ChunkSource(out ReadOnlyMemory<byte> chunk, out long offset);

    /// <summary>Sees each record once it is linked, in seq order.</summary>
    public delegate void LinkedRecord(JournalLine parsed, ReadOnlySpan<byte> line);

    // Below this many lines a chunk is not worth the cost of fanning out to the thread pool.
    private const int ParallelThreshold = 512;

    private readonly VerifyMode mode;
    private readonly LinkedRecord? linked;
    private readonly byte[] lastHash;
    private int[] starts = new int[4096];
    private int[] lengths = new int[4096];
    private JournalLine[] lines = new JournalLine[4096];
    private LineFault[] faults = new LineFault[4096];

    public ChainWalk(VerifyMode mode)
        : this(mode, JournalHead.Genesis)
    {
    }

    /// <summary>A walk that expects its first record to follow <paramref name="anchor"/>.</summary>
    public ChainWalk(VerifyMode mode, JournalHead anchor, LinkedRecord? linked = null)
    {
        this.mode = mode;
        this.linked = linked;
        Verified = anchor.Seq;
        lastHash = Encoding.ASCII.GetBytes(anchor.Hash);
    }

    /// <summary>Seq of the last record verified, all contiguous from the anchor (seq 1 from genesis).</summary>
    public long Verified { get; private set; }

    public JournalHead Head => new(Verified, Encoding.ASCII.GetString(lastHash));

    public VerifyResult Fail(string problem) => VerifyResult.Bad(Verified, Head, problem);

    /// <summary>Continues the chain through <paramref name="segment"/>; returns the first problem, or null.</summary>
    public string? Walk(Segment segment)
    {
        using var reader = new LineChunkReader(segment.Path);
        return Walk(segment.Name, reader.TryRead);
    }

    /// <summary>Continues the chain through the lines of file <paramref name="name"/>; returns the first problem, or null.</summary>
    public string? Walk(string name, ChunkSource next)
    {
        long lineNumber = 0;
        while (next(out var chunk, out var offset))
        {
            if (chunk.Span[^1] != (byte)'\n')
                return $"{name} line {lineNumber + 1} (byte offset {offset}): the last line has no line end (a torn write, cut when the writer next opens)";
            var count = Split(chunk.Span);
            CheckLines(chunk, count);
            for (var i = 0; i < count; i++)
            {
                lineNumber++;
                var problem = Link(chunk.Span.Slice(starts[i], lengths[i]), i);
                if (problem is not null)
                    return $"{name} line {lineNumber} (byte offset {offset + starts[i]}): {problem}";
            }
        }
        return null;
    }

    private string? Link(ReadOnlySpan<byte> line, int i)
    {
        var expected = Verified + 1;
        if (faults[i] == LineFault.Malformed)
            return $"not a journal record where seq {expected} was expected";
        var parsed = lines[i];
        if (parsed.Seq != expected)
            return $"found seq {parsed.Seq} where seq {expected} was expected (a record was deleted, moved or inserted)";
        if (!parsed.Prev(line).SequenceEqual(lastHash))
            return $"seq {expected}: prev does not match the hash of the record before it";
        var problem = faults[i] switch
        {
            LineFault.HashMismatch => $"seq {expected}: hash does not match the record's content (the record was edited)",
            LineFault.EnvelopeInvalid => $"seq {expected}: the envelope is not a well-formed envelope",
            LineFault.EventIdMismatch => $"seq {expected}: event_id does not match the envelope's content (edited, with record hashes recomputed)",
            _ => null,
        };
        if (problem is not null)
            return problem;
        parsed.Hash(line).CopyTo(lastHash);
        Verified = expected;
        linked?.Invoke(parsed, line);
        return null;
    }

    private int Split(ReadOnlySpan<byte> chunk)
    {
        var count = 0;
        var at = 0;
        while (at < chunk.Length)
        {
            var lf = chunk[at..].IndexOf((byte)'\n');
            if (count == starts.Length)
                Grow();
            starts[count] = at;
            lengths[count] = lf;
            count++;
            at += lf + 1;
        }
        return count;
    }

    private void Grow()
    {
        var size = starts.Length * 2;
        Array.Resize(ref starts, size);
        Array.Resize(ref lengths, size);
        Array.Resize(ref lines, size);
        Array.Resize(ref faults, size);
    }

    private void CheckLines(ReadOnlyMemory<byte> chunk, int count)
    {
        if (count < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            CheckRange(chunk.Span, 0, count);
            return;
        }
        var rangeSize = Math.Max(ParallelThreshold / 2, count / (Environment.ProcessorCount * 4));
        Parallel.ForEach(Partitioner.Create(0, count, rangeSize), range => CheckRange(chunk.Span, range.Item1, range.Item2));
    }

    private void CheckRange(ReadOnlySpan<byte> chunk, int from, int to)
    {
        using var hasher = new ChainHasher();
        using var ids = mode == VerifyMode.Full ? new EnvelopeIdCheck() : null;
        Span<byte> hash = stackalloc byte[JournalHash.HexLength];
        for (var i = from; i < to; i++)
        {
            var line = chunk.Slice(starts[i], lengths[i]);
            if (!JournalLine.TryParse(line, out var parsed))
            {
                faults[i] = LineFault.Malformed;
                continue;
            }
            lines[i] = parsed;
            hasher.ComputeHex(parsed.SeqText(line), parsed.Prev(line), parsed.Envelope(line), hash);
            faults[i] = !hash.SequenceEqual(parsed.Hash(line)) ? LineFault.HashMismatch
                : ids is not null ? ids.Check(parsed.Envelope(line))
                : LineFault.None;
        }
    }
}
