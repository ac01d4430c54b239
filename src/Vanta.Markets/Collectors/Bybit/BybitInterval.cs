using System.Globalization;

namespace Vanta.Markets.Collectors.Bybit;

/// <summary>A Bybit v5 kline interval (<c>1</c>..<c>720</c> minutes, <c>D</c>, <c>W</c>, <c>M</c>): the end of a bar from its start.</summary>
public readonly record struct BybitInterval(string Code)
{
    private static readonly int[] Minutes = [1, 3, 5, 15, 30, 60, 120, 240, 360, 720];

    /// <summary>The interval for a code, or null when Bybit has no such interval.</summary>
    public static BybitInterval? Parse(string code) =>
        code is "D" or "W" or "M"
        || (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && Array.IndexOf(Minutes, m) >= 0)
            ? new BybitInterval(code) : null;

    /// <summary>The interval whose length is <paramref name="span"/>, for payloads that do not say (never a month).</summary>
    public static BybitInterval? FromSpan(TimeSpan span) =>
        span == TimeSpan.FromDays(1) ? new BybitInterval("D")
        : span == TimeSpan.FromDays(7) ? new BybitInterval("W")
        : span.Ticks % TimeSpan.TicksPerMinute == 0 && span.TotalMinutes is > 0 and <= 720 ? Parse(((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture))
        : null;

    /// <summary>When a bar starting at <paramref name="start"/> closes.</summary>
    public DateTimeOffset End(DateTimeOffset start) => Code switch
    {
        "D" => start.AddDays(1),
        "W" => start.AddDays(7),
        "M" => start.AddMonths(1),
        _ => start.AddMinutes(int.Parse(Code, CultureInfo.InvariantCulture)),
    };
}
