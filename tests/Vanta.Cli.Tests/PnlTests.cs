using System.Globalization;
using System.Text.Json;

namespace Vanta.Cli.Tests;

public sealed class PnlTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    private static readonly string[] Dimensions = ["vault", "band", "model", "source"];

    [Fact]
    public async Task The_json_total_is_the_runs_final_equity_less_its_capital_exactly()
    {
        var result = await VantaRunner.InvokeAsync("pnl", "--home", run.Home, "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var root = JsonDocument.Parse(result.Output).RootElement;
        var total = root.GetProperty("total");
        Assert.Equal(run.Summary.FinalEquity - run.Summary.StartingCapital, total.GetProperty("total").GetDecimal());
        Assert.Equal(run.Summary.FeesPaid, total.GetProperty("fees").GetDecimal());
        // Realised PnL is kept to 12 places per fill.
        var tolerance = 0.000000000001m * run.Summary.Fills;
        Assert.InRange(total.GetProperty("realized").GetDecimal() - run.Summary.RealizedPnl, -tolerance, tolerance);
        Assert.InRange(total.GetProperty("unrealized").GetDecimal() - run.Summary.UnrealizedPnl, -tolerance, tolerance);

        var dimensions = root.GetProperty("dimensions").EnumerateArray().ToList();
        Assert.Equal(Dimensions, dimensions.Select(d => d.GetProperty("by").GetString()));
        foreach (var dimension in dimensions)
        {
            var groups = dimension.GetProperty("groups").EnumerateObject().ToList();
            Assert.NotEmpty(groups);
            Assert.Equal(run.Summary.TotalPnl, groups.Sum(g => g.Value.GetProperty("total").GetDecimal()));
            Assert.Equal(run.Summary.FeesPaid, groups.Sum(g => g.Value.GetProperty("fees").GetDecimal()));
        }
    }

    [Fact]
    public async Task Every_fill_of_the_sample_links_to_a_conviction_and_its_models_families()
    {
        var result = await VantaRunner.InvokeAsync("pnl", "--home", run.Home, "--json", "--by", "source");

        var groups = Groups(result.Output, "source");
        Assert.DoesNotContain("unlinked", groups.Keys);
        Assert.DoesNotContain("other", groups.Keys);
        Assert.Contains("forecast", groups.Keys);
        Assert.Contains("price", groups.Keys);
        var models = Groups((await VantaRunner.InvokeAsync("pnl", "--home", run.Home, "--json", "--by", "model")).Output, "model");
        Assert.Contains("momentum@2", models.Keys);
        Assert.All(models.Keys, m => Assert.Contains('@', m));
    }

    [Theory]
    [InlineData("vault", "core")]
    [InlineData("band", "neutral")]
    [InlineData("model", "forecast-ets@1")]
    [InlineData("source", "forecast")]
    public async Task Each_by_prints_its_groups_and_a_total_row_of_the_runs_pnl(string by, string group)
    {
        var result = await VantaRunner.InvokeAsync("pnl", "--home", run.Home, "--by", by);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"PnL by {by}", result.Output);
        Assert.Contains(group, result.Output);
        var totalRow = Assert.Single(result.Output.Split('\n'), l => l.Contains("│ total", StringComparison.Ordinal));
        Assert.Contains(run.Summary.TotalPnl.ToString("#,##0.00", CultureInfo.InvariantCulture), totalRow);
        Assert.Contains(run.Summary.FeesPaid.ToString("#,##0.00", CultureInfo.InvariantCulture), totalRow);
    }

    [Fact]
    public async Task Without_by_every_dimension_is_printed()
    {
        var result = await VantaRunner.InvokeAsync("pnl", "--home", run.Home);

        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var dimension in Dimensions)
            Assert.Contains($"PnL by {dimension}", result.Output);
    }

    [Fact]
    public async Task Daily_rows_add_up_to_the_total_in_every_dimension()
    {
        var result = await VantaRunner.InvokeAsync("pnl", "--home", run.Home, "--json", "--daily");

        Assert.True(result.ExitCode == 0, result.Error);
        var root = JsonDocument.Parse(result.Output).RootElement;
        foreach (var dimension in root.GetProperty("dimensions").EnumerateArray())
        {
            var days = dimension.GetProperty("daily").EnumerateArray().ToList();
            Assert.True(days.Count > 500, $"{days.Count} days");
            Assert.Equal(run.Summary.TotalPnl, days.Sum(d => d.GetProperty("total").GetProperty("total").GetDecimal()));
            Assert.All(days, d => Assert.Equal(
                d.GetProperty("total").GetProperty("total").GetDecimal(),
                d.GetProperty("groups").EnumerateObject().Sum(g => g.Value.GetProperty("total").GetDecimal())));
            var dates = days.Select(d => d.GetProperty("date").GetString()!).ToList();
            Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
        }
        var table = await VantaRunner.InvokeAsync("pnl", "--home", run.Home, "--daily", "--by", "band");
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains("daily PnL by band", table.Output);
        Assert.Contains("2019-12-31", table.Output);
    }

    [Fact]
    public void The_pnl_summary_keeps_its_fields_and_carries_the_attribution()
    {
        var root = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(run.Layout.Memory, "pnl_summary.json"))).RootElement;

        Assert.Equal("core", root.GetProperty("vaults")[0].GetProperty("vault_id").GetString());
        Assert.NotEqual(0, root.GetProperty("positions").GetArrayLength());
        var attribution = root.GetProperty("attribution");
        Assert.Equal(run.Summary.TotalPnl, attribution.GetProperty("total").GetProperty("total").GetDecimal());
        foreach (var by in new[] { "by_vault", "by_band", "by_model", "by_source" })
            Assert.Equal(run.Summary.TotalPnl, attribution.GetProperty(by).EnumerateObject().Sum(g => g.Value.GetProperty("total").GetDecimal()));
        var daily = attribution.GetProperty("daily").EnumerateArray().ToList();
        Assert.Equal(run.Summary.TotalPnl, daily.Sum(d => d.GetProperty("total").GetProperty("total").GetDecimal()));
        Assert.True(daily[0].TryGetProperty("by_band", out _));
    }

    [Fact]
    public async Task A_home_without_a_journal_or_an_unknown_by_is_an_error()
    {
        var empty = RepoPaths.NewTempDirectory("pnl-empty");
        try
        {
            var missing = await VantaRunner.InvokeAsync("pnl", "--home", empty);
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("run `vanta run` first", missing.Error);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
        var unknown = await VantaRunner.InvokeAsync("pnl", "--home", run.Home, "--by", "symbol");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("symbol", unknown.Error);
    }

    private static Dictionary<string, decimal> Groups(string json, string by)
    {
        var dimension = Assert.Single(JsonDocument.Parse(json).RootElement.GetProperty("dimensions").EnumerateArray());
        Assert.Equal(by, dimension.GetProperty("by").GetString());
        return dimension.GetProperty("groups").EnumerateObject().ToDictionary(g => g.Name, g => g.Value.GetProperty("total").GetDecimal());
    }
}
