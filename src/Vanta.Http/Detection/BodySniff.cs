using System.Text;

namespace Vanta.Http.Detection;

/// <summary>Cheap looks at the start of a body, without decoding all of it.</summary>
public static class BodySniff
{
    // Block and maintenance pages put their title well inside the first few KB; EDGAR's maintenance
    // page has about 1.5 KB of script before its title, so look a little further than that.
    private const int HeadBytes = 8192;

    /// <summary>True when the first bytes of the body contain <paramref name="marker"/> (ASCII, case-insensitive).</summary>
    public static bool HeadContains(ReadOnlyMemory<byte> body, string marker) =>
        Head(body).Contains(marker, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the body starts (after a BOM and white space) like an HTML page.</summary>
    public static bool LooksLikeHtml(ReadOnlyMemory<byte> body)
    {
        var start = FirstSignificant(body);
        return start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The first significant character, or '\0' for an empty body.</summary>
    public static char FirstChar(ReadOnlyMemory<byte> body)
    {
        var start = FirstSignificant(body);
        return start.Length == 0 ? '\0' : start[0];
    }

    private static string Head(ReadOnlyMemory<byte> body) =>
        Encoding.Latin1.GetString(body.Span[..Math.Min(body.Length, HeadBytes)]);

    private static string FirstSignificant(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            span = span[3..];
        var i = 0;
        while (i < span.Length && span[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            i++;
        return Encoding.Latin1.GetString(span[i..Math.Min(span.Length, i + 64)]);
    }
}
