using System.Text;
using Vanta.Markets.Collectors.Lean;

namespace Vanta.Markets.Tests.Collectors.Lean;

public sealed class LeanFactorFileTests
{
    private static LeanFactorFile Aapl()
    {
        var path = Path.Combine(TestData.SampleTape, "lean", "daily", "factor_files", "aapl.csv");
        var parsed = LeanFactorFile.Parse(TestData.Document(LeanFactorFile.Source, path, "lean/daily/factor_files/aapl.csv"));
        Assert.Empty(parsed.Quarantined);
        return parsed.File;
    }

    [Fact]
    public void Reads_every_row_of_the_real_aapl_factor_file()
    {
        var file = Aapl();

        Assert.Equal("AAPL", file.Symbol);
        Assert.Equal(41, file.Rows.Length);
        Assert.Equal(new LeanFactorRow(new DateOnly(1998, 1, 2), 0.8613657m, 0.00892857m, 1m), file.Rows[0]);
        Assert.Equal(new LeanFactorRow(new DateOnly(2050, 12, 31), 1m, 1m, 0m), file.Rows[^1]);
    }

    [Theory]
    [InlineData("2019-11-06", "2019-11-06", 0.9869953)] // a row's own date takes that row
    [InlineData("2019-11-07", "2020-02-06", 0.9899586)] // the day after takes the next row
    [InlineData("2020-08-31", "2020-11-05", 0.9967882)]
    [InlineData("2060-01-01", "2060-01-01", 1.0)]       // after the last row: no adjustment
    public void The_factor_for_a_date_is_the_earliest_row_on_or_after_it(string date, string rowDate, double priceFactor)
    {
        var row = Aapl().RowFor(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(rowDate, System.Globalization.CultureInfo.InvariantCulture), row.Date);
        Assert.Equal((decimal)priceFactor, row.PriceFactor);
    }

    [Fact]
    public void Malformed_factor_rows_are_quarantined_and_the_others_kept()
    {
        var text = "20100101,0.9,0.5,10\n2010-02-01,0.9,0.5,10\n20100301,0.95,zero,10\n20100201,0.9,1,10\n20100401,1,1\n20501231,1,1,0";
        var parsed = LeanFactorFile.Parse(TestData.Document(LeanFactorFile.Source, "factor_files/xyz.csv", Encoding.UTF8.GetBytes(text)));

        Assert.Equal("XYZ", parsed.File.Symbol);
        Assert.Equal([new DateOnly(2010, 1, 1), new DateOnly(2010, 2, 1), new DateOnly(2050, 12, 31)], parsed.File.Rows.Select(r => r.Date));
        Assert.Equal(
            ["factor_files/xyz.csv:2", "factor_files/xyz.csv:3", "factor_files/xyz.csv:5"],
            parsed.Quarantined.Select(q => q.Location));
        Assert.Equal("split factor 'zero' is not a positive number", parsed.Quarantined[1].Reason);
    }
}
