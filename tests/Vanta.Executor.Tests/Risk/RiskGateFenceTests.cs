using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Executor.Risk;
using static Vanta.Executor.Tests.Risk.RiskFixture;

namespace Vanta.Executor.Tests.Risk;

/// <summary>Allow and deny cases of the order, source, state, collar and rate fences.</summary>
public sealed class RiskGateFenceTests
{
    [Fact]
    public void Source_accepts_alpha_and_denies_every_other_role()
    {
        var f = new RiskFixture();
        Approved(f.Gate.Evaluate(f.Order("AAPL", OrderSide.Buy, 10m), Role.Alpha));
        foreach (var role in new[] { Role.Markets, Role.Executor })
        {
            var denied = Denied(f.Gate.Evaluate(f.Order("AAPL", OrderSide.Buy, 10m), role), RiskDenialReason.SourceNotAlpha, RiskFence.Source);
            Assert.Contains(role.ToString(), denied.Detail, StringComparison.Ordinal);
            Assert.Empty(denied.FencesPassed);
        }
    }

    [Fact]
    public void Order_fence_denies_unknown_vault_bad_quantity_bad_prices_and_a_working_duplicate()
    {
        var f = new RiskFixture();
        Denied(f.Check(f.Order("AAPL", OrderSide.Buy, 1m, vault: Other)), RiskDenialReason.UnknownVault, RiskFence.Order);
        Denied(f.Check("AAPL", OrderSide.Buy, 0m), RiskDenialReason.InvalidOrder, RiskFence.Order);
        Denied(f.Check("AAPL", OrderSide.Buy, 1m, limit: -1m), RiskDenialReason.InvalidOrder, RiskFence.Order);
        Denied(f.Check(f.Order("AAPL", OrderSide.Buy, 1m), quote: 0m), RiskDenialReason.InvalidOrder, RiskFence.Order);

        var order = f.Order("AAPL", OrderSide.Buy, 5m);
        Approved(f.Check(order));
        var denied = Denied(f.Check(order), RiskDenialReason.DuplicateOrder, RiskFence.Order);
        Assert.Equal([RiskFence.Source], denied.FencesPassed.ToArray());
        Assert.Equal((0m, 5m), f.Gate.PositionOf(Main, "AAPL")); // the duplicate reserved nothing
    }

    [Fact]
    public void Kill_switch_denies_everything_even_a_reducing_order_until_lifted()
    {
        var f = new RiskFixture();
        f.Trade("AAPL", OrderSide.Buy, 100m);
        var change = f.Gate.SetState(TradingState.Halted, "operator kill switch");
        Assert.Equal(new TradingStateChange("*", TradingState.Active, TradingState.Halted, "operator kill switch", Builders.Day1), change);

        Denied(f.Check("AAPL", OrderSide.Sell, 10m), RiskDenialReason.Halted, RiskFence.KillSwitch);
        Denied(f.Check("AAPL", OrderSide.Buy, 10m), RiskDenialReason.Halted, RiskFence.KillSwitch);

        f.Gate.SetState(TradingState.Reducing, "lift step 1");
        Approved(f.Check("AAPL", OrderSide.Sell, 10m));
        Denied(f.Check("AAPL", OrderSide.Buy, 10m), RiskDenialReason.ReducingOnly, RiskFence.ReduceOnly);
    }

    [Fact]
    public void A_halted_vault_stops_only_that_vault()
    {
        var f = new RiskFixture();
        f.Gate.OpenVault(Other, 50_000m, RiskLimits.Default);
        f.Gate.SetState(Other, TradingState.Halted, "vault kill switch");
        var denied = Denied(f.Check(f.Order("AAPL", OrderSide.Buy, 1m, vault: Other)), RiskDenialReason.Halted, RiskFence.KillSwitch);
        Assert.Contains("vault growth is HALTED", denied.Detail, StringComparison.Ordinal);
        Approved(f.Check("AAPL", OrderSide.Buy, 1m));
        Assert.Equal(TradingState.Halted, f.Gate.StateOf(Other));
        Assert.Equal(TradingState.Active, f.Gate.StateOf(Main));
    }

    [Fact]
    public void Reducing_passes_only_orders_towards_zero_that_do_not_cross_it()
    {
        var f = new RiskFixture();
        f.Trade("AAPL", OrderSide.Buy, 100m);
        f.Gate.SetState(TradingState.Reducing, "risk review");

        var buy = Denied(f.Check("AAPL", OrderSide.Buy, 1m), RiskDenialReason.ReducingOnly, RiskFence.ReduceOnly);
        Assert.Contains("from 100 to 101", buy.Detail, StringComparison.Ordinal);
        var cross = Denied(f.Check("AAPL", OrderSide.Sell, 101m), RiskDenialReason.ReducingOnly, RiskFence.ReduceOnly);
        Assert.Contains("from 100 to -1", cross.Detail, StringComparison.Ordinal);
        Denied(f.Check("MSFT", OrderSide.Sell, 1m), RiskDenialReason.ReducingOnly, RiskFence.ReduceOnly); // no position: any order adds risk
        Approved(f.Check("AAPL", OrderSide.Sell, 100m)); // exactly to zero
    }

    [Fact]
    public void Reducing_counts_working_orders_so_two_sells_cannot_cross_zero_together()
    {
        var f = new RiskFixture();
        f.Trade("AAPL", OrderSide.Buy, 100m);
        f.Gate.SetState(Main, TradingState.Reducing, "risk review");
        Approved(f.Check("AAPL", OrderSide.Sell, 60m)); // working, not filled: held 100, exposure 40
        Denied(f.Check("AAPL", OrderSide.Sell, 50m), RiskDenialReason.ReducingOnly, RiskFence.ReduceOnly);
        Approved(f.Check("AAPL", OrderSide.Sell, 40m));
    }

    [Fact]
    public void Maintenance_mode_takes_no_new_risk_but_lets_positions_shrink()
    {
        var f = new RiskFixture();
        f.Trade("AAPL", OrderSide.Buy, 100m);
        f.Gate.SetLimits(Main, RiskLimits.Default with { MaintenanceMode = true });
        Denied(f.Check("AAPL", OrderSide.Buy, 1m), RiskDenialReason.MaintenanceMode, RiskFence.Maintenance);
        Denied(f.Check("MSFT", OrderSide.Buy, 1m), RiskDenialReason.MaintenanceMode, RiskFence.Maintenance);
        Approved(f.Check("AAPL", OrderSide.Sell, 30m));
        Assert.Equal(TradingState.Active, f.Gate.StateOf(Main)); // maintenance is a limit, not a state
    }

    [Fact]
    public void Price_collar_measures_limit_price_or_quote_against_the_reference_in_bps()
    {
        var f = new RiskFixture(RiskLimits.Default with { PriceCollarBps = 100m });
        Approved(f.Check("AAPL", OrderSide.Buy, 1m, limit: 101m)); // |101 - 100| / 100 = 100 bps: on the collar
        Approved(f.Check("AAPL", OrderSide.Sell, 1m, limit: 99m));
        var over = Denied(f.Check("AAPL", OrderSide.Buy, 1m, limit: 101.01m), RiskDenialReason.PriceCollar, RiskFence.PriceCollar);
        Assert.Contains("101.01 is 101.00 bps from the reference 100, over the collar of 100 bps", over.Detail, StringComparison.Ordinal);
        Denied(f.Check(f.Order("AAPL", OrderSide.Buy, 1m), quote: 98.99m), RiskDenialReason.PriceCollar, RiskFence.PriceCollar);
        Approved(f.Check(f.Order("AAPL", OrderSide.Buy, 1m), quote: 99.5m));
    }

    [Fact]
    public void An_order_in_a_symbol_with_no_reference_price_is_denied()
    {
        var f = new RiskFixture();
        var denied = Denied(f.Check("TSLA", OrderSide.Buy, 1m, limit: 200m), RiskDenialReason.NoPrice, RiskFence.PriceCollar);
        Assert.Equal("no reference price for TSLA", denied.Detail);
        f.Gate.Mark("TSLA", 200m);
        Approved(f.Check("TSLA", OrderSide.Buy, 1m, limit: 200m));
    }

    [Fact]
    public void Order_rate_allows_N_per_rolling_window_on_the_injected_clock()
    {
        var f = new RiskFixture(RiskLimits.Default with { MaxOrdersPerWindow = 3, OrderRateWindow = TimeSpan.FromMinutes(1) });
        for (var i = 0; i < 3; i++)
        {
            Approved(f.Check("AAPL", OrderSide.Buy, 1m));
            f.Clock.Advance(TimeSpan.FromSeconds(10)); // approvals at 0s, 10s, 20s
        }
        var denied = Denied(f.Check("AAPL", OrderSide.Buy, 1m), RiskDenialReason.OrderRate, RiskFence.OrderRate); // at 30s
        Assert.Equal("3 orders in the last 00:01:00, the limit is 3", denied.Detail);
        f.Clock.Advance(TimeSpan.FromSeconds(29)); // 59s: the first is still inside
        Denied(f.Check("AAPL", OrderSide.Buy, 1m), RiskDenialReason.OrderRate, RiskFence.OrderRate);
        f.Clock.Advance(TimeSpan.FromSeconds(1)); // 60s: the first has left the window; denials never counted
        Approved(f.Check("AAPL", OrderSide.Buy, 1m));
        Denied(f.Check("AAPL", OrderSide.Buy, 1m), RiskDenialReason.OrderRate, RiskFence.OrderRate);
    }

    [Fact]
    public void Changing_the_rate_limit_keeps_the_recent_orders_in_the_window()
    {
        var f = new RiskFixture(RiskLimits.Default with { MaxOrdersPerWindow = 3 });
        for (var i = 0; i < 3; i++)
            Approved(f.Check("AAPL", OrderSide.Buy, 1m));
        f.Gate.SetLimits(Main, RiskLimits.Default with { MaxOrdersPerWindow = 2 });
        Denied(f.Check("AAPL", OrderSide.Buy, 1m), RiskDenialReason.OrderRate, RiskFence.OrderRate);
        f.Gate.SetLimits(Main, RiskLimits.Default with { MaxOrdersPerWindow = 5 });
        Approved(f.Check("AAPL", OrderSide.Buy, 1m)); // the 2 kept + this one
        Approved(f.Check("AAPL", OrderSide.Buy, 1m));
        Approved(f.Check("AAPL", OrderSide.Buy, 1m));
        Denied(f.Check("AAPL", OrderSide.Buy, 1m), RiskDenialReason.OrderRate, RiskFence.OrderRate);
    }

    [Fact]
    public void An_approval_lists_every_applicable_fence_in_run_order_and_a_denial_those_before_it()
    {
        var f = new RiskFixture(RiskLimits.Default with { MaxOrderNotional = 1_000m });
        RiskFence[] all =
        [
            RiskFence.Source, RiskFence.Order, RiskFence.KillSwitch, RiskFence.DailyLoss, RiskFence.ReduceOnly, RiskFence.Maintenance,
            RiskFence.PriceCollar, RiskFence.OrderRate, RiskFence.OrderNotional, RiskFence.GrossExposure, RiskFence.NetExposure,
        ];
        var approved = Assert.IsType<RiskDecision.Approved>(f.Check("AAPL", OrderSide.Buy, 10m));
        Assert.Equal(all, approved.FencesPassed.ToArray());
        Assert.Same(approved, f.Check("AAPL", OrderSide.Buy, 1m)); // approving allocates nothing

        var denied = Denied(f.Check("AAPL", OrderSide.Buy, 11m), RiskDenialReason.MaxOrderNotional, RiskFence.OrderNotional);
        Assert.Equal(all[..8], denied.FencesPassed.ToArray());
        var check = denied.ToRiskCheck(f.Order("AAPL", OrderSide.Buy, 11m), Builders.Day1);
        Assert.False(check.Approved);
        Assert.Equal("max_order_notional", check.DenialReason);
        Assert.Equal("order_notional", check.Fence);
        Assert.Equal("order notional 11 x 100 = 1100 is over the limit 1000", check.Detail);
        Assert.Equal(["source", "order", "kill_switch", "daily_loss", "reduce_only", "maintenance", "price_collar", "order_rate"], check.FencesPassed.ToArray());
    }
}
