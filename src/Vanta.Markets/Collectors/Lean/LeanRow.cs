using System.Globalization;

namespace Vanta.Markets.Collectors.Lean;

/// <summary>One raw, validated daily row of a LEAN bar file.</summary>
internal readonly record struct LeanRow(DateOnly Date, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume)
{
    private static readonly string[] Columns = ["open", "high", "low", "close", "volume"];

    /// <summary>Parses and validates one CSV row; returns the quarantine reason, or null when the row is good.</summary>
    public static string? TryParse(string line, out LeanRow row)
    {
        row = default;
        var cells = line.Split(',');
        if (cells.Length != 6)
            return LeanReasons.ColumnCount(6, cells.Length);
        if (!DateOnly.TryParseExact(cells[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return LeanReasons.BadDate(cells[0], "yyyy-mm-dd");

        Span<decimal> values = stackalloc decimal[5];
        for (var c = 0; c < 5; c++)
        {
            if (!decimal.TryParse(cells[c + 1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[c]))
                return LeanReasons.BadNumber(Columns[c], cells[c + 1]);
        }
        var (open, high, low, close, volume) = (values[0], values[1], values[2], values[3], values[4]);
        if (open <= 0m || high <= 0m || low <= 0m || close <= 0m)
            return LeanReasons.NonPositivePrice;
        if (high < low)
            return LeanReasons.HighBelowLow;
        if (open < low || open > high || close < low || close > high)
            return LeanReasons.OpenCloseOutsideRange;
        if (volume < 0m)
            return LeanReasons.NegativeVolume;
        row = new LeanRow(date, open, high, low, close, volume);
        return null;
    }
}
