using System.Globalization;
using Vanta.Markets.Collectors.Lean;

namespace Vanta.Markets.Collectors.Csv;

/// <summary>How a CSV layout stamps its bars, and the bar's start and end in UTC from the time cell.</summary>
internal enum CsvClock
{
    /// <summary><c>yyyy-mm-dd</c> US equity session: 09:30 to 16:00 America/New_York.</summary>
    EquityDaily,

    /// <summary>CryptoDataDownload: <c>yyyy-mm-dd</c> (a UTC day) or <c>yyyy-mm-dd hh-AM</c> (a UTC hour).</summary>
    UtcDailyOrHourly,

    /// <summary><c>yyyy-mm-dd</c>, a UTC day.</summary>
    UtcDaily,

    /// <summary>LEAN minute: <c>yyyy-mm-dd hh:mm:ss</c> bar open in America/New_York.</summary>
    NewYorkMinute,

    /// <summary>LEAN crypto minute: <c>yyyy-mm-dd hh:mm:ss</c> bar open in UTC.</summary>
    UtcMinute,
}

/// <summary>Reads a time cell according to a <see cref="CsvClock"/>.</summary>
internal static class CsvClocks
{
    private static readonly TimeOnly Open = new(9, 30);
    private static readonly TimeOnly Close = new(16, 0);

    /// <summary>The bar's start and end, or null with the reason.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? Read(CsvClock clock, string cell, out string? reason)
    {
        reason = null;
        var text = cell.Trim();
        var inv = CultureInfo.InvariantCulture;
        switch (clock)
        {
            case CsvClock.EquityDaily when DateOnly.TryParseExact(text, "yyyy-MM-dd", inv, DateTimeStyles.None, out var d):
                return (NewYorkTime.ToUtc(d, Open), NewYorkTime.ToUtc(d, Close));
            case CsvClock.UtcDaily or CsvClock.UtcDailyOrHourly when DateOnly.TryParseExact(text, "yyyy-MM-dd", inv, DateTimeStyles.None, out var d):
                var day = new DateTimeOffset(d, TimeOnly.MinValue, TimeSpan.Zero);
                return (day, day.AddDays(1));
            case CsvClock.UtcDailyOrHourly when DateTime.TryParseExact(text, "yyyy-MM-dd hh-tt", inv, DateTimeStyles.None, out var h):
                var hour = new DateTimeOffset(h, TimeSpan.Zero);
                return (hour, hour.AddHours(1));
            case CsvClock.NewYorkMinute when DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", inv, DateTimeStyles.None, out var m):
                var start = NewYorkTime.ToUtc(DateOnly.FromDateTime(m), TimeOnly.FromDateTime(m));
                return (start, start.AddMinutes(1));
            case CsvClock.UtcMinute when DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", inv, DateTimeStyles.None, out var m):
                var utc = new DateTimeOffset(m, TimeSpan.Zero);
                return (utc, utc.AddMinutes(1));
        }
        reason = $"time '{cell}' is not {Format(clock)}";
        return null;
    }

    private static string Format(CsvClock clock) => clock switch
    {
        CsvClock.UtcDailyOrHourly => "yyyy-mm-dd or yyyy-mm-dd hh-AM/PM",
        CsvClock.NewYorkMinute or CsvClock.UtcMinute => "yyyy-mm-dd hh:mm:ss",
        _ => "yyyy-mm-dd",
    };
}
