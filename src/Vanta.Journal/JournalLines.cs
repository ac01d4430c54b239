namespace Vanta.Journal;

/// <summary>
/// One complete line of a journal segment, LF excluded. <see cref="Line"/> points into a reused buffer: it is
/// valid until the enumeration moves on, so copy what must be kept.
/// </summary>
/// <param name="SegmentPath">The segment's path; <see cref="SegmentName"/> is its file name, e.g. <c>journal-000001.jsonl</c>.</param>
/// <param name="Offset">Byte offset of the line's first byte in its segment.</param>
/// <param name="LineNumber">1-based line number within its segment.</param>
public readonly record struct JournalLineRef(string SegmentPath, long Offset, long LineNumber, ReadOnlyMemory<byte> Line)
{
    public string SegmentName => Path.GetFileName(SegmentPath);
}

/// <summary>
/// The one way Vanta walks a journal's lines: segments in number order, read in large chunks of whole lines. Bytes
/// after a segment's last LF (a write in progress, or one torn by a crash) are not a record yet and are skipped.
/// </summary>
internal static class JournalLines
{
    public static IEnumerable<JournalLineRef> Read(string directory)
    {
        if (!Directory.Exists(directory))
            yield break;
        foreach (var segment in JournalSegments.List(directory))
        {
            foreach (var line in Read(segment))
                yield return line;
        }
    }

    /// <summary>The lines of one segment from byte <paramref name="start"/> (the start of a line; line numbers then count from there).</summary>
    public static IEnumerable<JournalLineRef> Read(Segment segment, long start = 0)
    {
        using var reader = new LineChunkReader(segment.Path, start);
        long lineNumber = 0;
        while (reader.TryRead(out var chunk, out var offset))
        {
            if (chunk.Span[^1] != (byte)'\n')
                yield break;
            var at = 0;
            while (at < chunk.Length)
            {
                var length = chunk.Span[at..].IndexOf((byte)'\n');
                yield return new JournalLineRef(segment.Path, offset + at, ++lineNumber, chunk.Slice(at, length));
                at += length + 1;
            }
        }
    }
}
