using System.Text;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors.Coinbase;

namespace Vanta.Markets.Tests.Collectors.Coinbase;

/// <summary>
/// Exchange candles (fixture: the response example of shared/specs/rss-fred-crypto.md, verbatim) and Advanced
/// Trade candles (the real shared payload).
/// </summary>
public sealed class CoinbaseCandlesParserTests
{
    private const string ExchangeUri = "https://api.exchange.coinbase.com/products/BTC-USD/candles?granularity=3600&start=2024-06-14T00:00:00Z";
    private static readonly string Fixture = Path.Combine(TestData.RepoRoot, "tests/Vanta.Markets.Tests/Collectors/Coinbase/Fixtures/exchange_candles_BTC-USD_3600.json");

    [Fact]
    public void Exchange_candles_become_ascending_hour_bars_for_the_product_in_the_uri()
    {
        var result = new CoinbaseCandlesParser().Parse(TestData.Document(CoinbaseCandlesParser.SourceKind, Fixture, ExchangeUri));
        var bars = result.Observations.Cast<PriceBar>().ToList();

        Assert.Empty(result.Quarantined);
        Assert.Equal(3, bars.Count);
        var first = bars[0];
        Assert.Equal(("BTCUSD", "coinbase-candles"), (first.Symbol, first.Source));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1718326800), first.Start);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1718330400), first.TsEvent);
        Assert.Equal((65840.10m, 66080.00m, 65790.03m, 66005.76m, 301.77210094m), (first.Open, first.High, first.Low, first.Close, first.Volume));
        Assert.Equal(66388.31m, bars[2].Close);
    }

    [Fact]
    public void Product_and_granularity_can_be_given_to_the_parser()
    {
        var result = new CoinbaseCandlesParser("eth-usd", 86400).Parse(TestData.Document("coinbase-candles", Fixture, "candles.json"));

        Assert.All(result.Observations.Cast<PriceBar>(), b => Assert.Equal(("ETHUSD", TimeSpan.FromDays(1)), (b.Symbol, b.TsEvent - b.Start)));
    }

    [Fact]
    public void Bad_candles_are_quarantined_by_index_and_the_rest_kept()
    {
        var payload = "[[1718334000,66010.12,66420.55,66102.00,66388.31,412.5],[1718330400,\"x\",1,1,1,1],[1718326800,5,4,4.5,4.5,1],\"row\"]";
        var result = new CoinbaseCandlesParser().Parse(TestData.Document("coinbase-candles", ExchangeUri, Encoding.UTF8.GetBytes(payload)));

        Assert.Single(result.Observations);
        Assert.Equal(
            [
                ("candles[1]", "low \"x\" is not a number"),
                ("candles[2]", "high is below low"),
                ("candles[3]", "candle is not an array of 6 numbers [time, low, high, open, close, volume]"),
            ],
            result.Quarantined.Select(q => (q.Location[(q.Location.IndexOf('#') + 1)..], q.Reason)));
    }

    [Theory]
    [InlineData("{\"message\":\"Unsupported granularity\"}", "Coinbase error: Unsupported granularity")]
    [InlineData("[[1718334000,66010.12", "not valid JSON")]
    [InlineData("{\"candles\":[]}", "not Coinbase candles")]
    public void Errors_and_wrong_shapes_are_quarantined_whole(string payload, string reason)
    {
        var result = new CoinbaseCandlesParser().Parse(TestData.Document("coinbase-candles", ExchangeUri, Encoding.UTF8.GetBytes(payload)));

        Assert.Empty(result.Observations);
        Assert.StartsWith(reason, Assert.Single(result.Quarantined).Reason);
    }

    [SharedDataFact]
    public void The_real_advanced_trade_candles_infer_the_hour_and_come_out_ascending()
    {
        var document = TestData.Document(CoinbaseAdvancedCandlesParser.SourceKind, TestData.Shared("apis/coinbase/advanced_trade_http_candles.json"));
        var result = new CoinbaseAdvancedCandlesParser("BTC-USD").Parse(document);
        var bars = result.Observations.Cast<PriceBar>().ToList();

        Assert.Empty(result.Quarantined);
        Assert.Equal(2, bars.Count);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1712188800), bars[0].Start);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1712192400), bars[0].TsEvent);
        Assert.Equal((65984.18m, 66387.77m, 65857.35m, 66314.59m, 358.74851052m), (bars[0].Open, bars[0].High, bars[0].Low, bars[0].Close, bars[0].Volume));
        Assert.Equal(("BTCUSD", 66181.6m), (bars[1].Symbol, bars[1].Close));
    }

    [SharedDataFact]
    public void Advanced_trade_granularity_enums_come_from_the_uri()
    {
        var uri = "https://api.coinbase.com/api/v3/brokerage/market/products/SOL-USD/candles?granularity=ONE_DAY";
        var result = new CoinbaseAdvancedCandlesParser().Parse(TestData.Document("coinbase-advanced-candles", TestData.Shared("apis/coinbase/advanced_trade_http_candles.json"), uri));

        Assert.All(result.Observations.Cast<PriceBar>(), b => Assert.Equal(("SOLUSD", TimeSpan.FromDays(1)), (b.Symbol, b.TsEvent - b.Start)));
    }

    [Fact]
    public void Without_a_product_the_document_is_quarantined()
    {
        var result = new CoinbaseAdvancedCandlesParser().Parse(TestData.Document("coinbase-advanced-candles", "candles.json", Encoding.UTF8.GetBytes("{\"candles\":[]}")));

        Assert.StartsWith("no product id", Assert.Single(result.Quarantined).Reason);
    }
}
