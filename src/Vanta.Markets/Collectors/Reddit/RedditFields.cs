using System.Text.Json;

namespace Vanta.Markets.Collectors.Reddit;

/// <summary>Typed reads of a Listing child's <c>data</c> fields; null when absent or of another type.</summary>
internal static class RedditFields
{
    public static string? String(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int? Int(JsonElement data, string name)
    {
        if (!data.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number)
            return null;
        return value.TryGetInt32(out var number) ? number : null;
    }

    /// <summary>
    /// The creation time: <c>created_utc</c>, else the legacy <c>created</c>. Read as decimal seconds so
    /// that fractional values convert exactly. Returns the field used (null when neither is present).
    /// </summary>
    public static (string? Field, DateTimeOffset? Time) CreatedAt(JsonElement data)
    {
        foreach (var field in new[] { "created_utc", "created" })
        {
            if (!data.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Number)
                continue;
            if (!value.TryGetDecimal(out var seconds) || seconds < 0m || seconds > 253_402_300_799m)
                return (field, null);
            var ticks = decimal.Truncate(seconds * TimeSpan.TicksPerSecond);
            return (field, DateTimeOffset.UnixEpoch.AddTicks((long)ticks));
        }
        return (null, null);
    }
}
