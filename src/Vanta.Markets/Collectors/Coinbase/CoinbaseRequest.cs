using System.Globalization;

namespace Vanta.Markets.Collectors.Coinbase;

/// <summary>
/// What a candles document's URI says about the request: the product (<c>/products/BTC-USD/candles</c> or
/// <c>product_id=</c>) and the granularity (<c>granularity=3600</c> or <c>ONE_HOUR</c>). Vanta's symbol for a
/// product is its id without the dash, upper case (<c>BTC-USD</c> becomes <c>BTCUSD</c>, as in LEAN and
/// CryptoDataDownload files).
/// </summary>
public static class CoinbaseRequest
{
    private static readonly Dictionary<string, int> Granularities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ONE_MINUTE"] = 60,
        ["FIVE_MINUTE"] = 300,
        ["FIFTEEN_MINUTE"] = 900,
        ["THIRTY_MINUTE"] = 1800,
        ["ONE_HOUR"] = 3600,
        ["TWO_HOUR"] = 7200,
        ["SIX_HOUR"] = 21600,
        ["ONE_DAY"] = 86400,
    };

    /// <summary>The Vanta symbol of a product id, e.g. <c>btc-usd</c> to <c>BTCUSD</c>.</summary>
    public static string Symbol(string productId) => productId.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>The product id named by the URI, or null.</summary>
    public static string? ProductId(string uri)
    {
        if (DocumentUri.Query(uri, "product_id") is { } fromQuery)
            return fromQuery;
        var path = uri.Split('?')[0].Split('/');
        var at = Array.IndexOf(path, "products");
        return at >= 0 && at + 1 < path.Length && path[at + 1].Length > 0 ? Uri.UnescapeDataString(path[at + 1]) : null;
    }

    /// <summary>The granularity in seconds named by the URI (seconds or an Advanced Trade enum), or null.</summary>
    public static int? GranularitySeconds(string uri) => DocumentUri.Query(uri, "granularity") is { } text ? Seconds(text) : null;

    /// <summary>Seconds for <c>3600</c> or <c>ONE_HOUR</c>, or null.</summary>
    public static int? Seconds(string granularity) =>
        int.TryParse(granularity, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s
        : Granularities.TryGetValue(granularity, out var g) ? g : null;
}
