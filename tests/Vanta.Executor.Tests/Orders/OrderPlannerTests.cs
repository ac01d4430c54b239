using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Orders;
using static Vanta.Executor.Tests.Builders;

namespace Vanta.Executor.Tests.Orders;

public sealed class OrderPlannerTests
{
    private static readonly DateTimeOffset Now = CloseOf(1);

    private static Order Submitted(OrderPlan plan) => Assert.IsType<OrderPlan.Submit>(plan).Order;

    [Fact]
    public void Sizes_whole_shares_from_weight_equity_and_last_price()
    {
        var intent = Intent("AAPL", 0.5m, Now);

        // 0.5 x 10000 / 101 = 49.50 -> 49 shares
        var order = Submitted(new OrderPlanner().Plan(intent, new PlanningContext(10000m, 0m, 0m, 101m), Now));

        Assert.Equal((OrderSide.Buy, 49m, OrderType.Market), (order.Side, order.Quantity, order.Type));
        Assert.Equal(OrderIds.ClientOrderIdFor(intent.IntentId), order.ClientOrderId);
        Assert.Equal("vanta-" + ContentHash.Id(intent.IntentId.Value)[..24], order.ClientOrderId.Value);
        Assert.Equal(OrderIds.OrderIdFor(intent.IntentId), order.OrderId);
        Assert.Equal((intent.IntentId, intent.VaultId, "AAPL", Now), (order.IntentId, order.VaultId, order.Symbol, order.CreatedAt));
        Assert.Null(order.LimitPrice);
    }

    [Fact]
    public void An_intent_with_a_limit_collar_becomes_a_limit_order_at_its_worst_acceptable_price()
    {
        var intent = Intent("AAPL", 0.5m, Now) with { Side = OrderSide.Buy, LimitPrice = 102.01m };

        var order = Submitted(new OrderPlanner().Plan(intent, new PlanningContext(10000m, 0m, 0m, 101m), Now));

        Assert.Equal((OrderSide.Buy, 49m, OrderType.Limit, 102.01m), (order.Side, order.Quantity, order.Type, order.LimitPrice));
    }

    [Fact]
    public void A_collar_for_the_other_side_is_refused_rather_than_sent_at_a_meaningless_price()
    {
        // Alpha thought the vault was flat and collared a buy; the executor holds 80, so the target needs a sell.
        var intent = Intent("AAPL", 0.5m, Now) with { Side = OrderSide.Buy, LimitPrice = 102.01m };

        var plan = new OrderPlanner().Plan(intent, new PlanningContext(10000m, 80m, 0m, 101m), Now);

        var reject = Assert.IsType<OrderPlan.Reject>(plan);
        Assert.Equal(PlanRejection.SideMismatch, reject.Reason);
        Assert.Contains("Buy", reject.Detail, StringComparison.Ordinal);
        Assert.Contains("Sell of 31", reject.Detail, StringComparison.Ordinal);
    }

    [Theory]
    // target 0.5 x 10000 / 100 = 50; held 30, 10 more coming: buy 10
    [InlineData(0.5, 30, 10, OrderSide.Buy, 10)]
    // target 10; held 30: sell 20
    [InlineData(0.1, 30, 0, OrderSide.Sell, 20)]
    // exit: target 0; held 30, 5 already being sold: sell 25
    [InlineData(0, 30, -5, OrderSide.Sell, 25)]
    // short: -0.1 x 10000 / 100 = -10; flat: sell 10
    [InlineData(-0.1, 0, 0, OrderSide.Sell, 10)]
    // -0.333 x 10000 / 100 = -33.3 truncates towards zero to -33; held -40: buy 7
    [InlineData(-0.333, -40, 0, OrderSide.Buy, 7)]
    public void Delta_is_target_minus_position_minus_pending(double weight, int position, int pending, OrderSide side, int quantity)
    {
        var intent = Intent("AAPL", (decimal)weight, Now);

        var order = Submitted(new OrderPlanner().Plan(intent, new PlanningContext(10000m, position, pending, 100m), Now));

        Assert.Equal((side, (decimal)quantity), (order.Side, order.Quantity));
    }

    [Fact]
    public void No_order_when_already_at_target()
    {
        var plan = new OrderPlanner().Plan(Intent("AAPL", 0.5m, Now), new PlanningContext(10000m, 40m, 10m, 100m), Now);

        Assert.Equal(PlanSkip.AtTarget, Assert.IsType<OrderPlan.Skip>(plan).Reason);
    }

    [Fact]
    public void No_order_below_the_minimum_notional()
    {
        var planner = new OrderPlanner(new OrderPlannerOptions(MinimumNotional: 500m));

        // target 50, held 47: 3 x 100 = 300 < 500
        var small = planner.Plan(Intent("AAPL", 0.5m, Now), new PlanningContext(10000m, 47m, 0m, 100m), Now);
        // held 45: 5 x 100 = 500, not below
        var enough = planner.Plan(Intent("AAPL", 0.5m, Now, "b"), new PlanningContext(10000m, 45m, 0m, 100m), Now);

        Assert.Equal(PlanSkip.BelowMinimumNotional, Assert.IsType<OrderPlan.Skip>(small).Reason);
        Assert.Equal(5m, Submitted(enough).Quantity);
    }

    [Fact]
    public void Expired_intent_is_rejected()
    {
        var intent = Intent("AAPL", 0.5m, Now, ttl: TimeSpan.FromHours(1));

        var plan = new OrderPlanner().Plan(intent, new PlanningContext(10000m, 0m, 0m, 100m), Now.AddHours(1));

        Assert.Equal(PlanRejection.ExpiredIntent, Assert.IsType<OrderPlan.Reject>(plan).Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public void Intent_without_a_price_is_rejected(int? price)
    {
        var plan = new OrderPlanner().Plan(Intent("AAPL", 0.5m, Now), new PlanningContext(10000m, 0m, 0m, price), Now);

        Assert.Equal(PlanRejection.NoPrice, Assert.IsType<OrderPlan.Reject>(plan).Reason);
    }

    [Fact]
    public void Without_equity_only_exits_are_planned()
    {
        var planner = new OrderPlanner();
        var context = new PlanningContext(0m, 10m, 0m, 100m);

        var enter = planner.Plan(Intent("AAPL", 0.5m, Now), context, Now);
        var exit = planner.Plan(Intent("AAPL", 0m, Now), context, Now);

        Assert.Equal(PlanRejection.NoEquity, Assert.IsType<OrderPlan.Reject>(enter).Reason);
        Assert.Equal((OrderSide.Sell, 10m), (Submitted(exit).Side, Submitted(exit).Quantity));
    }

    [Fact]
    public void A_retried_or_replayed_intent_never_makes_a_second_order()
    {
        var planner = new OrderPlanner();
        var intent = Intent("AAPL", 0.5m, Now);
        var context = new PlanningContext(10000m, 0m, 0m, 100m);

        var first = Submitted(planner.Plan(intent, context, Now));
        // The retry sees a different context (the first order not tracked yet): still refused.
        var retry = planner.Plan(intent, context with { PendingQuantity = 0m, Equity = 20000m }, Now.AddMinutes(1));

        Assert.Equal(PlanRejection.DuplicateIntent, Assert.IsType<OrderPlan.Reject>(retry).Reason);
        Assert.True(planner.HasIssued(intent.IntentId));
        Assert.Equal(1, planner.IssuedCount);

        // After a restart the planner is told what the journal holds, and refuses the replay the same way.
        var restarted = new OrderPlanner();
        restarted.Remember(first.ClientOrderId);
        Assert.IsType<OrderPlan.Reject>(restarted.Plan(intent, context, Now));
    }

    [Fact]
    public void Same_intent_gives_the_same_ids_in_a_fresh_planner_and_a_skip_is_not_remembered()
    {
        var intent = Intent("AAPL", 0.5m, Now);
        var context = new PlanningContext(10000m, 0m, 0m, 100m);
        var planner = new OrderPlanner();

        Assert.IsType<OrderPlan.Skip>(planner.Plan(intent, context with { PositionQuantity = 50m }, Now));
        Assert.False(planner.HasIssued(intent.IntentId));
        var a = Submitted(planner.Plan(intent, context, Now));
        var b = Submitted(new OrderPlanner().Plan(intent, context, Now));

        Assert.Equal(a, b);
    }
}
