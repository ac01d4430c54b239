using System.Globalization;
using System.Runtime.CompilerServices;
using Vanta.Http;

namespace Vanta.Markets.Collectors.Bybit;

/// <summary>Which Bybit v5 klines to fetch.</summary>
/// <param name="Base">Default <c>https://api.bybit.com/</c>.</param>
/// <param name="Category"><c>spot</c>, <c>linear</c> or <c>inverse</c>.</param>
/// <param name="Symbols">e.g. <c>BTCUSDT</c>.</param>
/// <param name="Interval">Bybit interval code: 1 3 5 15 30 60 120 240 360 720 D W M.</param>
public sealed record BybitKlineOptions(Uri Base, string Category, IReadOnlyList<string> Symbols, string Interval = "D");

/// <summary>Bybit v5 <c>GET /v5/market/kline</c> per symbol (public, no signature).</summary>
public sealed class BybitKlineCollector(PoliteHttpClient http, BybitKlineOptions options) : ICollector
{
    /// <summary>The kline parser's source kind.</summary>
    public const string Source = "bybit-kline";

    public string Name => "bybit";

    public async IAsyncEnumerable<FetchResult> CollectAsync(CollectorRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var symbol in options.Symbols)
        {
            var query = string.Create(CultureInfo.InvariantCulture,
                $"category={options.Category}&symbol={Uri.EscapeDataString(symbol)}&interval={options.Interval}&limit={Math.Clamp(request.PageSize, 1, 1000)}");
            if (request.Since is { } since)
                query += string.Create(CultureInfo.InvariantCulture, $"&start={since.ToUnixTimeMilliseconds()}");
            if (request.Until is { } until)
                query += string.Create(CultureInfo.InvariantCulture, $"&end={until.ToUnixTimeMilliseconds()}");
            yield return await http.FetchAsync(new FetchRequest(Source, new Uri(options.Base, "v5/market/kline?" + query)), cancellationToken);
        }
    }
}
