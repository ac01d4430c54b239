using System.Globalization;
using System.Text.RegularExpressions;

namespace Vanta.Markets.Collectors.News;

/// <summary>
/// Feed dates to UTC: RFC 822 / 1123 (<c>Fri, 14 Jun 2024 21:10:00 GMT</c>, numeric offsets, the US zone names
/// EST/EDT/CST/CDT/MST/MDT/PST/PDT, UT/UTC/GMT/Z, two-digit years) and RFC 3339 (Atom). A date without a zone
/// is refused rather than guessed.
/// </summary>
internal static partial class NewsDates
{
    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0,
        ["UTC"] = 0,
        ["GMT"] = 0,
        ["Z"] = 0,
        ["EST"] = -5,
        ["EDT"] = -4,
        ["CST"] = -6,
        ["CDT"] = -5,
        ["MST"] = -7,
        ["MDT"] = -6,
        ["PST"] = -8,
        ["PDT"] = -7,
    };

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>An RFC 822 date in UTC, or null when it cannot be read.</summary>
    public static DateTimeOffset? Rfc822(string text)
    {
        var m = Rfc822Pattern().Match(text);
        if (!m.Success)
            return null;
        var month = Array.IndexOf(Months, m.Groups["mon"].Value[..3].ToLowerInvariant()) + 1;
        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["y"].Value.Length == 2)
            year += year < 50 ? 2000 : 1900;
        if (month == 0 || !TryOffset(m.Groups["zone"].Value, out var offset))
            return null;
        var second = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        try
        {
            return new DateTimeOffset(
                year, month, int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["mi"].Value, CultureInfo.InvariantCulture), second, offset).ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>An RFC 3339 date-time (a zone is required) in UTC, or null.</summary>
    public static DateTimeOffset? Rfc3339(string text)
    {
        text = text.Trim();
        if (!Rfc3339Zone().IsMatch(text))
            return null;
        return DateTimeOffset.TryParseExact(
            text.ToUpperInvariant(), ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value.ToUniversalTime() : null;
    }

    /// <summary>Either form: feeds mix them (RSS 1.0's <c>dc:date</c> is ISO, some Atom feeds write RFC 822).</summary>
    public static DateTimeOffset? Any(string text) => Rfc3339(text) ?? Rfc822(text);

    private static bool TryOffset(string zone, out TimeSpan offset)
    {
        offset = default;
        if (zone.Length == 5 && zone[0] is '+' or '-' && int.TryParse(zone.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm))
        {
            var minutes = (hhmm / 100 * 60) + (hhmm % 100);
            if (hhmm % 100 >= 60 || minutes > 14 * 60)
                return false;
            offset = TimeSpan.FromMinutes(zone[0] == '-' ? -minutes : minutes);
            return true;
        }
        if (!ZoneHours.TryGetValue(zone, out var hours))
            return false;
        offset = TimeSpan.FromHours(hours);
        return true;
    }

    [GeneratedRegex(
        @"^\s*(?:[A-Za-z]{3,9},?\s*)?(?<d>\d{1,2})\s+(?<mon>[A-Za-z]{3,9})\.?\s+(?<y>\d{4}|\d{2})\s+(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?\s*(?<zone>[+-]\d{4}|[A-Za-z]{1,3})\s*$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Rfc822Pattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339Zone();
}
