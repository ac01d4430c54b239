using System.Globalization;
using System.Text.Json;

namespace Vanta.Executor.Brokers.Tradier;

/// <summary>
/// Reading Tradier's XML-derived JSON: a collection is <c>{"orders": {"order": [..]}}</c>, but a single element
/// comes as an object instead of an array and an empty collection as the string <c>"null"</c>. Missing or
/// mistyped required fields throw <see cref="FormatException"/> naming the field; the adapter turns that into
/// <see cref="Common.BrokerErrorCodes.MalformedResponse"/>.
/// </summary>
internal static class TradierJson
{
    /// <summary>The elements of <c>root[outer][inner]</c>: array, single object, <c>"null"</c> or absent.</summary>
    public static IReadOnlyList<JsonElement> Items(JsonElement root, string outer, string inner)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(outer, out var wrapper) || IsNull(wrapper))
            return [];
        if (wrapper.ValueKind != JsonValueKind.Object)
            throw new FormatException($"tradier: '{outer}' is a {wrapper.ValueKind}, expected an object or \"null\"");
        if (!wrapper.TryGetProperty(inner, out var items) || IsNull(items))
            return [];
        return items.ValueKind switch
        {
            JsonValueKind.Array => [.. items.EnumerateArray()],
            JsonValueKind.Object => [items],
            _ => throw new FormatException($"tradier: '{outer}.{inner}' is a {items.ValueKind}, expected an array or an object"),
        };
    }

    /// <summary>The object at <c>root[name]</c>, or throws naming it.</summary>
    public static JsonElement Object(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new FormatException($"tradier: response has no '{name}' object");

    /// <summary>A string field; null when absent, JSON null or the string <c>"null"</c>. Numbers are rendered invariantly.</summary>
    public static string? String(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || IsNull(value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new FormatException($"tradier: '{name}' is a {value.ValueKind}, expected a string"),
        };
    }

    public static string RequiredString(JsonElement obj, string name, string where) =>
        String(obj, name) ?? throw new FormatException($"tradier: {where} has no '{name}'");

    /// <summary>A number field (JSON number or numeric string); null when absent or null.</summary>
    public static decimal? Decimal(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || IsNull(value))
            return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
            return number;
        if (value.ValueKind == JsonValueKind.String
            && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }
        throw new FormatException($"tradier: '{name}' is not a number ({Clip(value.GetRawText())})");
    }

    public static decimal RequiredDecimal(JsonElement obj, string name, string where) =>
        Decimal(obj, name) ?? throw new FormatException($"tradier: {where} has no '{name}'");

    /// <summary>An ISO 8601 timestamp field, or null.</summary>
    public static DateTimeOffset? Time(JsonElement obj, string name)
    {
        var text = String(obj, name);
        if (text is null)
            return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw new FormatException($"tradier: '{name}' is not a timestamp ({Clip(text)})");
    }

    /// <summary>The messages of a <c>{"errors": {"error": [..] | ".."}}</c> body; empty when there is none.</summary>
    public static IReadOnlyList<string> Errors(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("errors", out var errors) || IsNull(errors))
            return [];
        var inner = errors.ValueKind == JsonValueKind.Object && errors.TryGetProperty("error", out var e) ? e : errors;
        return inner.ValueKind switch
        {
            JsonValueKind.Array => [.. inner.EnumerateArray().Select(Text).Where(t => t.Length > 0)],
            JsonValueKind.String => [inner.GetString()!],
            _ => [Text(inner)],
        };
    }

    private static bool IsNull(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null || (value.ValueKind == JsonValueKind.String && value.ValueEquals("null"));

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
