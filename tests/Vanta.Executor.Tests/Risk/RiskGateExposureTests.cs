using Vanta.Core.Domain;
using Vanta.Executor.Risk;
using static Vanta.Executor.Tests.Risk.RiskFixture;

namespace Vanta.Executor.Tests.Risk;

/// <summary>Allow and deny cases of the notional, position, persona, exposure and daily-loss fences, with the numbers worked by hand.</summary>
public sealed class RiskGateExposureTests
{
    private static readonly RiskLimits Open = RiskLimits.Default with
    {
        MaxOrderNotional = null, MaxGrossFraction = null, MaxNetFraction = null, DailyLossFraction = null, MaxOrdersPerWindow = null,
    };

    [Fact]
    public void Order_notional_uses_the_limit_price_when_there_is_one()
    {
        var f = new RiskFixture(Open with { MaxOrderNotional = 5_000m });
        Approved(f.Check("AAPL", OrderSide.Buy, 50m)); // 50 x 100 = 5000
        Denied(f.Check("AAPL", OrderSide.Buy, 51m), RiskDenialReason.MaxOrderNotional, RiskFence.OrderNotional); // 5100
        var denied = Denied(f.Check("AAPL", OrderSide.Buy, 49m, limit: 102.05m), RiskDenialReason.MaxOrderNotional, RiskFence.OrderNotional);
        Assert.Equal("order notional 49 x 102.05 = 5000.45 is over the limit 5000", denied.Detail);
    }

    [Fact]
    public void Position_quantity_counts_held_and_working_and_never_blocks_a_reduction()
    {
        var f = new RiskFixture(Open with { MaxPositionQuantity = 100m });
        f.Trade("AAPL", OrderSide.Buy, 60m);
        var working = f.Order("AAPL", OrderSide.Buy, 40m);
        Approved(f.Check(working)); // 60 held + 40 working = 100
        var denied = Denied(f.Check("AAPL", OrderSide.Buy, 1m), RiskDenialReason.MaxPositionQuantity, RiskFence.PositionLimit);
        Assert.Equal("position in AAPL would be 101, over the limit 100", denied.Detail);
        Denied(f.Check("AAPL", OrderSide.Sell, 201m), RiskDenialReason.MaxPositionQuantity, RiskFence.PositionLimit); // 100 -> -101

        f.End(working, OrderStatus.Cancelled); // releases the 40
        Approved(f.Check("AAPL", OrderSide.Buy, 40m));
        Approved(f.Check("AAPL", OrderSide.Sell, 150m)); // 100 -> -50: smaller
    }

    [Fact]
    public void Position_notional_is_quantity_times_the_reference_price()
    {
        var f = new RiskFixture(Open with { MaxPositionNotional = 10_000m });
        f.Trade("AAPL", OrderSide.Buy, 100m);
        var denied = Denied(f.Check("AAPL", OrderSide.Buy, 1m), RiskDenialReason.MaxPositionNotional, RiskFence.PositionLimit);
        Assert.Equal("position in AAPL would be worth 101 x 100 = 10100, over the limit 10000", denied.Detail);
        f.Gate.Mark("AAPL", 50m); // 100 x 50 = 5000: room for 100 more
        Approved(f.Check("AAPL", OrderSide.Buy, 100m));
        Denied(f.Check("AAPL", OrderSide.Buy, 1m), RiskDenialReason.MaxPositionNotional, RiskFence.PositionLimit);
    }

    [Fact]
    public void Persona_cap_bounds_position_value_as_a_weight_of_equity()
    {
        // Risk-averse persona: at most 10% of equity per name; equity 100,000 -> 10,000 -> 100 shares at 100.
        var f = new RiskFixture(Open with { PersonaMaxPositionWeight = 0.1m });
        Approved(f.Check("AAPL", OrderSide.Buy, 100m));
        var denied = Denied(f.Check("MSFT", OrderSide.Sell, 101m), RiskDenialReason.PersonaCap, RiskFence.PersonaCap);
        Assert.Equal("position in MSFT would be worth 10100, over the persona cap 0.1 x equity 100000 = 10000.0", denied.Detail);
        Approved(f.Check("MSFT", OrderSide.Sell, 100m));
    }

    [Fact]
    public void Gross_exposure_adds_longs_and_shorts_and_takes_the_tighter_of_notional_and_fraction()
    {
        var f = new RiskFixture(Open with { MaxGrossNotional = 20_000m, MaxGrossFraction = 0.5m });
        f.Trade("AAPL", OrderSide.Buy, 100m); // 10,000
        Approved(f.Check("MSFT", OrderSide.Sell, 100m)); // gross 20,000 (limit min(20,000, 0.5 x 100,000) = 20,000)
        var denied = Denied(f.Check("AAPL", OrderSide.Buy, 1m), RiskDenialReason.MaxGrossExposure, RiskFence.GrossExposure);
        Assert.Equal("gross exposure would be 20100, over the limit 20000 (now 20000, equity 100000)", denied.Detail);
        Approved(f.Check("AAPL", OrderSide.Sell, 10m)); // shrinks gross

        var g = new RiskFixture(Open with { MaxGrossFraction = 0.05m }); // 5% of 100,000 = 5,000
        Approved(g.Check("AAPL", OrderSide.Buy, 50m));
        Denied(g.Check("MSFT", OrderSide.Buy, 1m), RiskDenialReason.MaxGrossExposure, RiskFence.GrossExposure);
    }

    [Fact]
    public void Net_exposure_lets_a_hedge_through_that_gross_alone_would_allow()
    {
        var f = new RiskFixture(Open with { MaxNetNotional = 5_000m });
        Approved(f.Check("AAPL", OrderSide.Buy, 50m)); // net 5,000
        var denied = Denied(f.Check("AAPL", OrderSide.Buy, 1m), RiskDenialReason.MaxNetExposure, RiskFence.NetExposure);
        Assert.Equal("net exposure would be 5100, over the limit 5000 (now 5000, equity 100000)", denied.Detail);
        Approved(f.Check("MSFT", OrderSide.Sell, 80m)); // net -3,000
        Approved(f.Check("AAPL", OrderSide.Buy, 80m)); // net 5,000 again
        Denied(f.Check("MSFT", OrderSide.Buy, 1m), RiskDenialReason.MaxNetExposure, RiskFence.NetExposure);
    }

    [Fact]
    public void An_exposure_already_over_its_limit_after_a_mark_may_still_shrink()
    {
        var f = new RiskFixture(Open with { MaxGrossNotional = 20_000m });
        f.Trade("AAPL", OrderSide.Buy, 150m); // 15,000
        f.Gate.Mark("AAPL", 200m); // 30,000 > 20,000
        Assert.Equal(30_000m, f.Gate.ViewOf(Main).Gross);
        Approved(f.Check("AAPL", OrderSide.Sell, 10m)); // 28,000: still over, but better
        Denied(f.Check("MSFT", OrderSide.Buy, 1m), RiskDenialReason.MaxGrossExposure, RiskFence.GrossExposure);
    }

    [Fact]
    public void Daily_loss_breach_turns_the_vault_reducing_and_the_denial_says_so()
    {
        var f = new RiskFixture(Open with { DailyLossLimit = 1_000m });
        f.Trade("AAPL", OrderSide.Buy, 100m); // at 100
        f.Gate.Mark("AAPL", 95m); // loss 500
        Approved(f.Check("AAPL", OrderSide.Buy, 1m));
        Assert.Empty(f.Gate.TakeStateChanges());

        f.Gate.Mark("AAPL", 89m); // held 100 (the 1 is working): loss 100 x 11 = 1,100
        var denied = Denied(f.Check("MSFT", OrderSide.Buy, 1m), RiskDenialReason.DailyLossLimit, RiskFence.DailyLoss);
        Assert.Equal("loss since the day's start 1100 reached the limit 1000; vault core is REDUCING, only orders that reduce a position pass", denied.Detail);
        Assert.Equal(TradingState.Reducing, f.Gate.StateOf(Main));
        var change = Assert.Single(f.Gate.TakeStateChanges());
        Assert.Equal(new TradingStateChange("core", TradingState.Active, TradingState.Reducing, "daily loss 1100 reached the limit 1000", Builders.Day1), change);
        Assert.Empty(f.Gate.TakeStateChanges());

        Approved(f.Check("AAPL", OrderSide.Sell, 50m)); // reducing passes
    }

    [Fact]
    public void Daily_loss_fraction_is_of_the_day_start_equity_and_a_new_day_does_not_lift_reducing_by_itself()
    {
        var f = new RiskFixture(Open with { DailyLossFraction = 0.01m }); // 1% of 100,000 = 1,000
        f.Trade("AAPL", OrderSide.Buy, 100m, fee: 1m); // equity 99,999
        f.Gate.Mark("AAPL", 90.01m); // equity 99,999 - 999 = 99,000: loss 1,000
        Denied(f.Check("AAPL", OrderSide.Buy, 1m), RiskDenialReason.DailyLossLimit, RiskFence.DailyLoss);

        f.Clock.Advance(TimeSpan.FromDays(1));
        var next = Denied(f.Check("AAPL", OrderSide.Buy, 1m), RiskDenialReason.ReducingOnly, RiskFence.ReduceOnly);
        Assert.Contains("vault core is REDUCING", next.Detail, StringComparison.Ordinal);
        Assert.Equal(99_000m, f.Gate.ViewOf(Main).DayStartEquity);
        f.Gate.SetState(Main, TradingState.Active, "operator resume after review");
        Approved(f.Check("AAPL", OrderSide.Buy, 1m));
    }

    [Fact]
    public void Daily_loss_under_the_limit_passes()
    {
        var f = new RiskFixture(Open with { DailyLossLimit = 1_000m });
        f.Trade("AAPL", OrderSide.Buy, 100m);
        f.Gate.Mark("AAPL", 90.01m); // loss 999
        Approved(f.Check("MSFT", OrderSide.Buy, 1m));
        Assert.Equal(-999m, f.Gate.ViewOf(Main).DailyPnl);
    }
}
