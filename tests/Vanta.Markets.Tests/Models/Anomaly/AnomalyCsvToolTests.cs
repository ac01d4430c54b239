using System.Globalization;
using Vanta.Markets.Models.Anomaly;

namespace Vanta.Markets.Tests.Models.Anomaly;

public sealed class AnomalyCsvToolTests
{
    private static readonly string Spy = Path.Combine(TestData.SampleTape, "lean", "daily", "SPY.csv");

    private static (int Exit, string[] Output, string Error) Run(string csv, AnomalyOptions options)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = AnomalyCsvTool.Run(new StringReader(csv), options, output, error);
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), error.ToString());
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("zscore")]
    [InlineData("iforest")]
    [InlineData("bocpd")]
    public void Methods_parse_by_their_cli_names(string name)
    {
        Assert.True(AnomalyOptions.TryParseMethod(name.ToUpperInvariant(), out _));
        Assert.False(AnomalyOptions.TryParseMethod(name + "x", out _));
    }

    [Fact]
    public void Iforest_scores_every_spy_row_in_zero_one_and_flags_the_february_2018_sell_off()
    {
        var csv = File.ReadAllText(Spy);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;

        var (exit, output, error) = Run(csv, new AnomalyOptions { Method = AnomalyMethod.IsolationForest, Columns = ["Close", "Volume"], Seed = 7 });

        Assert.Equal((0, ""), (exit, error));
        Assert.Equal("line,score", output[0]);
        Assert.Equal(rows, output.Length - 1);
        var scores = output.Skip(1).Select(l => l.Split(',')).ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture), f => Number(f[1]));
        Assert.Equal(Enumerable.Range(2, rows), scores.Keys);
        Assert.All(scores.Values, s => Assert.InRange(s, 1e-9, 1 - 1e-9));
        // 2018-02-06, the day after the volatility spike, traded about 3x SPY's usual volume.
        var line = Array.FindIndex(csv.Split('\n'), l => l.StartsWith("2018-02-06", StringComparison.Ordinal)) + 1;
        Assert.True(scores[line] > 0.6, $"2018-02-06 scored {scores[line]}");
        Assert.True(scores[line] > scores.Values.Order().ElementAt(rows * 99 / 100), "2018-02-06 is in the top 1%");
    }

    [Fact]
    public void Bocpd_and_zscore_write_one_line_per_spy_row_with_the_default_numeric_columns()
    {
        var csv = File.ReadAllText(Spy);

        var bocpd = Run(csv, new AnomalyOptions { Method = AnomalyMethod.Bocpd, Columns = ["Close", "Volume"] });
        var zscore = Run(csv, new AnomalyOptions { Method = AnomalyMethod.ZScore });

        Assert.Equal((0, ""), (bocpd.Exit, bocpd.Error));
        Assert.Equal("line,run_length,cp_prob", bocpd.Output[0]);
        Assert.Equal(1007, bocpd.Output.Length);
        var steps = bocpd.Output.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.All(steps, f => Assert.InRange(Number(f[2]), 0, 1));
        Assert.Contains(steps.Skip(1).Zip(steps), p => int.Parse(p.First[1], CultureInfo.InvariantCulture) < int.Parse(p.Second[1], CultureInfo.InvariantCulture));

        Assert.Equal((0, ""), (zscore.Exit, zscore.Error));
        Assert.Equal("line,z_Open,z_High,z_Low,z_Close,z_Volume,score", zscore.Output[0]);
        Assert.Equal("21,,,,,,", zscore.Output[20]);
        var first = zscore.Output[21].Split(',');
        Assert.Equal("22", first[0]);
        Assert.Equal(first[1..6].Max(z => Math.Abs(Number(z))), Number(first[6]), 6);
    }

    private const string HandMade = """
        Date,Name,A,B
        2020-01-01,"Acme, Inc",1.0,10

        2020-01-02,Acme,2.0,NaN
        2020-01-03,Acme,abc,12
        2020-01-04,Acme,4.0
        2020-01-05,Acme,Infinity,14
        2020-01-06,Acme,,15
        2020-01-07,Acme,7.5,16
        2020-01-08,Acme,"8,5",17
        2020-01-09,Acme,1e3,-1E-2
        """;

    [Fact]
    public void Bad_rows_are_named_with_their_line_and_reason_and_never_scored()
    {
        var (exit, output, error) = Run(HandMade, new AnomalyOptions { Method = AnomalyMethod.ZScore, ZScoreWindow = 2 });

        Assert.Equal(1, exit);
        Assert.Equal(
            [
                "line 4: rejected: NaN in column 'B'",
                "line 5: rejected: 'abc' in column 'A' is not a number",
                "line 6: rejected: 3 fields, the header has 4",
                "line 7: rejected: infinite value in column 'A'",
                "line 8: rejected: empty value in column 'A'",
                "line 10: rejected: '8,5' in column 'A' is not a number",
                "rejected 6 rows; scored 3",
            ],
            error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["line,z_A,z_B,score", "2,,,", "9,,,"], output[..3]);
        // Line 11 against lines 2 and 9: A = 1000 vs {1, 7.5}, B = -0.01 vs {10, 16}.
        var last = output[3].Split(',');
        Assert.Equal("11", last[0]);
        Assert.Equal((1000 - 4.25) / Math.Sqrt(21.125), Number(last[1]), 5);
        Assert.Equal((-0.01 - 13) / Math.Sqrt(18), Number(last[2]), 5);
    }

    [Fact]
    public void Iforest_on_a_hand_made_file_is_seeded()
    {
        var csv = "x,y\n" + string.Join('\n', Enumerable.Range(0, 60).Select(i => string.Create(CultureInfo.InvariantCulture, $"{i % 7},{i % 5}"))) + "\n40,40\n";
        AnomalyOptions Seeded(int seed) => new() { Method = AnomalyMethod.IsolationForest, Seed = seed };

        var a = Run(csv, Seeded(3));
        var b = Run(csv, Seeded(3));
        var c = Run(csv, Seeded(4));

        Assert.Equal(0, a.Exit);
        Assert.Equal(a.Output, b.Output);
        Assert.NotEqual(a.Output, c.Output);
        var scores = a.Output.Skip(1).Select(l => Number(l.Split(',')[1])).ToArray();
        Assert.Equal(scores.Max(), scores[^1]);
        Assert.True(scores[^1] > 0.6, $"outlier {scores[^1]}");
    }

    [Theory]
    [InlineData("", "zscore", null, "the file is empty: expected a header row")]
    [InlineData("a,b\n1,2\n", "zscore", "a,c", "unknown column 'c'; the header has: a, b")]
    [InlineData("a,a\n1,2\n", "zscore", null, "line 1: column 'a' appears twice in the header")]
    [InlineData("name,code\nx,y\n", "bocpd", null, "no numeric column found; the header has: name, code")]
    public void A_file_that_cannot_be_used_exits_2_and_says_why(string csv, string method, string? columns, string message)
    {
        Assert.True(AnomalyOptions.TryParseMethod(method, out var parsed));

        var (exit, output, error) = Run(csv, new AnomalyOptions { Method = parsed, Columns = columns?.Split(',') });

        Assert.Equal((2, message), (exit, error.Trim()));
        Assert.Empty(output);
    }

    [Fact]
    public void Iforest_with_fewer_than_two_valid_rows_exits_1()
    {
        var (exit, output, error) = Run("a\n1\nNaN\n", new AnomalyOptions { Method = AnomalyMethod.IsolationForest });

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("line 3: rejected: NaN in column 'a'", error, StringComparison.Ordinal);
        Assert.Contains("1 valid rows: IsolationForest needs at least 2", error, StringComparison.Ordinal);
    }
}
