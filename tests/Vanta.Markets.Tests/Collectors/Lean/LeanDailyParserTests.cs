using System.Text;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.Lean;

namespace Vanta.Markets.Tests.Collectors.Lean;

public sealed class LeanDailyParserTests
{
    private static LeanDailyParser ParserWith(string factorPath, string uri) =>
        new([LeanFactorFile.Parse(TestData.Document(LeanFactorFile.Source, factorPath, uri)).File]);

    private static Dictionary<DateOnly, PriceBar> BarsByDate(ParseResult result) =>
        result.Observations.Cast<PriceBar>().ToDictionary(b => DateOnly.FromDateTime(b.Start.UtcDateTime));

    [SharedDataFact]
    public void Aapl_4_for_1_split_of_2020_08_31_is_continuous_in_adjusted_prices()
    {
        var dir = TestData.Shared("prices/daily/lean_1998_2021");
        var parser = ParserWith(Path.Combine(dir, "factor_files/aapl.csv"), "factor_files/aapl.csv");
        var result = parser.Parse(TestData.Document(LeanDailyParser.SourceKind, Path.Combine(dir, "AAPL.csv")));
        var bars = BarsByDate(result);

        Assert.Empty(result.Quarantined);
        // The file ends 2021-03-31, after the last factor row but 20501231: the anchor scale is 1 and the
        // factors apply as written. 2020-08-28 (last pre-split day): row 20200828 = 0.9967882 x 0.25.
        var friday = bars[new DateOnly(2020, 8, 28)];
        Assert.Equal(124.406643m, friday.Close);   // 499.23 x 0.9967882 x 0.25
        Assert.Equal(126.036392m, friday.High);    // 505.77 x 0.9967882 x 0.25
        Assert.Equal(124.177382m, friday.Low);     // 498.31 x 0.9967882 x 0.25
        Assert.Equal(176_436_116m, friday.Volume); // 44,109,029 / 0.25
        Assert.Equal(0.24919705m, friday.AdjustmentFactor);
        // 2020-08-31 (first split-adjusted day): row 20201105 = 0.9967882 x 1.
        var monday = bars[new DateOnly(2020, 8, 31)];
        Assert.Equal(128.625549m, monday.Close);   // 129.04 x 0.9967882
        Assert.Equal(210_024_091m, monday.Volume);
        // Raw closes fall 74% across the split; adjusted ones move like the stock did (+3.4%).
        Assert.InRange(monday.Close / friday.Close, 1.03m, 1.04m);
        // The last bar is the anchor and keeps its traded price.
        Assert.Equal(122.15m, bars[new DateOnly(2021, 3, 31)].Close);
        Assert.Equal(1m, bars[new DateOnly(2021, 3, 31)].AdjustmentFactor);
    }

    [SharedDataFact]
    public void Aapl_dividend_of_2020_08_07_changes_the_price_factor_at_the_ex_date()
    {
        var dir = TestData.Shared("prices/daily/lean_1998_2021");
        var parser = ParserWith(Path.Combine(dir, "factor_files/aapl.csv"), "factor_files/aapl.csv");
        var bars = BarsByDate(parser.Parse(TestData.Document(LeanDailyParser.SourceKind, Path.Combine(dir, "AAPL.csv"))));

        // 2020-08-06 takes row 20200806 (0.9949942); the ex-date 2020-08-07 takes row 20200828 (0.9967882).
        Assert.Equal(113.332327m, bars[new DateOnly(2020, 8, 6)].Close); // 455.61 x 0.9949942 x 0.25
        Assert.Equal(110.755629m, bars[new DateOnly(2020, 8, 7)].Close); // 444.45 x 0.9967882 x 0.25
        Assert.Equal(0.24874855m, bars[new DateOnly(2020, 8, 6)].AdjustmentFactor);
    }

    [Fact]
    public void Sample_tape_aapl_is_anchored_at_its_last_bar_of_2019_12_31()
    {
        var dir = Path.Combine(TestData.SampleTape, "lean", "daily");
        var parser = ParserWith(Path.Combine(dir, "factor_files", "aapl.csv"), "lean/daily/factor_files/aapl.csv");
        var result = parser.Parse(TestData.Document(LeanDailyParser.SourceKind, Path.Combine(dir, "AAPL.csv"), "lean/daily/AAPL.csv"));
        var bars = BarsByDate(result);

        Assert.Empty(result.Quarantined);
        Assert.Equal(1006, result.Observations.Length);
        Assert.All(result.Observations.Cast<PriceBar>(), b => Assert.Equal("AAPL", b.Symbol));
        // 2019-12-31 and 2019-11-07 share the anchor row 20200206: unadjusted.
        Assert.Equal(293.65m, bars[new DateOnly(2019, 12, 31)].Close);
        Assert.Equal(259.43m, bars[new DateOnly(2019, 11, 7)].Close);
        // 2019-11-06, the day before the ex-date, takes row 20191106: 257.24 x 0.9869953 / 0.9899586.
        Assert.Equal(256.469989m, bars[new DateOnly(2019, 11, 6)].Close);
        // 2016-01-04 takes row 20160203: 105.35 x 0.9250890 / 0.9899586.
        Assert.Equal(98.446669m, bars[new DateOnly(2016, 1, 4)].Close);
    }

    [Fact]
    public void Bars_span_the_new_york_session_in_utc_across_daylight_saving()
    {
        var doc = TestData.Document(LeanDailyParser.SourceKind, "spy.csv",
            Encoding.UTF8.GetBytes("Date,Open,High,Low,Close,Volume\n2019-01-02,245.98,251.21,245.95,250.18,126925199\n2019-07-01,296.68,298.82,295.9,297.33,58124001\n"));
        var bars = new LeanDailyParser().Parse(doc).Observations.Cast<PriceBar>().ToList();

        Assert.Equal(new DateTimeOffset(2019, 1, 2, 14, 30, 0, TimeSpan.Zero), bars[0].Start);   // EST, UTC-5
        Assert.Equal(new DateTimeOffset(2019, 1, 2, 21, 0, 0, TimeSpan.Zero), bars[0].TsEvent);
        Assert.Equal(new DateTimeOffset(2019, 7, 1, 13, 30, 0, TimeSpan.Zero), bars[1].Start);   // EDT, UTC-4
        Assert.Equal(new DateTimeOffset(2019, 7, 1, 20, 0, 0, TimeSpan.Zero), bars[1].TsEvent);
        Assert.Equal("SPY", bars[0].Symbol);
        Assert.Equal(1m, bars[0].AdjustmentFactor);
        Assert.Equal(TimeSpan.Zero, bars[0].TsEvent.Offset);
    }

    [Fact]
    public void Malformed_rows_are_quarantined_with_file_and_line_and_the_rest_is_read()
    {
        using var temp = new TempFolder();
        var lines = File.ReadAllLines(Path.Combine(TestData.SampleTape, "lean", "daily", "IBM.csv")).Take(8).ToArray();
        lines[2] = "2016-01-05,abc,1,1,1,100";              // bad number
        lines[3] = "2016-01-06,130,120,125,126,100";        // high < low
        lines[4] = "2016-01-07,130,131,129";                // missing columns
        lines[5] = "2016/01/08,130,131,129,130,100";        // bad date
        lines[6] = lines[1];                                 // duplicate of line 2
        var path = temp.Write("IBM.csv", string.Join('\n', lines) + "\n");
        var result = new LeanDailyParser().Parse(TestData.Document(LeanDailyParser.SourceKind, path, "lean/daily/IBM.csv"));

        Assert.Equal(2, result.Observations.Length); // lines 2 and 8
        Assert.Equal(
            ["lean/daily/IBM.csv:3", "lean/daily/IBM.csv:4", "lean/daily/IBM.csv:5", "lean/daily/IBM.csv:6", "lean/daily/IBM.csv:7"],
            result.Quarantined.Select(q => q.Location));
        Assert.Equal("open 'abc' is not a number", result.Quarantined[0].Reason);
        Assert.Equal("high is below low", result.Quarantined[1].Reason);
        Assert.Equal("expected 6 columns, found 4", result.Quarantined[2].Reason);
        Assert.Equal("date '2016/01/08' is not yyyy-mm-dd", result.Quarantined[3].Reason);
        Assert.StartsWith("duplicate bar for 2016-01-04", result.Quarantined[4].Reason);
        Assert.All(result.Quarantined, q => Assert.Equal(LeanDailyParser.SourceKind, q.Source));
    }

    [Fact]
    public void A_file_without_any_bar_is_quarantined_whole()
    {
        var result = new LeanDailyParser().Parse(TestData.Document(LeanDailyParser.SourceKind, "X.csv", "garbage"u8.ToArray()));

        Assert.Empty(result.Observations);
        Assert.Equal(["X.csv:1", "X.csv"], result.Quarantined.Select(q => q.Location));
        Assert.Equal("the file holds no readable bar", result.Quarantined[1].Reason);
    }

    [Fact]
    public void A_byte_order_mark_before_the_header_is_not_a_bad_row()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Date,Open,High,Low,Close,Volume\n2019-01-02,1,2,1,2,10\n")).ToArray();
        var result = new LeanDailyParser().Parse(TestData.Document(LeanDailyParser.SourceKind, "BOM.csv", bytes));

        Assert.Empty(result.Quarantined);
        Assert.Single(result.Observations);
    }
}
