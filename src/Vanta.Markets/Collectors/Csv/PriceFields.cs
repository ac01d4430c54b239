using System.Globalization;
using System.Text.Json;

namespace Vanta.Markets.Collectors.Csv;

/// <summary>
/// Number reads and bar checks shared by the price parsers (CSV, Coinbase, Bybit, CoinGecko): decimals in the
/// invariant culture from text or JSON (numbers or numeric strings), and the OHLCV sanity rules.
/// </summary>
internal static class PriceFields
{
    public static bool TryDecimal(ReadOnlySpan<char> text, out decimal value) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>A JSON number, or a string holding one (exchanges send both).</summary>
    public static bool TryDecimal(JsonElement element, out decimal value)
    {
        value = 0m;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDecimal(out value),
            JsonValueKind.String => TryDecimal(element.GetString(), out value),
            _ => false,
        };
    }

    /// <summary>A JSON integer or integer string, e.g. a Unix time.</summary>
    public static bool TryInt64(JsonElement element, out long value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt64(out value),
            JsonValueKind.String => long.TryParse(element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    /// <summary>Seconds or milliseconds since the Unix epoch as a UTC time, or null when out of range.</summary>
    public static DateTimeOffset? UnixTime(long value, bool milliseconds)
    {
        var max = milliseconds ? 253_402_300_799_999L : 253_402_300_799L;
        if (value < 0 || value > max)
            return null;
        return milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value);
    }

    /// <summary>Why a bar is not a valid OHLCV bar, or null when it is.</summary>
    public static string? Check(decimal open, decimal high, decimal low, decimal close, decimal volume)
    {
        if (open <= 0m || high <= 0m || low <= 0m || close <= 0m)
            return "prices must be positive";
        if (high < low)
            return "high is below low";
        if (open < low || open > high || close < low || close > high)
            return "open or close lies outside the low..high range";
        return volume < 0m ? "volume is negative" : null;
    }

    private static bool TryDecimal(string? text, out decimal value)
    {
        value = 0m;
        return text is not null && TryDecimal(text.AsSpan(), out value);
    }
}
