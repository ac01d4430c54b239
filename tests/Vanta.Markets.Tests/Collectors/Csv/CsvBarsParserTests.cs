using System.Text;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors.Csv;

namespace Vanta.Markets.Tests.Collectors.Csv;

/// <summary>Every layout in shared/data/prices, values checked on the first and last rows.</summary>
public sealed class CsvBarsParserTests
{
    private static readonly CsvBarsParser Parser = new();

    private static List<PriceBar> Read(string relative, int quarantined = 0)
    {
        var result = Parser.Parse(TestData.Document(CsvBarsParser.SourceKind, TestData.Shared("prices/" + relative), relative));
        Assert.Equal(quarantined, result.Quarantined.Length);
        var bars = result.Observations.Cast<PriceBar>().ToList();
        Assert.True(bars.Zip(bars.Skip(1)).All(p => p.First.Start <= p.Second.Start), "bars are in ascending time");
        return bars;
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    private static void AssertBar(PriceBar bar, string symbol, DateTimeOffset start, DateTimeOffset end, decimal o, decimal h, decimal l, decimal c, decimal v)
    {
        Assert.Equal((symbol, start, end), (bar.Symbol, bar.Start, bar.TsEvent));
        Assert.Equal((o, h, l, c, v), (bar.Open, bar.High, bar.Low, bar.Close, bar.Volume));
    }

    [SharedDataFact]
    public void Lean_daily_raw_bars_use_the_new_york_session()
    {
        var bars = Read("daily/lean_1998_2021/AAPL.csv");

        Assert.Equal(5849, bars.Count);
        AssertBar(bars[0], "AAPL", Utc(1998, 1, 2, 14, 30), Utc(1998, 1, 2, 21), 13.63m, 16.25m, 13.5m, 16.25m, 6315000m);
        Assert.Equal(Utc(2021, 3, 31, 20), bars[^1].TsEvent); // 16:00 EDT
    }

    [SharedDataFact]
    public void The_sp500_set_takes_the_symbol_from_the_name_column()
    {
        var bars = Read("daily/sp500_2013_2018/AAPL.csv");

        Assert.Equal(1259, bars.Count);
        AssertBar(bars[0], "AAPL", Utc(2013, 2, 8, 14, 30), Utc(2013, 2, 8, 21), 67.7142m, 68.4014m, 66.8928m, 67.8542m, 158168416m);
        Assert.Equal(new DateOnly(2018, 2, 7), DateOnly.FromDateTime(bars[^1].Start.UtcDateTime));
    }

    [SharedDataFact]
    public void Cryptodatadownload_daily_skips_the_banner_and_reverses_newest_first_rows()
    {
        var bars = Read("daily/crypto/Coinbase_BTCUSD_d.csv");

        Assert.Equal(1770, bars.Count);
        AssertBar(bars[0], "BTCUSD", Utc(2014, 12, 1), Utc(2014, 12, 2), 300m, 370m, 300m, 370m, 0.05656m);
        AssertBar(bars[^1], "BTCUSD", Utc(2019, 10, 17), Utc(2019, 10, 18), 7993.54m, 8070m, 7937.01m, 8034.32m, 1570.08m);
    }

    [SharedDataFact]
    public void Cryptodatadownload_hourly_reads_twelve_hour_clock_times_in_utc()
    {
        var bars = Read("intraday/Coinbase_BTCUSD_1h.csv");

        Assert.Equal(20111, bars.Count);
        AssertBar(bars[0], "BTCUSD", Utc(2017, 7, 1, 11), Utc(2017, 7, 1, 12), 2505.56m, 2513.38m, 2495.12m, 2509.17m, 114.6m);
        Assert.Equal(Utc(2017, 7, 1, 12), bars[1].Start); // 12-PM is noon
        AssertBar(bars[^1], "BTCUSD", Utc(2019, 10, 17, 9), Utc(2019, 10, 17, 10), 8051m, 8056.83m, 8021.23m, 8035.88m, 61.25m);
    }

    [SharedDataFact]
    public void The_wide_bitstamp_file_skips_coins_before_their_listing()
    {
        var bars = Read("daily/crypto/bitstamp_BTC_ETH_LTC_USD_d.csv");

        Assert.Equal(1865 + 788 + 925, bars.Count);
        AssertBar(bars[0], "BTCUSD", Utc(2014, 11, 28), Utc(2014, 11, 29), 363.59m, 381.34m, 360.57m, 376.28m, 8617.15m);
        var eth = bars.First(b => b.Symbol == "ETHUSD");
        AssertBar(eth, "ETHUSD", Utc(2017, 11, 9), Utc(2017, 11, 10), 322.15m, 331.7m, 317.29m, 321.32m, 13118.15m);
        Assert.Equal(Utc(2017, 6, 25), bars.First(b => b.Symbol == "LTCUSD").Start);
        AssertBar(bars[^1], "LTCUSD", Utc(2020, 1, 17), Utc(2020, 1, 18), 57.72m, 57.88m, 56.71m, 57.88m, 1853.35m);
    }

    [SharedDataFact]
    public void Lean_equity_minutes_are_new_york_time()
    {
        var bars = Read("intraday/lean_minute/AAPL_1min_20140605_20140609.csv");

        Assert.Equal(2303, bars.Count);
        AssertBar(bars[0], "AAPL", Utc(2014, 6, 5, 8, 15), Utc(2014, 6, 5, 8, 16), 644.8m, 644.8m, 644.8m, 644.8m, 90m);
        AssertBar(bars[^1], "AAPL", Utc(2014, 6, 9, 23, 59), Utc(2014, 6, 10, 0, 0), 93.76m, 93.78m, 93.76m, 93.77m, 2067m);
    }

    [SharedDataFact]
    public void Lean_crypto_minutes_are_utc_and_named_after_the_venue_prefix()
    {
        var btc = Read("intraday/lean_minute/COINBASE_BTCUSD_1min_20180404_20180406.csv");
        var eth = Read("intraday/lean_minute/COINBASE_ETHUSD_1min_20180404_20180405.csv");
        var spy = Read("intraday/lean_minute/SPY_1min_20131004_20131011.csv");

        Assert.Equal((3887, 2449, 4839), (btc.Count, eth.Count, spy.Count));
        AssertBar(btc[0], "BTCUSD", Utc(2018, 4, 4), Utc(2018, 4, 4, 0, 1), 7424.91m, 7424.91m, 7422m, 7422m, 7.14319709m);
        AssertBar(eth[^1], "ETHUSD", Utc(2018, 4, 5, 23, 59), Utc(2018, 4, 6), 381m, 381.55m, 381m, 381.55m, 14.98739019m);
        Assert.Equal(("SPY", Utc(2013, 10, 4, 8, 6)), (spy[0].Symbol, spy[0].Start));
    }

    [SharedDataFact]
    public void Every_sp500_file_is_read()
    {
        foreach (var file in Directory.GetFiles(TestData.Shared("prices/daily/sp500_2013_2018"), "*.csv"))
        {
            var result = Parser.Parse(TestData.Document(CsvBarsParser.SourceKind, file));
            Assert.True(result.Observations.Length > 1000, file);
            Assert.All(result.Observations, o => Assert.Equal(Path.GetFileNameWithoutExtension(file), o.Symbol));
        }
    }

    [Fact]
    public void Malformed_and_duplicate_rows_are_quarantined_by_line_and_the_rest_kept()
    {
        var csv = "date,open,high,low,close,volume,Name\n2013-02-08,1,2,1,2,10,AAPL\n2013-02-09,x,2,1,2,10,AAPL\n2013-02-10,1,2\n2013-02-08,1,2,1,2,10,AAPL\n"
            + "02/11/2013,1,2,1,2,10,AAPL\n2013-02-12,3,2,1,2,10,AAPL\n2013-02-13,1,2,1,2,10,AAPL\n";
        var result = Parser.Parse(TestData.Document("bars-csv", "a.csv", Encoding.UTF8.GetBytes(csv)));

        Assert.Equal(2, result.Observations.Length);
        Assert.Equal(
            [
                ("a.csv:3", "open 'x' is not a number"),
                ("a.csv:4", "expected 7 columns, found 3"),
                ("a.csv:5", "duplicate bar for AAPL at 2013-02-08T14:30:00.0000000+00:00"),
                ("a.csv:6", "time '02/11/2013' is not yyyy-mm-dd"),
                ("a.csv:7", "open or close lies outside the low..high range"),
            ],
            result.Quarantined.Select(q => (q.Location, q.Reason)));
    }

    [Theory]
    [InlineData("a,b,c\n1,2,3\n")]
    [InlineData("")]
    [InlineData("{\"not\": \"csv\"}")]
    public void An_unknown_layout_is_quarantined_whole(string text)
    {
        var result = Parser.Parse(TestData.Document("bars-csv", "x.csv", Encoding.UTF8.GetBytes(text)));

        Assert.Empty(result.Observations);
        Assert.StartsWith("unrecognised CSV bar layout", Assert.Single(result.Quarantined).Reason);
    }

    [Fact]
    public void Invalid_utf8_bytes_quarantine_only_their_row()
    {
        var head = Encoding.UTF8.GetBytes("Timestamp,Open,High,Low,Close,Volume\n2018-04-04 00:00:00,1,2,1,2,5\n2018-04-04 00:01:00,");
        var tail = Encoding.UTF8.GetBytes(",2,1,2,5\n2018-04-04 00:02:00,1,2,1,2,5\n");
        var bytes = head.Concat(new byte[] { 0xFF, 0xFE }).Concat(tail).ToArray();
        var result = Parser.Parse(TestData.Document("bars-csv", "COINBASE_BTCUSD_1min.csv", bytes));

        Assert.Equal(2, result.Observations.Length);
        Assert.Equal("COINBASE_BTCUSD_1min.csv:3", Assert.Single(result.Quarantined).Location);
    }
}
