using System.Text.Json;
using Vanta.Cli.Commands;
using Vanta.Cli.Embedded;
using Vanta.Journal;

namespace Vanta.Cli.Tests;

public sealed class EmbeddedRunTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    [Fact]
    public void Sample_run_writes_the_memory_snapshots_trade_log_and_journal()
    {
        foreach (var file in new[] { "trade_signals.json", "autotrade_queue.json", "open_orders.json", "pnl_summary.json", "vault.json" })
            Assert.True(File.Exists(Path.Combine(run.Layout.Memory, file)), file);
        Assert.True(File.Exists(run.Layout.TradeLog));
        Assert.NotEmpty(Directory.GetFiles(run.Layout.Journal, "*.jsonl"));

        var s = run.Summary;
        Assert.Equal(s.EventsRead, s.Documents + s.Observations);
        Assert.True(s.Observations > 10_000, $"observations {s.Observations}");
        Assert.True(s.Convictions > 0 && s.Intents > 0 && s.Orders > 0 && s.Fills > 0, s.ToString());
        Assert.Equal(0, s.Quarantined);
        Assert.Equal(s.Fills, File.ReadLines(run.Layout.TradeLog).Count());
        Assert.Equal(s.JournalRecords, s.JournalAppended);
        Assert.Matches("^[0-9a-f]{64}$", s.JournalHead);
    }

    [Fact]
    public void Equity_is_capital_plus_realised_plus_unrealised_minus_fees()
    {
        var s = run.Summary;
        Assert.Equal(100_000m, s.StartingCapital);
        Assert.True(s.FeesPaid > 0m);
        // Average cost is a non-terminating decimal division, so the two sides may differ around 1e-23: compare to the cent.
        Assert.Equal(Math.Round(s.StartingCapital + s.RealizedPnl + s.UnrealizedPnl - s.FeesPaid, 2), Math.Round(s.FinalEquity, 2));
        Assert.True(Math.Abs(s.StartingCapital + s.RealizedPnl + s.UnrealizedPnl - s.FeesPaid - s.FinalEquity) < 0.000001m);
    }

    [Fact]
    public void Audit_verify_passes_on_the_run()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, AuditCommand.Verify(run.Layout, output, error));
        Assert.Contains(run.Summary.JournalHead, output.ToString());
    }

    [Fact]
    public void Journal_has_lineage_from_fill_back_to_the_raw_document()
    {
        var byId = JournalReader.ReadAll(run.Layout.Journal).ToDictionary(r => r.Envelope.EventId);
        var fill = byId.Values.First(r => r.Envelope.Type == "fill").Envelope;
        var chain = new List<string> { fill.Type };
        var current = fill;
        while (!current.Parents.IsEmpty)
        {
            current = byId[current.Parents[0]].Envelope;
            chain.Add(current.Type);
        }
        Assert.Equal(["fill", "order_event", "order", "allocation_intent", "conviction", "price_bar", "raw_document"], chain);
    }

    [Fact]
    public async Task Signals_lists_the_strongest_convictions_as_json()
    {
        var result = await VantaRunner.InvokeAsync("signals", "--home", run.Home, "--top", "3", "--json");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var scores = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("conviction_score").GetDecimal()).ToList();
        Assert.Equal(scores.OrderByDescending(Math.Abs), scores);
        foreach (var line in lines)
        {
            var root = JsonDocument.Parse(line).RootElement;
            var sum = root.GetProperty("reason_vector").EnumerateObject().Sum(p => p.Value.GetDecimal());
            Assert.Equal(root.GetProperty("conviction_score").GetDecimal(), sum);
        }
    }

    [Fact]
    public async Task Signals_table_names_symbols()
    {
        var result = await VantaRunner.InvokeAsync("signals", "--home", run.Home);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("conviction vectors", result.Output);
        Assert.Contains("momentum@2", result.Output);
    }
}
