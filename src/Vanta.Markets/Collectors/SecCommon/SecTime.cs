using System.Globalization;

namespace Vanta.Markets.Collectors.SecCommon;

/// <summary>EDGAR stamps times in America/New_York; Vanta keeps UTC.</summary>
internal static class SecTime
{
    // IANA data ships with the OS on Linux and macOS and works under InvariantGlobalization.
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>When a filing known only by its date is taken as public: 22:00 UTC, after the New York close all year.</summary>
    public static DateTimeOffset AfterClose(DateOnly date) =>
        new(date.ToDateTime(new TimeOnly(22, 0), DateTimeKind.Utc), TimeSpan.Zero);

    /// <summary>The UTC instant of a New York wall-clock time.</summary>
    public static DateTimeOffset FromNewYork(DateTime local) =>
        new(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), NewYork), TimeSpan.Zero);

    /// <summary>An SGML header stamp <c>yyyyMMddHHmmss</c> (New York time) as UTC.</summary>
    public static bool TryParseHeaderStamp(string text, out DateTimeOffset utc)
    {
        utc = default;
        if (!DateTime.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return false;
        utc = FromNewYork(local);
        return true;
    }

    /// <summary>An ISO 8601 time; one without an offset is New York time. Returned in UTC.</summary>
    public static bool TryParseIso(string text, out DateTimeOffset utc)
    {
        utc = default;
        var styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, styles, out var parsed))
            return false;
        utc = parsed.Kind == DateTimeKind.Unspecified
            ? FromNewYork(parsed)
            : new DateTimeOffset(parsed.ToUniversalTime(), TimeSpan.Zero);
        return true;
    }

    /// <summary>A <c>yyyy-MM-dd</c>, <c>MM-dd-yyyy</c> or <c>yyyyMMdd</c> date.</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "MM-dd-yyyy", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
