using System.Text.Json;

namespace Vanta.Markets.Collectors.SecSubmissions;

/// <summary>The entity a submissions document is about: zero-padded CIK, name, first ticker, recent filings.</summary>
internal sealed record SubmissionsEntity(string Cik, string CikDigits, string Name, string Symbol, JsonElement Recent)
{
    public static SubmissionsEntity? Read(JsonElement root, Action<string, string> quarantine)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            quarantine("$", $"top-level value is {root.ValueKind}, not an object");
            return null;
        }
        var cikText = root.TryGetProperty("cik", out var cik) && cik.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? cik.ToString().Trim() : "";
        var digits = cikText.TrimStart('0');
        if (cikText.Length == 0 || cikText.Length > 10 || !cikText.All(char.IsAsciiDigit))
        {
            quarantine("$.cik", $"'{cikText}' is not a CIK");
            return null;
        }
        if (!root.TryGetProperty("filings", out var filings) || filings.ValueKind != JsonValueKind.Object
            || !filings.TryGetProperty("recent", out var recent) || recent.ValueKind != JsonValueKind.Object)
        {
            quarantine("$.filings.recent", "required object is missing");
            return null;
        }
        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : "";
        var symbol = "";
        if (root.TryGetProperty("tickers", out var tickers) && tickers.ValueKind == JsonValueKind.Array
            && tickers.GetArrayLength() > 0 && tickers[0].ValueKind == JsonValueKind.String)
            symbol = tickers[0].GetString()!.Trim().ToUpperInvariant();
        return new SubmissionsEntity(cikText.PadLeft(10, '0'), digits.Length == 0 ? "0" : digits, name, symbol, recent);
    }
}
