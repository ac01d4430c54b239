using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Executor.Orders;
using static Vanta.Executor.Tests.Builders;

namespace Vanta.Executor.Tests.Brokers.Paper;

/// <summary>Bars and orders for the paper venue tests, and a checker that every report sequence is a legal lifecycle.</summary>
internal static class PaperTestKit
{
    /// <summary>A bar of day <paramref name="day"/>, starting <paramref name="hours"/> after 14:30 UTC.</summary>
    public static PriceBar Ohlc(string symbol, int day, decimal open, decimal high, decimal low, decimal close, decimal volume = 1_000_000m, double hours = 0) =>
        new(symbol, Day(day).AddHours(hours), Day(day).AddHours(hours + 1), open, high, low, close, volume, "test");

    public static Order Limit(string symbol, OrderSide side, decimal quantity, decimal limit, DateTimeOffset createdAt,
        TimeInForce timeInForce = TimeInForce.Day, string tag = "") =>
        Market(symbol, side, quantity, createdAt, $"{tag}limit{limit}{timeInForce}") with
        {
            Type = OrderType.Limit,
            LimitPrice = limit,
            TimeInForce = timeInForce,
        };

    public static Order Gtc(this Order order) => order with { TimeInForce = TimeInForce.Gtc };
}

/// <summary>
/// Follows each order from <c>new</c> through <see cref="OrderStateMachine"/> (an illegal step throws) and checks what
/// every report claims against the fills so far: cumulative quantity, average price, time order, unique fill ids.
/// </summary>
internal sealed class LifecycleCheck
{
    private static readonly OrderStatus[] FillStatuses = [OrderStatus.PartiallyFilled, OrderStatus.Filled];

    private readonly Dictionary<ClientOrderId, State> _orders = [];
    private readonly HashSet<FillId> _fillIds = [];

    public void Track(Order order) => _orders.Add(order.ClientOrderId, new State(order));

    public OrderStatus StatusOf(Order order) => _orders[order.ClientOrderId].Status;

    public decimal FilledOf(Order order) => _orders[order.ClientOrderId].Filled;

    /// <summary>Orders that got through submission and are not yet in a terminal state.</summary>
    public IEnumerable<Order> Working =>
        _orders.Values.Where(s => s.Status is OrderStatus.Accepted or OrderStatus.PartiallyFilled).Select(s => s.Order);

    public IReadOnlyList<ExecutionReport> Apply(IReadOnlyList<ExecutionReport> reports)
    {
        foreach (var report in reports)
            Apply(report);
        return reports;
    }

    private void Apply(ExecutionReport report)
    {
        var e = report.Event;
        var state = _orders[e.ClientOrderId];
        Assert.Equal(state.Order.OrderId, e.OrderId);
        state.Status = OrderStateMachine.Transition(state.Status, e.Status);
        Assert.True(e.Ts >= state.Ts, $"{e.Status} at {e.Ts:O} is before the previous report at {state.Ts:O}");
        state.Ts = e.Ts;

        if (report.Fill is { } fill)
        {
            Assert.Contains(e.Status, FillStatuses);
            Assert.True(_fillIds.Add(fill.FillId), $"fill id {fill.FillId} repeated");
            Assert.Equal((e.OrderId, e.ClientOrderId, e.Ts), (fill.OrderId, fill.ClientOrderId, fill.Ts));
            Assert.Equal((state.Order.Symbol, state.Order.Side, state.Order.VaultId), (fill.Symbol, fill.Side, fill.VaultId));
            Assert.True(fill.Quantity > 0m && fill.Price > 0m && fill.Fee >= 0m, $"bad fill {fill}");
            state.Filled += fill.Quantity;
            state.Notional += fill.Quantity * fill.Price;
        }
        else
        {
            Assert.DoesNotContain(e.Status, FillStatuses);
        }

        Assert.Equal(state.Filled, e.FilledQuantity);
        Assert.True(state.Filled <= state.Order.Quantity, $"filled {state.Filled} of {state.Order.Quantity}");
        // Filled exactly when all of it has; a rejected order may have an invalid (say zero) quantity.
        if (e.Status == OrderStatus.Filled)
            Assert.Equal(state.Order.Quantity, state.Filled);
        else if (e.Status != OrderStatus.Rejected)
            Assert.True(state.Filled < state.Order.Quantity, $"{e.Status} with all {state.Filled} filled");
        if (state.Filled == 0m)
            Assert.Null(e.AveragePrice);
        else
            Assert.InRange(Math.Abs(e.AveragePrice!.Value - state.Notional / state.Filled), 0m, 0.00000001m);
    }

    private sealed class State(Order order)
    {
        public Order Order { get; } = order;
        public OrderStatus Status { get; set; } = OrderStatus.New;
        public DateTimeOffset Ts { get; set; } = order.CreatedAt;
        public decimal Filled { get; set; }
        public decimal Notional { get; set; }
    }
}
