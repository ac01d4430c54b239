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
    public static IEnumerable<JournalRecord> ReadAll(string directory) =>
        JournalLines.Read(directory).Select(line => Parse(line.Line.Span, line.SegmentPath, line.LineNumber));

    /// <summary>
    /// The journal's complete lines, unparsed, for a reader that needs only part of each (a header, the hash).
    /// Each line's bytes are valid until the enumeration moves on.
    /// </summary>
    public static IEnumerable<JournalLineRef> ReadLines(string directory) => JournalLines.Read(directory);

    private static JournalRecord Parse(ReadOnlySpan<byte> line, string segment, long lineNumber)
    {
        if (!JournalLine.TryParse(line, out var parsed))
            throw new InvalidDataException($"{segment} line {lineNumber}: not a journal record");
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
            throw new InvalidDataException($"{segment} line {lineNumber} (seq {parsed.Seq}): bad envelope: {e.Message}", e);
        }
    }
}
