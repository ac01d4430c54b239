using Vanta.Cli.Embedded;

namespace Vanta.Cli.Tests;

public sealed class DeterminismTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    [Fact]
    public async Task Same_tape_into_a_second_home_gives_the_same_journal_head_and_files()
    {
        var other = RepoPaths.NewTempDirectory("determinism");
        try
        {
            var summary = await VantaRunner.RunAsync(other);
            Assert.Equal(run.Summary.JournalHead, summary.JournalHead);
            Assert.Equal(run.Summary.JournalRecords, summary.JournalRecords);
            var otherLayout = HomeLayout.At(other);
            foreach (var file in new[] { "trade_signals.json", "autotrade_queue.json", "open_orders.json", "pnl_summary.json" })
                Assert.Equal(File.ReadAllBytes(Path.Combine(run.Layout.Memory, file)), File.ReadAllBytes(Path.Combine(otherLayout.Memory, file)));
            Assert.Equal(File.ReadAllBytes(run.Layout.TradeLog), File.ReadAllBytes(otherLayout.TradeLog));
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public async Task Rerunning_into_the_same_home_appends_nothing_and_repeats_no_order()
    {
        var home = RepoPaths.NewTempDirectory("rerun");
        try
        {
            var first = await VantaRunner.RunAsync(home);
            var tradeLogLines = File.ReadLines(HomeLayout.At(home).TradeLog).Count();
            var second = await VantaRunner.RunAsync(home);
            Assert.Equal(first.JournalHead, second.JournalHead);
            Assert.Equal(0, second.JournalAppended);
            Assert.Equal(tradeLogLines, File.ReadLines(HomeLayout.At(home).TradeLog).Count());
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
