using Vanta.Http;
using Vanta.Markets.Collectors;
using Vanta.Markets.Collectors.Bybit;
using Vanta.Markets.Collectors.Coinbase;
using Vanta.Markets.Collectors.Fred;
using Vanta.Testing;
using Vanta.Testing.StandIn;

namespace Vanta.Markets.Tests.Collectors.Live;

public sealed class PriceCollectorTests
{
    private const string Agent = "vanta-harvest/0.3 ops@example.com";

    [LiveDataFact]
    public async Task Coinbase_exchange_and_advanced_candles_and_bybit_klines_are_fetched_verbatim()
    {
        await using var h = new LiveHarness();
        var advanced = SharedData.Bytes("apis/coinbase/advanced_trade_http_candles.json");
        var kline = SharedData.Bytes("apis/bybit/v5_market_kline_spot_BTCUSDT.json");
        h.Server.Script("/products/BTC-USD/candles", StandInResponse.Json("[[1718334000,66010.12,66420.55,66102.00,66388.31,412.58820113]]"));
        h.Server.Script("/api/v3/brokerage/market/products/BTC-USD/candles", StandInResponse.Bytes(advanced, "application/json"));
        h.Server.Script("/v5/market/kline", StandInResponse.Bytes(kline, "application/json"));
        var json = HttpSourcePolicies.Json("crypto", Agent, new RateLimit(10, TimeSpan.FromSeconds(1)));
        var range = new CollectorRequest(PageSize: 200, Since: LiveHarness.Start.AddHours(-3), Until: LiveHarness.Start);

        var coinbase = await h.CollectAsync(new CoinbaseCollector(h.Client(json), new CoinbaseOptions(h.Server.BaseUri, h.Server.BaseUri, ["BTC-USD"])).CollectAsync(range, CancellationToken.None));
        var bybit = await h.CollectAsync(new BybitKlineCollector(h.Client(json), new BybitKlineOptions(h.Server.BaseUri, "spot", ["BTCUSDT"])).CollectAsync(range, CancellationToken.None));

        Assert.Equal(["coinbase-candles", "coinbase-advanced-candles", "bybit-kline"], coinbase.Concat(bybit).Select(r => Assert.IsType<FetchResult.Fetched>(r).Document.Source));
        Assert.Equal(advanced, h.Journal[1].Content);
        Assert.Equal(kline, h.Journal[2].Content);
        var exchange = Assert.Single(h.Server.RequestsTo("/products/BTC-USD/candles"));
        Assert.Equal(("3600", "2024-06-14T18:00:00Z"), (exchange.QueryValue("granularity"), exchange.QueryValue("start")));
        var klineRequest = Assert.Single(h.Server.RequestsTo("/v5/market/kline"));
        Assert.Equal(("spot", "BTCUSDT", "D", "200"), (klineRequest.QueryValue("category"), klineRequest.QueryValue("symbol"), klineRequest.QueryValue("interval"), klineRequest.QueryValue("limit")));
    }

    [Fact]
    public async Task The_fred_api_key_is_sent_but_never_kept_in_the_journaled_url()
    {
        await using var h = new LiveHarness();
        h.Server.Script("/fred/series/observations", StandInResponse.Json("""{"observations":[{"date":"2024-06-14","value":"."}]}"""));
        var policy = HttpSourcePolicies.Json("fred", Agent, new RateLimit(2, TimeSpan.FromSeconds(1)), "api_key");
        var options = new FredOptions(h.Server.Url("/fred/"), "abcdefghijklmnopqrstuvwxyz012345", ["DGS10"]);

        var results = await h.CollectAsync(new FredCollector(h.Client(policy), options).CollectAsync(new CollectorRequest(), CancellationToken.None));

        var document = Assert.IsType<FetchResult.Fetched>(Assert.Single(results)).Document;
        Assert.Equal("abcdefghijklmnopqrstuvwxyz012345", h.Server.Requests[0].QueryValue("api_key"));
        Assert.Contains("api_key=***", document.Uri, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdefghijklmnopqrstuvwxyz012345", document.Uri + options, StringComparison.Ordinal);
    }
}
