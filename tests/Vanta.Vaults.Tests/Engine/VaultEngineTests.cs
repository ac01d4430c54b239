using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Vaults.Config;
using Vanta.Vaults.Engine;
using Vanta.Vaults.Overlay;
using Vanta.Vaults.Tests.Config;
using static Vanta.Vaults.Tests.Allocation.Convictions;

namespace Vanta.Vaults.Tests.Engine;

public sealed class VaultEngineTests
{
    private static VaultConfig Config() => VaultConfigLoader.Parse(VaultConfigV2Tests.V2, T0).Config!;

    private static VaultDefinition Proportional(decimal gross = 0.5m, VaultCaps? caps = null, bool allowShort = true) =>
        new(new VaultId("p"), 100000m, "balanced", ["equity"], new AllocationRules(AllocationMode.Proportional, 0.05m, 0.2m, gross, 0m), allowShort, false) { Caps = caps };

    private static ConvictionVector C(string symbol, decimal score, TimeSpan? ttl = null) => Of(symbol, score, T0, ttl).Value;

    private static ImmutableSortedDictionary<string, decimal> Flat => ImmutableSortedDictionary.Create<string, decimal>(StringComparer.Ordinal);

    [Fact]
    public void Proportional_hand_computed_example()
    {
        // Raw 0.3 -> capped 0.2, 0.1, -0.25 -> -0.2, 0.02 below min. Gross 0.5 fits exactly.
        var plan = VaultPlanner.Plan(Proportional(), Personas.PersonaCatalog.Balanced, VaultOverlay.Default,
            [C("AAPL", 0.3m), C("MSFT", 0.1m), C("XOM", -0.25m), C("AMD", 0.02m)], Flat, T0);
        Assert.Equal([("AAPL", 0.2m), ("MSFT", 0.1m), ("XOM", -0.2m)], plan.Book.Select(kv => (kv.Key, kv.Value)));

        // Gross 0.4: everything scaled by 0.8.
        plan = VaultPlanner.Plan(Proportional(0.4m), Personas.PersonaCatalog.Balanced, VaultOverlay.Default,
            [C("AAPL", 0.3m), C("MSFT", 0.1m), C("XOM", -0.25m)], Flat, T0);
        Assert.Equal([("AAPL", 0.16m), ("MSFT", 0.08m), ("XOM", -0.16m)], plan.Book.Select(kv => (kv.Key, kv.Value)));
    }

    [Fact]
    public void Banded_hand_computed_example_with_aggressive_persona()
    {
        // growth: aggressive (x1.5 conviction, x1.5 size), bands 0.1-0.4:5%, 0.4-0.7:10%, 0.7-1:15%, per name 20%.
        // 0.2 -> 0.3 band0 -> 0.075; 0.4 -> 0.6 band1 -> 0.15; 0.8 -> 1 band2 -> 0.225 -> capped 0.2; 0.05 within min.
        var growth = Config().Vaults[0];
        var plan = VaultPlanner.Plan(growth, Personas.PersonaCatalog.Aggressive, VaultOverlay.Default,
            [C("A", 0.2m), C("B", 0.4m), C("C", 0.8m), C("D", 0.05m)], Flat, T0);
        Assert.Equal([("A", 0.075m), ("B", 0.15m), ("C", 0.2m)], plan.Book.Select(kv => (kv.Key, kv.Value)));
    }

    [Fact]
    public void Turnover_and_min_trade_refusals_are_explained()
    {
        var caps = new VaultCaps(1m, 0m, 7000m, 1m, 0.25m);
        var plan = VaultPlanner.Plan(Proportional(1m, caps), Personas.PersonaCatalog.Balanced, VaultOverlay.Default,
            [C("AAPL", 0.2m), C("MSFT", 0.1m), C("XOM", 0.06m)], Flat, T0);
        Assert.Equal([("AAPL", 0.2m)], plan.Book.Select(kv => (kv.Key, kv.Value)));
        Assert.StartsWith("refused: turnover", Assert.Single(plan.Decisions, d => d.Symbol == "MSFT").Reason, StringComparison.Ordinal);
        Assert.StartsWith("refused: trade 6000", Assert.Single(plan.Decisions, d => d.Symbol == "XOM").Reason, StringComparison.Ordinal);
        Assert.False(plan.Decisions.Single(d => d.Symbol == "XOM").Made);
    }

    [Fact]
    public void Kill_switch_and_loan_drawdown_go_flat()
    {
        var held = Flat.Add("AAPL", 0.2m);
        var kill = VaultOverlay.Default with { KillSwitch = true };
        var plan = VaultPlanner.Plan(Proportional(), Personas.PersonaCatalog.Balanced, kill, [C("AAPL", 0.3m)], held, T0);
        Assert.Empty(plan.Book);
        Assert.Equal("exit: kill switch", Assert.Single(plan.Decisions).Reason);

        var loan = Config().Vaults[1];
        var cautious = Config().Personas!.Value[0];
        var breached = VaultPlanner.Plan(loan, cautious, VaultOverlay.Default, [C("AAPL", 0.9m)], held, T0, new VaultState(85000m, 100000m));
        Assert.Empty(breached.Book);
        Assert.StartsWith("exit: de-risk: drawdown 0.15", Assert.Single(breached.Decisions).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocator_emits_by_target_position_and_records_both_versions()
    {
        var config = Config();
        var overlay = VaultOverlay.Default;
        var allocator = new VaultAllocator(config, VaultConfigLoader.ToDocument(config, T0), overlay, VaultOverlayLoader.ToDocument(overlay, T0));
        var first = allocator.Allocate(Of("AAPL", 0.5m, T0), T0);
        Assert.NotEmpty(first);
        Assert.All(first, i => Assert.Contains('+', i.ConfigVersion));
        Assert.Empty(allocator.Allocate(Of("AAPL", 0.5m, T0), T0.AddMinutes(1)));
        Assert.Empty(allocator.Allocate(Of("AAPL", 0.5m, T0, TimeSpan.FromMinutes(1)), T0.AddMinutes(5)));
    }

    [Fact]
    public void Explain_lists_refusals_for_a_dry_run()
    {
        var plans = VaultAllocator.Explain(Config(), [C("AAPL", 0.12m)], T0);
        Assert.Equal(["core", "growth", "loan1"], plans.Select(p => p.Vault.Value));
        // growth: aggressive 0.18 -> band0 5% x1.5 = 7.5% = 7500 >= 500: made.
        Assert.True(plans[1].Decisions.Single().Made);
    }
}
