using System.Globalization;

namespace Vanta.Cli.Tests;

public sealed class ModelsCommandTests
{
    private static string Spy => Path.Combine(RepoPaths.SampleTape, "lean", "daily", "SPY.csv");

    [Fact]
    public async Task Anomaly_iforest_prints_one_score_in_the_open_unit_interval_per_row()
    {
        var result = await VantaRunner.InvokeAsync("models", "anomaly", "--method", "iforest", "--data", Spy, "--columns", "Close,Volume", "--seed", "3");

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(File.ReadLines(Spy).Count(), lines.Length);
        var scores = lines.Skip(1).Select(l => double.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture)).ToList();
        Assert.All(scores, s => Assert.InRange(s, 0.0001, 0.9999));
        var again = await VantaRunner.InvokeAsync("models", "anomaly", "--method", "iforest", "--data", Spy, "--columns", "Close,Volume", "--seed", "3");
        Assert.Equal(result.Output, again.Output);
    }

    [Fact]
    public async Task Anomaly_bocpd_gives_run_length_and_change_probability()
    {
        var result = await VantaRunner.InvokeAsync("models", "anomaly", "--method", "bocpd", "--data", Spy, "--columns", "Close");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.StartsWith("line,run_length,cp_prob", result.Output);
    }

    [Fact]
    public async Task Anomaly_with_an_unknown_method_or_column_is_a_usage_error()
    {
        Assert.Equal(2, (await VantaRunner.InvokeAsync("models", "anomaly", "--method", "lof", "--data", Spy)).ExitCode);
        var column = await VantaRunner.InvokeAsync("models", "anomaly", "--method", "zscore", "--data", Spy, "--columns", "Nope");
        Assert.Equal(2, column.ExitCode);
        Assert.Contains("Nope", column.Error);
    }

    [Fact]
    public async Task Eval_conviction_reports_every_model_the_stack_and_both_baselines()
    {
        var bars = Path.Combine(RepoPaths.SampleTape, "lean", "daily");
        var result = await VantaRunner.InvokeAsync("models", "eval", "conviction", "--bars", bars, "--from", "2018-01-01", "--to", "2019-12-31");

        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var name in new[] { "stack", "baseline:random", "baseline:momentum-20d", "momentum@2", "direction-lgbm@1", "forecast-ets@1", "precision@5", "rank IC" })
            Assert.Contains(name, result.Output);
        var again = await VantaRunner.InvokeAsync("models", "eval", "conviction", "--bars", bars, "--from", "2018-01-01", "--to", "2019-12-31");
        Assert.Equal(result.Output, again.Output);
    }

    [Fact]
    public async Task Eval_conviction_rejects_a_backwards_window()
    {
        var result = await VantaRunner.InvokeAsync("models", "eval", "conviction", "--bars", RepoPaths.SampleTape, "--from", "2019-01-01", "--to", "2018-01-01");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--from", result.Error);
    }
}
