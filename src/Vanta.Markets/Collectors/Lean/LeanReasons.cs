using System.Globalization;

namespace Vanta.Markets.Collectors.Lean;

/// <summary>
/// Why a LEAN row or file was quarantined. The texts are stable so that operators can group
/// quarantine entries by reason; the column or value that failed is appended.
/// </summary>
internal static class LeanReasons
{
    public static string ColumnCount(int expected, int found) =>
        string.Create(CultureInfo.InvariantCulture, $"expected {expected} columns, found {found}");

    public static string BadDate(string text, string format) => $"date '{text}' is not {format}";

    public static string BadNumber(string column, string text) => $"{column} '{text}' is not a number";

    public const string HighBelowLow = "high is below low";

    public const string OpenCloseOutsideRange = "open or close lies outside the low..high range";

    public const string NonPositivePrice = "prices must be positive";

    public const string NegativeVolume = "volume is negative";

    public static string DuplicateDate(DateOnly date) =>
        $"duplicate bar for {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static string BadFactor(string column, string text) => $"{column} '{text}' is not a positive number";

    public static string FactorOutOfOrder(DateOnly date) =>
        $"row {date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)} is not after the previous row";

    public static string BadSymbol(string fileName) => $"no instrument symbol can be taken from the file name '{fileName}'";

    public const string NoBars = "the file holds no readable bar";
}
