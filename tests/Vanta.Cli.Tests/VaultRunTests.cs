using System.Text.Json;
using Vanta.Cli.Embedded;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Serialization;
using Vanta.Journal;
using Vanta.Vaults.Compounding;
using Vanta.Vaults.Config;

namespace Vanta.Cli.Tests;

/// <summary>
/// The vault engine inside `vanta run`: config changes mid-run (an invalid one is quarantined and the previous
/// version stays active), daily compounding sweeps, and the autotrade queue.
/// </summary>
public sealed class VaultRunTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    // core sweeps half of its daily realised gains into growth; growth trades only strong convictions.
    private const string TwoVaults = """
        { "schema_version": 2, "base_currency": "USD", "vaults": [
          { "id": "core", "capital": 100000, "routing_tags": ["equity"],
            "allocation": { "mode": "proportional", "min_conviction": 0.05, "max_weight_per_symbol": 0.2, "gross_cap": 0.95, "rebalance_band": 0.05 },
            "compounding": { "mode": "sweep_gains", "share": 0.5, "into": "growth" } },
          { "id": "growth", "capital": 50000, "persona": "aggressive", "routing_tags": ["equity"],
            "allocation": { "mode": "proportional", "min_conviction": 0.2, "max_weight_per_symbol": 0.15, "gross_cap": 0.9, "rebalance_band": 0.05 },
            "caps": { "lot_size": 1, "limit_collar": 0.02 } } ] }
        """;

    private const string BadCapital = "\"capital\": -5";

    private static async Task<(RunSummary Summary, HomeLayout Layout)> RunWithEditsAsync(string home)
    {
        var layout = HomeLayout.At(home);
        Directory.CreateDirectory(layout.Memory);
        File.WriteAllText(layout.VaultConfig, TwoVaults);
        // Edits land between events (progress reports come every 256 events); the run picks them up at the next day.
        void Progress(int done, int total)
        {
            if (done == 257)
                File.WriteAllText(layout.VaultConfig, TwoVaults.Replace("\"capital\": 50000", BadCapital, StringComparison.Ordinal));
            else if (done == 4097)
                File.WriteAllText(layout.VaultConfig, TwoVaults.Replace("\"capital\": 50000", "\"capital\": 60000", StringComparison.Ordinal));
        }
        var result = await EmbeddedRun.ExecuteAsync(new RunRequest(layout, RepoPaths.SampleTape, RunRequest.DefaultCosts), Progress, _ => { });
        Assert.True(result.Summary is not null, result.Error);
        return (result.Summary!, layout);
    }

    [Fact]
    public async Task An_invalid_vault_json_mid_run_is_quarantined_with_its_path_and_the_run_keeps_the_previous_version()
    {
        var home = RepoPaths.NewTempDirectory("vault-reload");
        try
        {
            var (summary, layout) = await RunWithEditsAsync(home);
            var records = JournalReader.ReadAll(layout.Journal).Select(r => r.Envelope).ToList();

            var quarantined = records.Where(e => e.Is(EventKinds.Quarantine)).Select(e => e.Read(EventKinds.Quarantine)).ToList();
            var rejection = Assert.Single(quarantined, q => q.Source == "alpha.config");
            Assert.Equal("vault.json:$.vaults[1].capital", rejection.Location);
            Assert.Contains("previous valid version stays active", rejection.Reason, StringComparison.Ordinal);
            Assert.Contains("alpha.config", File.ReadAllText(layout.QuarantineLog), StringComparison.Ordinal);

            var vaultVersions = records.Where(e => e.Is(EventKinds.Config)).Select(e => e.Read(EventKinds.Config))
                .Where(d => d.Kind == VaultConfigLoader.DocumentKind).ToList();
            Assert.Equal(2, vaultVersions.Count);
            var (first, second) = (vaultVersions[0], vaultVersions[1]);
            Assert.Contains("60000", second.Content, StringComparison.Ordinal);
            Assert.True(rejection.Ts < second.EffectiveAt);

            // Intents before the fix used the first version (the broken one never), those after it the second.
            var intents = records.Where(e => e.Is(EventKinds.AllocationIntent)).Select(e => e.Read(EventKinds.AllocationIntent)).ToList();
            Assert.All(intents, i => Assert.Equal(i.IssuedAt < second.EffectiveAt ? first.Version : second.Version, i.ConfigVersion));
            Assert.Contains(intents, i => i.ConfigVersion == second.Version);
            Assert.True(summary.Orders > 0);

            // The same tape and the same edits give the same journal.
            var again = RepoPaths.NewTempDirectory("vault-reload");
            try
            {
                Assert.Equal(summary.JournalHead, (await RunWithEditsAsync(again)).Summary.JournalHead);
            }
            finally
            {
                Directory.Delete(again, recursive: true);
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task Realised_gains_are_swept_daily_into_the_growth_vault_journaled_and_shown()
    {
        var home = RepoPaths.NewTempDirectory("vault-sweep");
        try
        {
            var (_, layout) = await RunWithEditsAsync(home);
            AssertCollaredOrders(layout);
            var statements = JournalReader.ReadAll(layout.Journal).Select(r => r.Envelope)
                .Where(e => e.Is(EventKinds.Config)).Select(e => e.Read(EventKinds.Config))
                .Where(d => d.Kind == VaultCapitalBook.DocumentKind)
                .Select(d => JsonSerializer.Deserialize(d.Content, VaultsJsonContext.Default.CapitalStatement)!).ToList();
            Assert.NotEmpty(statements);
            foreach (var statement in statements)
            {
                foreach (var sweep in statement.Sweeps)
                {
                    Assert.Equal(("core", "growth", 0.5m), (sweep.From.Value, sweep.Into.Value, sweep.Share));
                    Assert.Equal(Math.Round(sweep.Gain * 0.5m, 2, MidpointRounding.ToZero), sweep.Amount);
                }
            }
            // Swept amounts add up across days, and the last statement's vaults show them.
            var total = statements.SelectMany(s => s.Sweeps).Sum(s => s.Amount);
            var last = statements[^1].Vaults.ToDictionary(v => v.Vault.Value);
            Assert.Equal((total, total), (last["core"].SweptOut, last["growth"].SweptIn));
            Assert.Equal(60000m + total, last["growth"].Capital);

            // The executor's ledgers moved the same cash: each vault's equity is its capital, plus what was swept in
            // (or the configured top-up), minus what was swept out, plus its own PnL.
            var accounts = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(layout.Memory, "pnl_summary.json")), CliJsonContext.Default.PnlSummary)!
                .Vaults.ToDictionary(v => v.VaultId.Value);
            decimal Own(PortfolioSnapshot v) => v.RealizedPnl + v.UnrealizedPnl - v.FeesPaid;
            // (Unrealised PnL carries average costs to 28 significant digits: compare at 8 places.)
            Assert.Equal(Math.Round(100000m - total + Own(accounts["core"]), 8), Math.Round(accounts["core"].Equity, 8));
            Assert.Equal(Math.Round(60000m + total + Own(accounts["growth"]), 8), Math.Round(accounts["growth"].Equity, 8));

            var memory = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(layout.Memory, CapitalStatement.FileName)), VaultsJsonContext.Default.CapitalStatement)!;
            Assert.Equal(total, memory.Sweeps.Sum(s => s.Amount));

            var show = await VantaRunner.InvokeAsync("vault", "show", "--home", home, "--json");
            Assert.True(show.ExitCode == 0, show.Error);
            using var json = JsonDocument.Parse(show.Output);
            var root = json.RootElement;
            var core = root.GetProperty("compounding").EnumerateArray().Single(c => c.GetProperty("vault").GetString() == "core");
            Assert.Equal(("sweep_gains", 0.5m, "growth"), (core.GetProperty("mode").GetString(), core.GetProperty("share").GetDecimal(), core.GetProperty("into").GetString()));
            var aggressive = root.GetProperty("personas").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "aggressive");
            Assert.Equal(("amplify", 1.5m, "growth"), (aggressive.GetProperty("transform").GetString(), aggressive.GetProperty("size_multiplier").GetDecimal(), aggressive.GetProperty("used_by")[0].GetString()));
            Assert.Equal(total, root.GetProperty("capital").GetProperty("sweeps").EnumerateArray().Sum(s => s.GetProperty("amount").GetDecimal()));

            var table = await VantaRunner.InvokeAsync("vault", "show", "--home", home);
            Assert.True(table.ExitCode == 0, table.Error);
            Assert.Contains("sweep 50%", table.Output, StringComparison.Ordinal);
            Assert.Contains("capital as of", table.Output, StringComparison.Ordinal);
            Assert.Contains("risk-averse", table.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    // growth has a 2% limit collar: its intents carry a worst acceptable price and the executor sends limit orders
    // at exactly that price, filled at it or better; core has none and trades at market.
    private static void AssertCollaredOrders(HomeLayout layout)
    {
        var envelopes = JournalReader.ReadAll(layout.Journal).Select(r => r.Envelope).ToList();
        var intents = envelopes.Where(e => e.Is(EventKinds.AllocationIntent)).Select(e => e.Read(EventKinds.AllocationIntent))
            .ToDictionary(i => i.IntentId);
        var orders = envelopes.Where(e => e.Is(EventKinds.Order)).Select(e => e.Read(EventKinds.Order)).ToList();
        var growth = orders.Where(o => o.VaultId.Value == "growth").ToList();
        Assert.NotEmpty(growth);
        Assert.All(growth, o =>
        {
            Assert.Equal(OrderType.Limit, o.Type);
            Assert.Equal(intents[o.IntentId].LimitPrice, o.LimitPrice);
        });
        Assert.All(orders.Where(o => o.VaultId.Value == "core"), o => Assert.Equal((OrderType.Market, (decimal?)null), (o.Type, o.LimitPrice)));

        var limits = growth.ToDictionary(o => o.OrderId, o => (o.Side, o.LimitPrice!.Value));
        var fills = envelopes.Where(e => e.Is(EventKinds.Fill)).Select(e => e.Read(EventKinds.Fill)).Where(f => limits.ContainsKey(f.OrderId)).ToList();
        Assert.NotEmpty(fills);
        Assert.All(fills, f =>
        {
            var (side, limit) = limits[f.OrderId];
            Assert.True(side == OrderSide.Buy ? f.Price <= limit : f.Price >= limit, $"{f.Symbol} {side} filled at {f.Price}, limit {limit}");
        });
    }

    [Fact]
    public void Intents_carry_side_and_quantity_and_the_queue_holds_only_live_ones()
    {
        var intents = JournalReader.ReadAll(run.Layout.Journal).Select(r => r.Envelope)
            .Where(e => e.Is(EventKinds.AllocationIntent)).Select(e => e.Read(EventKinds.AllocationIntent)).ToList();
        Assert.NotEmpty(intents);
        Assert.All(intents, i => Assert.NotNull(i.Side));
        var sized = intents.Where(i => i.TargetQuantity is not null).ToList();
        Assert.NotEmpty(sized);
        Assert.All(sized, i => Assert.True(i.TargetQuantity == 0m || Math.Sign(i.TargetQuantity!.Value) == Math.Sign(i.TargetWeight), $"{i.Symbol} {i.TargetWeight} {i.TargetQuantity}"));

        var end = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(run.Layout.Memory, "pnl_summary.json")), CliJsonContext.Default.PnlSummary)!.Vaults[0].Ts;
        var queue = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(run.Layout.Memory, "autotrade_queue.json")), VantaJsonContext.Default.ImmutableArrayAllocationIntent);
        Assert.All(queue, i => Assert.True(i.ExpiresAt > end, $"{i.Symbol} expired at {i.ExpiresAt:O}, run ended {end:O}"));
        // One entry per vault and symbol.
        Assert.Equal(queue.Length, queue.Select(i => (i.VaultId, i.Symbol)).Distinct().Count());
    }
}
