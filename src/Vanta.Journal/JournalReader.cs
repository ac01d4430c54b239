using System.Text;

namespace Vanta.Journal;

/// <summary>
/// Streams the records of a journal in chain order, for replay. It reads; it does not verify: run
/// <see cref="JournalVerifier"/> first when the journal's integrity is in question. An unterminated last
/// line (a write in progress, or one torn by a crash) is not yet a record and is not returned.
/// </summary>
public static class JournalReader
{
    /// <exception cref="InvalidDataException">A complete line is not a journal record (names file and line).</exception>
    public static IEnumerable<JournalRecord> ReadAll(string directory)
    {
        if (!Directory.Exists(directory))
            yield break;
        foreach (var segment in JournalSegments.List(directory))
        {
            using var reader = new LineChunkReader(segment.Path);
            long lineNumber = 0;
            while (reader.TryRead(out var chunk, out _))
            {
                if (chunk.Span[^1] != (byte)'\n')
                    break;
                var at = 0;
                while (at < chunk.Length)
                {
                    var length = chunk.Span[at..].IndexOf((byte)'\n');
                    lineNumber++;
                    yield return Parse(chunk.Span.Slice(at, length), segment, lineNumber);
                    at += length + 1;
                }
            }
        }
    }

    private static JournalRecord Parse(ReadOnlySpan<byte> line, Segment segment, long lineNumber)
    {
        if (!JournalLine.TryParse(line, out var parsed))
            throw new InvalidDataException($"{segment.Path} line {lineNumber}: not a journal record");
        try
        {
            return new JournalRecord(
                parsed.Seq,
                Encoding.ASCII.GetString(parsed.Prev(line)),
                Encoding.ASCII.GetString(parsed.Hash(line)),
                EnvelopeCodec.Deserialize(parsed.Envelope(line)));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{segment.Path} line {lineNumber} (seq {parsed.Seq}): bad envelope: {e.Message}", e);
        }
    }
}
