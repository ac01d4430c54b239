namespace Vanta.Cli.Tests;

/// <summary>`vanta run --fee-model` and `--participation`: the paper venue charges as the named venue does.</summary>
public sealed class PaperCostOptionsTests
{
    [Fact]
    public async Task A_venue_fee_model_replaces_the_flat_costs()
    {
        var home = RepoPaths.NewTempDirectory("fees");
        try
        {
            var run = await VantaRunner.InvokeAsync("run", "--home", home, "--tape", RepoPaths.SampleTape, "--fee-model", "alpaca", "--participation", "0.05");
            Assert.True(run.ExitCode == 0, run.Error);
            // Alpaca charges nothing on buys and only regulatory fees on sells: far below $0.005 a share with a $1 minimum.
            var fills = File.ReadAllLines(Path.Combine(home, "logs", "trade_log.jsonl"));
            Assert.NotEmpty(fills);
            Assert.All(fills.Where(f => f.Contains("\"side\":\"buy\"", StringComparison.Ordinal)), f => Assert.Contains("\"fee\":0", f));
            Assert.Contains(fills, f => f.Contains("\"side\":\"sell\"", StringComparison.Ordinal) && !f.Contains("\"fee\":0,", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Theory]
    [InlineData("--fee-model", "nyse")]
    [InlineData("--participation", "1.5")]
    public async Task Bad_cost_options_are_refused_before_anything_runs(string option, string value)
    {
        var home = RepoPaths.NewTempDirectory("badfees");
        try
        {
            var run = await VantaRunner.InvokeAsync("run", "--home", home, "--tape", RepoPaths.SampleTape, option, value);
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains(option, run.Error + run.Output);
            Assert.False(Directory.Exists(Path.Combine(home, "logs", "journal")));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
