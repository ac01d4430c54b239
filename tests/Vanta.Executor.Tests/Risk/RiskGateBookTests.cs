using Vanta.Core.Domain;
using Vanta.Executor.Risk;
using static Vanta.Executor.Tests.Risk.RiskFixture;

namespace Vanta.Executor.Tests.Risk;

/// <summary>The running figures the fences read: cash, equity, gross, net, reservations.</summary>
public sealed class RiskGateBookTests
{
    [Fact]
    public void Fills_and_marks_keep_equity_gross_and_net_in_step()
    {
        var f = new RiskFixture();
        f.Trade("AAPL", OrderSide.Buy, 100m, price: 100.05m, fee: 1m); // cash 100,000 - 10,005 - 1
        f.Trade("MSFT", OrderSide.Sell, 50m, price: 100m); // cash + 5,000
        var view = f.Gate.ViewOf(Main);
        Assert.Equal(94_994m, view.Cash);
        Assert.Equal(94_994m + 10_000m - 5_000m, view.Equity);
        Assert.Equal(15_000m, view.Gross);
        Assert.Equal(5_000m, view.Net);

        f.Gate.Mark("AAPL", 110m);
        f.Gate.Mark("MSFT", 90m);
        view = f.Gate.ViewOf(Main);
        Assert.Equal(94_994m + 11_000m - 4_500m, view.Equity); // 101,494
        Assert.Equal(11_000m + 4_500m, view.Gross);
        Assert.Equal(11_000m - 4_500m, view.Net);
        Assert.Equal(1_494m, view.DailyPnl);
    }

    [Fact]
    public void A_partial_fill_moves_reserved_quantity_to_held_and_the_end_releases_the_rest()
    {
        var f = new RiskFixture();
        var order = f.Order("AAPL", OrderSide.Buy, 100m);
        Approved(f.Check(order));
        Assert.Equal((0m, 100m), f.Gate.PositionOf(Main, "AAPL"));
        Assert.Equal(10_000m, f.Gate.ViewOf(Main).Gross);

        f.Fill(order, 100m, quantity: 30m);
        Assert.Equal((30m, 100m), f.Gate.PositionOf(Main, "AAPL"));
        f.End(order, OrderStatus.Cancelled, filled: 30m);
        Assert.Equal((30m, 30m), f.Gate.PositionOf(Main, "AAPL"));
        Assert.Equal(3_000m, f.Gate.ViewOf(Main).Gross);
        Assert.Equal(0, f.Gate.WorkingCount);
    }

    [Fact]
    public void A_fill_the_gate_never_approved_still_counts_towards_exposure()
    {
        var f = new RiskFixture();
        var order = f.Order("AAPL", OrderSide.Sell, 20m); // e.g. issued before a restart
        f.Fill(order, 100m);
        Assert.Equal((-20m, -20m), f.Gate.PositionOf(Main, "AAPL"));
        Assert.Equal(-2_000m, f.Gate.ViewOf(Main).Net);
    }

    [Fact]
    public void Positions_given_at_open_are_marked_and_counted()
    {
        var f = new RiskFixture();
        f.Gate.OpenVault(Other, 10_000m, RiskLimits.Default, [new Position(Other, "NVDA", 10m, 400m, 500m, 0m, 1_000m)]);
        var view = f.Gate.ViewOf(Other);
        Assert.Equal(15_000m, view.Equity);
        Assert.Equal(5_000m, view.Gross);
        Assert.Equal(15_000m, view.DayStartEquity);
        Assert.Equal(500m, f.Gate.ReferencePriceOf("NVDA"));
        Assert.Throws<InvalidOperationException>(() => f.Gate.OpenVault(Other, 1m, RiskLimits.Default));
    }

    [Fact]
    public void Invalid_limits_are_refused_at_open_naming_the_vault_and_field()
    {
        var gate = new RiskGate(TimeProvider.System);
        var error = Assert.Throws<ArgumentException>(() => gate.OpenVault(Main, 1m, RiskLimits.Default with { MaxOrderNotional = -5m }));
        Assert.Contains("vaults.core.max_order_notional: must be positive (was -5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Books_for_unknown_vaults_and_bad_prices_are_bugs()
    {
        var f = new RiskFixture();
        Assert.Throws<InvalidOperationException>(() => f.Gate.ViewOf(Other));
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Gate.Mark("AAPL", 0m));
        Assert.Throws<InvalidOperationException>(() => f.Fill(f.Order("AAPL", OrderSide.Buy, 1m, vault: Other), 100m));
    }
}
