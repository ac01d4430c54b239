using System.Globalization;
using System.Runtime.CompilerServices;
using Vanta.Http;

namespace Vanta.Markets.Collectors.Coinbase;

/// <summary>Which Coinbase candles to fetch.</summary>
/// <param name="ExchangeBase">Default <c>https://api.exchange.coinbase.com/</c>; null to skip Exchange candles.</param>
/// <param name="AdvancedBase">Default <c>https://api.coinbase.com/</c>; null to skip Advanced Trade candles.</param>
/// <param name="Products">Product ids, e.g. <c>BTC-USD</c>.</param>
/// <param name="GranularitySeconds">Exchange granularity: 60, 300, 900, 3600, 21600 or 86400.</param>
/// <param name="AdvancedGranularity">Advanced Trade granularity, e.g. <c>ONE_HOUR</c>.</param>
public sealed record CoinbaseOptions(Uri? ExchangeBase, Uri? AdvancedBase, IReadOnlyList<string> Products, int GranularitySeconds = 3600, string AdvancedGranularity = "ONE_HOUR")
{
    /// <summary>Both public candle endpoints on the real hosts.</summary>
    public static CoinbaseOptions Live(IReadOnlyList<string> products) =>
        new(new Uri("https://api.exchange.coinbase.com/"), new Uri("https://api.coinbase.com/"), products);
}

/// <summary>Coinbase Exchange candles (arrays, newest first) and Advanced Trade public candles (objects, string numbers).</summary>
public sealed class CoinbaseCollector(PoliteHttpClient http, CoinbaseOptions options) : ICollector
{
    /// <summary>The candle parsers' source kinds.</summary>
    public const string ExchangeSource = "coinbase-candles", AdvancedSource = "coinbase-advanced-candles";

    public string Name => "coinbase";

    public async IAsyncEnumerable<FetchResult> CollectAsync(CollectorRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var product in options.Products)
        {
            var id = Uri.EscapeDataString(product);
            if (options.ExchangeBase is { } exchange)
            {
                var query = string.Create(CultureInfo.InvariantCulture, $"granularity={options.GranularitySeconds}");
                if (request.Since is { } since && request.Until is { } until)
                    query += $"&start={Iso(since)}&end={Iso(until)}";
                yield return await http.FetchAsync(new FetchRequest(ExchangeSource, new Uri(exchange, $"products/{id}/candles?{query}")), cancellationToken);
            }
            if (options.AdvancedBase is { } advanced)
            {
                var query = $"granularity={options.AdvancedGranularity}";
                if (request.Since is { } since && request.Until is { } until)
                    query += string.Create(CultureInfo.InvariantCulture, $"&start={since.ToUnixTimeSeconds()}&end={until.ToUnixTimeSeconds()}");
                yield return await http.FetchAsync(new FetchRequest(AdvancedSource, new Uri(advanced, $"api/v3/brokerage/market/products/{id}/candles?{query}")), cancellationToken);
            }
        }
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
