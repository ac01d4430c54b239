using System.Text;
using Microsoft.Win32.SafeHandles;
using Vanta.Core.Stages;

namespace Vanta.Journal;

/// <summary>Where a reopened journal continues: the segment to append to, its length and the chain head.</summary>
internal sealed record RecoveredJournal(int SegmentNumber, long SegmentLength, long Seq, byte[] HashHex);

/// <summary>
/// Finds the head of an existing journal on open. Only the end of the last segment is read: a torn last
/// line (no LF, or not a record) is cut with a warning; a complete last record that fails its own hash is
/// damage, not a torn write, and stops the open so that nothing is silently discarded.
/// </summary>
internal static class JournalRecovery
{
    public static RecoveredJournal Recover(string directory, Action<string>? warn)
    {
        var segments = JournalSegments.List(directory);
        if (JournalSegments.FirstGap(segments) is { } gap)
            throw Damaged(directory, $"segment {JournalSegments.FileName(gap)} is missing");
        if (segments.Count == 0)
            return new RecoveredJournal(1, 0, 0, Genesis());

        var last = segments[^1];
        using (var handle = File.OpenHandle(last.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
        {
            var length = CutTornTail(handle, last.Path, warn);
            if (length > 0)
            {
                var (seq, hash) = ReadHead(handle, last.Path, length);
                return new RecoveredJournal(last.Number, length, seq, hash);
            }
        }
        if (segments.Count == 1)
            return new RecoveredJournal(last.Number, 0, 0, Genesis());

        // A crash right after rotation leaves an empty last segment: the head is the end of the one before.
        var previous = segments[^2];
        using var previousHandle = File.OpenHandle(previous.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var previousLength = RandomAccess.GetLength(previousHandle);
        if (previousLength == 0 || !TornTail.EndsWithLineFeed(previousHandle, previousLength))
            throw Damaged(previous.Path, "a closed segment is empty or ends without a line end");
        var (previousSeq, previousHash) = ReadHead(previousHandle, previous.Path, previousLength);
        return new RecoveredJournal(last.Number, 0, previousSeq, previousHash);
    }

    private static byte[] Genesis() => Encoding.ASCII.GetBytes(JournalHead.Genesis.Hash);

    /// <summary>
    /// Cuts at most one line: the last, when it has no LF or is not a record. A crash tears only the write in
    /// progress, so damage further back is not a torn write and is left for <see cref="ReadHead"/> to refuse.
    /// </summary>
    private static long CutTornTail(SafeFileHandle handle, string path, Action<string>? warn)
    {
        var length = RandomAccess.GetLength(handle);
        if (length == 0)
            return 0;
        var terminated = TornTail.EndsWithLineFeed(handle, length);
        var start = TornTail.LineStartBefore(handle, terminated ? length - 1 : length);
        if (!terminated)
            TornTail.Cut(handle, path, start, length, "has no line end (a partial write)", warn);
        else if (!JournalLine.TryParse(ReadLine(handle, start, length - 1), out _))
            TornTail.Cut(handle, path, start, length, "is not a journal record", warn);
        else
            return length;
        return start;
    }

    private static (long Seq, byte[] Hash) ReadHead(SafeFileHandle handle, string path, long length)
    {
        var start = TornTail.LineStartBefore(handle, length - 1);
        var line = ReadLine(handle, start, length - 1);
        if (!JournalLine.TryParse(line, out var parsed))
            throw Damaged(path, $"the record at byte offset {start} is not a journal record");
        using var hasher = new ChainHasher();
        Span<byte> hash = stackalloc byte[JournalHash.HexLength];
        hasher.ComputeHex(parsed.SeqText(line), parsed.Prev(line), parsed.Envelope(line), hash);
        if (!hash.SequenceEqual(parsed.Hash(line)))
            throw Damaged(path, $"the last record (seq {parsed.Seq}, byte offset {start}) does not match its hash");
        return (parsed.Seq, parsed.Hash(line).ToArray());
    }

    private static byte[] ReadLine(SafeFileHandle handle, long start, long end)
    {
        var line = new byte[checked((int)(end - start))];
        var read = 0;
        while (read < line.Length)
        {
            var n = RandomAccess.Read(handle, line.AsSpan(read), start + read);
            if (n == 0)
                throw new IOException($"unexpected end of file at byte {start + read}");
            read += n;
        }
        return line;
    }

    private static InvalidDataException Damaged(string where, string what) =>
        new($"journal {where}: {what}; run `vanta audit verify` for a full diagnosis");
}
