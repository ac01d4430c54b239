using System.Globalization;
using System.Text.Json;

namespace Vanta.Executor.Brokers.Ibkr;

/// <summary>
/// Reading IBKR's loosely typed JSON: the same quantity is a number in one object and a string (<c>"10.0"</c>)
/// in another, and field casing differs between endpoints (<c>order_id</c> vs <c>orderId</c>). Names are matched
/// exactly. A missing or mistyped required field throws <see cref="FormatException"/> naming it.
/// </summary>
internal static class IbkrJson
{
    public static JsonElement Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public static string? String(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => throw new FormatException($"ibkr: '{name}' is a {value.ValueKind}, expected a string"),
        };
    }

    public static string RequiredString(JsonElement obj, string name, string where) =>
        String(obj, name) is { Length: > 0 } text ? text : throw new FormatException($"ibkr: {where} has no '{name}'");

    public static decimal? Decimal(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
            return number;
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString();
            if (string.IsNullOrWhiteSpace(text))
                return null;
            if (decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                return parsed;
        }
        throw new FormatException($"ibkr: '{name}' is not a number ({Clip(value.GetRawText())})");
    }

    public static decimal RequiredDecimal(JsonElement obj, string name, string where) =>
        Decimal(obj, name) ?? throw new FormatException($"ibkr: {where} has no '{name}'");

    public static bool Has(JsonElement obj, string name) => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out _);

    /// <summary>The strings of an array field (or of a single string); empty when absent.</summary>
    public static IReadOnlyList<string> Strings(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value))
            return [];
        return value.ValueKind switch
        {
            JsonValueKind.Array => [.. value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())],
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Null => [],
            _ => throw new FormatException($"ibkr: '{name}' is a {value.ValueKind}, expected a list of strings"),
        };
    }

    /// <summary><c>YYMMDDhhmmss</c> (IBKR's <c>order_time</c>, taken as UTC), or null.</summary>
    public static DateTimeOffset? CompactTime(JsonElement obj, string name) =>
        String(obj, name) is { } text
        && DateTimeOffset.TryParseExact(text, "yyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;

    /// <summary>Epoch milliseconds, or null.</summary>
    public static DateTimeOffset? EpochMs(JsonElement obj, string name) =>
        Decimal(obj, name) is { } ms && ms > 0m && ms < 253_402_300_799_000m ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : null;

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
