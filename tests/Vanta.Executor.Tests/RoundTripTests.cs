using Vanta.Core.Domain;
using Vanta.Executor.Brokers.Paper;
using Vanta.Executor.Orders;
using Vanta.Executor.Portfolio;
using static Vanta.Executor.Tests.Builders;

namespace Vanta.Executor.Tests;

/// <summary>An intent through planner, paper broker, open orders and ledger, wired as the executor will wire them.</summary>
public sealed class RoundTripTests
{
    private readonly OrderPlanner _planner = new();
    private readonly PaperBroker _broker = new(new PaperBrokerOptions(SlippageBps: 10m, FeePerShare: 0.01m, MinimumFeePerOrder: 1m));
    private readonly OpenOrders _open = new();
    private readonly VaultLedger _ledger = new(CoreVault, 10000m);

    private async Task<OrderPlan> Handle(AllocationIntent intent, DateTimeOffset now)
    {
        var context = new PlanningContext(
            _ledger.Equity, _ledger.QuantityOf(intent.Symbol), _open.PendingQuantity(intent.VaultId, intent.Symbol), _ledger.LastPriceOf(intent.Symbol));
        var plan = _planner.Plan(intent, context, now);
        if (plan is OrderPlan.Submit submit)
        {
            _open.Track(submit.Order);
            foreach (var report in await _broker.SubmitAsync(submit.Order))
                _open.Apply(report.Event);
        }
        return plan;
    }

    private void OnBar(PriceBar bar)
    {
        foreach (var report in _broker.OnBar(bar))
        {
            _open.Apply(report.Event);
            _ledger.Apply(report.Fill!);
        }
        _ledger.Mark(bar);
    }

    [Fact]
    public async Task Intent_becomes_one_order_filled_at_the_next_open_and_booked()
    {
        OnBar(Bar("AAPL", 1, open: 100m, close: 101m));
        var intent = Intent("AAPL", 0.5m, CloseOf(1));

        // 0.5 x 10000 / 101 = 49.5 -> buy 49
        var order = Assert.IsType<OrderPlan.Submit>(await Handle(intent, CloseOf(1))).Order;
        Assert.Equal((OrderSide.Buy, 49m), (order.Side, order.Quantity));
        Assert.Equal(OrderStatus.Accepted, Assert.Single(_open.Snapshot()).Status);
        Assert.Equal(49m, _open.PendingQuantity(CoreVault, "AAPL"));

        // Replaying the intent (a bus redelivery) is refused: no second order reaches the broker.
        var replay = await Handle(intent, CloseOf(1).AddSeconds(1));
        Assert.Equal(PlanRejection.DuplicateIntent, Assert.IsType<OrderPlan.Reject>(replay).Reason);
        Assert.Single(_broker.RestingOrders);

        OnBar(Bar("MSFT", 2, open: 400m, close: 401m));
        Assert.Single(_open.Snapshot());
        OnBar(Bar("AAPL", 2, open: 102m, close: 104m));

        // fill 102 x 1.001 = 102.102; fee max(49 x 0.01, 1) = 1
        // cash = 10000 - 49 x 102.102 - 1 = 10000 - 5002.998 - 1 = 4996.002
        // unrealised = 49 x (104 - 102.102) = 93.002; equity = 4996.002 + 49 x 104 = 10092.002
        Assert.Empty(_open.Snapshot());
        Assert.Equal(
            new PortfolioSnapshot(CoreVault, 4996.002m, 10092.002m, 0m, 93.002m, 1m, Day(2)),
            _ledger.Snapshot(Day(2)));

        // A fresh intent at the same weight: 0.5 x 10092.002 / 104 = 48.5 -> 48, held 49: sell 1.
        var rebalance = Assert.IsType<OrderPlan.Submit>(await Handle(Intent("AAPL", 0.5m, CloseOf(2)), CloseOf(2))).Order;
        Assert.Equal((OrderSide.Sell, 1m), (rebalance.Side, rebalance.Quantity));
    }
}
