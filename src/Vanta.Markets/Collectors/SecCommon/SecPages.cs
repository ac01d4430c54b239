using System.Text;

namespace Vanta.Markets.Collectors.SecCommon;

/// <summary>
/// Recognises the HTML pages EDGAR answers with instead of data: the fair-access (rate-limit) block page,
/// the maintenance / file-unavailable page, and any other HTML. They are errors, never documents.
/// </summary>
internal static class SecPages
{
    private const int SniffBytes = 64 * 1024;

    /// <summary>A reason naming the page when <paramref name="bytes"/> is HTML, else null.</summary>
    public static string? Describe(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 512)];
        if (!Contains(head, "<!doctype html"u8) && !Contains(head, "<html"u8))
            return null;
        var text = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, SniffBytes)]);
        var title = Title(text);
        if (text.Contains("Request Rate Threshold Exceeded", StringComparison.OrdinalIgnoreCase)
            || text.Contains("Exceeded the SEC", StringComparison.OrdinalIgnoreCase)
            || text.Contains("Undeclared Automated Tool", StringComparison.OrdinalIgnoreCase))
            return $"SEC rate-limit page, not data (title: '{title}')";
        if (text.Contains("maintenance", StringComparison.OrdinalIgnoreCase)
            || text.Contains("temporarily unavailable", StringComparison.OrdinalIgnoreCase))
            return $"EDGAR maintenance page, not data (title: '{title}')";
        return $"HTML page, not data (title: '{title}')";
    }

    private static string Title(string text)
    {
        var start = text.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
        var end = start < 0 ? -1 : text.IndexOf("</title>", start, StringComparison.OrdinalIgnoreCase);
        return end < 0 ? "" : text[(start + 7)..end].Trim();
    }

    private static bool Contains(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> lowerNeedle)
    {
        for (var i = 0; i + lowerNeedle.Length <= haystack.Length; i++)
        {
            var j = 0;
            while (j < lowerNeedle.Length && (haystack[i + j] | 0x20) == (lowerNeedle[j] | 0x20))
                j++;
            if (j == lowerNeedle.Length)
                return true;
        }
        return false;
    }
}
