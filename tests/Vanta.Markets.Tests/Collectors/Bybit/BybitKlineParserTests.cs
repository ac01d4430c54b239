using System.Text;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors.Bybit;

namespace Vanta.Markets.Tests.Collectors.Bybit;

public sealed class BybitKlineParserTests
{
    private static readonly BybitKlineParser Parser = new();

    [SharedDataFact]
    public void The_real_spot_klines_become_ascending_daily_bars()
    {
        var result = Parser.Parse(TestData.Document(BybitKlineParser.SourceKind, TestData.Shared("apis/bybit/v5_market_kline_spot_BTCUSDT.json")));
        var bars = result.Observations.Cast<PriceBar>().ToList();

        Assert.Empty(result.Quarantined);
        Assert.Equal(3, bars.Count);
        Assert.Equal(("BTCUSDT", "bybit-kline"), (bars[0].Symbol, bars[0].Source));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1694476800000), bars[0].Start);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1694563200000), bars[0].TsEvent);
        Assert.Equal((23033.78m, 24000m, 18505.22m, 18979.62m, 60452.058887m), (bars[0].Open, bars[0].High, bars[0].Low, bars[0].Close, bars[0].Volume));
        Assert.Equal((19289.27m, 19265.49m), (bars[2].Open, bars[2].Close));
    }

    [SharedDataFact]
    public void The_real_linear_klines_are_read_too()
    {
        var result = Parser.Parse(TestData.Document(BybitKlineParser.SourceKind, TestData.Shared("apis/bybit/v5_market_kline_linear_BTCUSDT.json")));
        var bars = result.Observations.Cast<PriceBar>().ToList();

        Assert.Empty(result.Quarantined);
        Assert.Equal([25155.5m, 25828.3m, 26210m], bars.Select(b => b.Open));
        Assert.Equal(11185.573m, bars[2].Volume);
    }

    [Fact]
    public void The_interval_in_the_uri_sets_the_bar_end()
    {
        var payload = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"symbol\":\"ETHUSDT\",\"list\":[[\"1694649600000\",\"1\",\"2\",\"1\",\"2\",\"5\",\"10\"]]}}";
        var result = Parser.Parse(TestData.Document("bybit-kline", "https://api.bybit.com/v5/market/kline?category=spot&symbol=ETHUSDT&interval=15", Encoding.UTF8.GetBytes(payload)));

        var bar = (PriceBar)Assert.Single(result.Observations);
        Assert.Equal(TimeSpan.FromMinutes(15), bar.TsEvent - bar.Start);
    }

    [Fact]
    public void A_non_zero_ret_code_is_quarantined_with_ret_msg()
    {
        var payload = "{\"retCode\":10001,\"retMsg\":\"params error: symbol invalid\",\"result\":{},\"time\":1694674504570}";
        var result = Parser.Parse(TestData.Document("bybit-kline", "k.json", Encoding.UTF8.GetBytes(payload)));

        Assert.Empty(result.Observations);
        Assert.Equal("Bybit error 10001: params error: symbol invalid", Assert.Single(result.Quarantined).Reason);
    }

    [Fact]
    public void Bad_rows_are_quarantined_by_index_and_the_rest_kept()
    {
        var payload = "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{\"symbol\":\"BTCUSDT\",\"list\":[[\"1694649600000\",\"1\",\"2\",\"1\",\"2\",\"5\"],[\"soon\",\"1\",\"2\",\"1\",\"2\",\"5\"],[\"1694563200000\",\"1\",\"abc\",\"1\",\"2\",\"5\"],[\"1694476800000\",\"1\",\"2\",\"1\",\"2\",\"5\"]]}}";
        var result = new BybitKlineParser("D").Parse(TestData.Document("bybit-kline", "k.json", Encoding.UTF8.GetBytes(payload)));

        Assert.Equal(2, result.Observations.Length);
        Assert.Equal(["k.json#result.list[1]", "k.json#result.list[2]"], result.Quarantined.Select(q => q.Location));
        Assert.Equal("high \"abc\" is not a number", result.Quarantined[1].Reason);
    }

    [Theory]
    [InlineData("{\"retCode\":0,\"result\":{\"list\":[[", "not valid JSON")]
    [InlineData("[]", "not a Bybit v5 answer")]
    [InlineData("{\"retCode\":0,\"retMsg\":\"OK\",\"result\":{}}", "not a Bybit kline answer")]
    public void Wrong_shapes_are_quarantined_whole(string payload, string reason)
    {
        var result = Parser.Parse(TestData.Document("bybit-kline", "k.json", Encoding.UTF8.GetBytes(payload)));

        Assert.Empty(result.Observations);
        Assert.StartsWith(reason, Assert.Single(result.Quarantined).Reason);
    }
}
