using System.Text;

namespace Vanta.Markets.Collectors.SecSubmissionText;

/// <summary>One <c>&lt;DOCUMENT&gt;</c> block: its TYPE and FILENAME, and the byte range of its XML body when it has one.</summary>
internal sealed record SgmlDocument(int Index, string Type, string FileName, ReadOnlyMemory<byte>? Xml);

/// <summary>Splits a full submission's bytes into its header text and document blocks, without copying the bodies.</summary>
internal static class SgmlDocuments
{
    /// <summary>The text between <c>&lt;SEC-HEADER&gt;</c> and <c>&lt;/SEC-HEADER&gt;</c>, or null.</summary>
    public static string? Header(ReadOnlySpan<byte> bytes)
    {
        var start = bytes.IndexOf("<SEC-HEADER>"u8);
        if (start < 0)
            return null;
        var end = bytes[start..].IndexOf("</SEC-HEADER>"u8);
        return end < 0 ? null : Encoding.Latin1.GetString(bytes.Slice(start, end));
    }

    public static IEnumerable<SgmlDocument> Read(ReadOnlyMemory<byte> bytes)
    {
        var offset = 0;
        var index = 0;
        while (true)
        {
            var start = bytes.Span[offset..].IndexOf("<DOCUMENT>"u8);
            if (start < 0)
                yield break;
            start += offset;
            var length = bytes.Span[start..].IndexOf("</DOCUMENT>"u8);
            var block = length < 0 ? bytes[start..] : bytes.Slice(start, length);
            index++;
            yield return new SgmlDocument(index, Tag(block.Span, "<TYPE>"u8), Tag(block.Span, "<FILENAME>"u8), Xml(block));
            if (length < 0)
                yield break;
            offset = start + length;
        }
    }

    /// <summary>The rest of the line after an SGML tag such as <c>&lt;TYPE&gt;</c>.</summary>
    private static string Tag(ReadOnlySpan<byte> block, ReadOnlySpan<byte> tag)
    {
        var at = block.IndexOf(tag);
        if (at < 0)
            return "";
        var rest = block[(at + tag.Length)..];
        var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
        return Encoding.Latin1.GetString(end < 0 ? rest : rest[..end]).Trim();
    }

    private static ReadOnlyMemory<byte>? Xml(ReadOnlyMemory<byte> block)
    {
        var open = block.Span.IndexOf("<XML>"u8);
        if (open < 0)
            return null;
        var body = block[(open + "<XML>".Length)..];
        var close = body.Span.LastIndexOf("</XML>"u8);
        return close < 0 ? body : body[..close];
    }
}
