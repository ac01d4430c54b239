using System.Text;

namespace Vanta.Markets.Collectors;

/// <summary>
/// The parseable part of a raw document's bytes. The raw bytes stay verbatim in the <c>RawDocument</c>;
/// parsers skip a UTF-8 byte-order mark (and, for XML, the blank lines that EDGAR's SGML wrapper leaves
/// before the declaration) so that such files are read rather than quarantined.
/// </summary>
internal static class DocumentBytes
{
    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    public static ReadOnlyMemory<byte> WithoutBom(byte[] content) =>
        content.AsSpan().StartsWith(Bom) ? content.AsMemory(Bom.Length) : content;

    /// <summary>The bytes from the first non-white-space byte after any byte-order mark.</summary>
    public static ReadOnlyMemory<byte> TrimmedStart(byte[] content)
    {
        var bytes = WithoutBom(content);
        var span = bytes.Span;
        var start = 0;
        while (start < span.Length && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            start++;
        return bytes[start..];
    }

    public static string Text(byte[] content) => Encoding.UTF8.GetString(WithoutBom(content).Span);
}
