using System.Text.Json;
using Vanta.Testing;

namespace Vanta.Cli.Tests;

/// <summary>`vanta harvest parse` on a real document of every kind the issue names.</summary>
public sealed class HarvestParseKindsTests
{
    [SharedDataTheory]
    [InlineData("sec-atom", "sec/feeds/getcurrent_form4_page1.atom.xml", 100, "accession_number")]
    [InlineData("sec-submissions", "sec/submissions/CIK0000320193.json", 1005, "form_type")]
    [InlineData("sec-13f", "sec/13f/13F-HR_infotable_sample1.xml", 255, "cusip")]
    [InlineData("sec-full-submission", "sec/ownership/full_submission_0001790565-23-000009_TSLA_form4.txt", -1, "ts_event")]
    [InlineData("reddit", "reddit/api_listing_r_askreddit_new.json", 100, "author")]
    [InlineData("bybit-kline", "apis/bybit/v5_market_kline_spot_BTCUSDT.json", -1, "close")]
    [InlineData("bars-csv", "prices/daily/sp500_2013_2018/AAPL.csv", 1259, "close")]
    public async Task Real_documents_print_one_json_line_per_observation(string kind, string file, int expected, string field)
    {
        var result = await VantaRunner.InvokeAsync("harvest", "parse", "--source", kind, SharedData.PathOf(file));

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (expected >= 0)
            Assert.Equal(expected, lines.Length);
        else
            Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.True(JsonDocument.Parse(l).RootElement.TryGetProperty(field, out _), l));
    }

    [SharedDataFact]
    public async Task Candles_take_product_and_granularity_from_the_uri_they_were_fetched_from()
    {
        var file = SharedData.PathOf("apis/coinbase/advanced_trade_http_candles.json");
        var without = await VantaRunner.InvokeAsync("harvest", "parse", "--source", "coinbase-advanced-candles", file);
        Assert.Equal(1, without.ExitCode);
        Assert.Contains("product", without.Error);

        var result = await VantaRunner.InvokeAsync("harvest", "parse", "--source", "coinbase-advanced-candles",
            "--uri", "https://api.coinbase.com/api/v3/brokerage/market/products/BTC-USD/candles?granularity=ONE_HOUR", file);
        Assert.True(result.ExitCode == 0, result.Error);
        var bars = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, bars.Count);
        Assert.All(bars, b => Assert.Equal("BTCUSD", b.GetProperty("symbol").GetString()));
        Assert.Equal(66314.59m, bars[0].GetProperty("close").GetDecimal());
    }

    [SharedDataFact]
    public async Task An_empty_reddit_listing_prints_nothing_and_succeeds()
    {
        var result = await VantaRunner.InvokeAsync("harvest", "parse", "--source", "reddit", SharedData.PathOf("reddit/api_listing_empty_before.json"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
    }

    [SharedDataTheory]
    [InlineData("sec-atom", "sec/feeds/sec_rate_limit_exceeded_page.html", "rate-limit")]
    [InlineData("sec-atom", "sec/feeds/getcurrent_past_end_maintenance_page.html", "maintenance")]
    public async Task Sec_block_pages_are_errors_not_documents(string kind, string file, string named)
    {
        var result = await VantaRunner.InvokeAsync("harvest", "parse", "--source", kind, SharedData.PathOf(file));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains(named, result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Path.GetFileName(file), result.Error);
    }

    [Fact]
    public async Task Fred_missing_values_are_null_not_zero()
    {
        var dir = RepoPaths.NewTempDirectory("fred");
        try
        {
            var file = Path.Combine(dir, "DGS10.json");
            File.WriteAllText(file, """
                {"realtime_start":"2024-06-14","realtime_end":"2024-06-14","observation_start":"2024-06-10","observation_end":"2024-06-12",
                 "units":"lin","output_type":1,"file_type":"json","order_by":"observation_date","sort_order":"asc","count":3,"offset":0,"limit":100000,
                 "observations":[
                   {"realtime_start":"2024-06-14","realtime_end":"2024-06-14","date":"2024-06-10","value":"4.47"},
                   {"realtime_start":"2024-06-14","realtime_end":"2024-06-14","date":"2024-06-11","value":"."},
                   {"realtime_start":"2024-06-14","realtime_end":"2024-06-14","date":"2024-06-12","value":"4.31"}]}
                """);
            var result = await VantaRunner.InvokeAsync("harvest", "parse", "--source", "fred", file);
            Assert.True(result.ExitCode == 0, result.Error);
            var values = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("value")).ToList();
            Assert.Equal(3, values.Count);
            Assert.Equal(4.47m, values[0].GetDecimal());
            Assert.Equal(JsonValueKind.Null, values[1].ValueKind);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
