using System.Xml;
using System.Xml.Linq;

namespace Vanta.Markets.Collectors.SecCommon;

/// <summary>
/// Loads EDGAR XML safely: no DTDs, no external resolution, and a bound on the document size so that an
/// oversized or hostile body is refused with a reason instead of exhausting memory. A payload that is an
/// HTML page (EDGAR's rate-limit or maintenance answers) is recognised and named before XML parsing.
/// </summary>
internal static class SecXml
{
    /// <summary>The largest ownership document or feed accepted: the biggest real Form 4s are a few hundred KB.</summary>
    public const int DefaultMaxBytes = 8 * 1024 * 1024;

    /// <summary>The deepest element nesting accepted; EDGAR ownership, feed and 13F documents stay under ten.</summary>
    public const int MaxDepth = 32;

    /// <summary>Loads <paramref name="bytes"/> into an element tree, or returns the reason it cannot.</summary>
    public static XElement? Load(ReadOnlyMemory<byte> bytes, int maxBytes, out string reason)
    {
        if (Refusal(bytes.Span, maxBytes) is { } refused)
        {
            reason = refused;
            return null;
        }
        try
        {
            using var reader = CreateReader(bytes, maxBytes);
            reason = "";
            return XmlTree.Load(reader, MaxDepth);
        }
        catch (XmlException e)
        {
            reason = $"not well-formed XML: {e.Message}";
            return null;
        }
    }

    /// <summary>A streaming reader with the same safety settings, for large documents read row by row.</summary>
    public static XmlReader CreateReader(ReadOnlyMemory<byte> bytes, int maxBytes)
    {
        var stream = new ReadOnlyMemoryStream(TrimmedStart(bytes));
        return XmlReader.Create(stream, Settings(maxBytes));
    }

    /// <summary>Why a payload is refused before parsing (too large, an SEC HTML page), or null to go on.</summary>
    public static string? Refusal(ReadOnlySpan<byte> bytes, int maxBytes)
    {
        if (bytes.Length > maxBytes)
            return $"document is {bytes.Length} bytes, over the {maxBytes}-byte limit for this kind";
        return SecPages.Describe(bytes);
    }

    /// <summary>
    /// The bytes from the first non-white-space byte after any UTF-8 byte-order mark: EDGAR's SGML wrapper
    /// and some 13F files leave blank lines before the XML declaration.
    /// </summary>
    public static ReadOnlyMemory<byte> TrimmedStart(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];
        var span = bytes.Span;
        var start = 0;
        while (start < span.Length && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            start++;
        return bytes[start..];
    }

    private static XmlReaderSettings Settings(int maxBytes) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        // Characters never outnumber bytes in UTF-8 or ISO-8859-1, so this bounds what a reader can be fed.
        MaxCharactersInDocument = maxBytes,
        MaxCharactersFromEntities = 1024,
        CloseInput = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };
}
