using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Executor.Orders;
using static Vanta.Executor.Tests.Builders;

namespace Vanta.Executor.Tests.Orders;

public sealed class OpenOrdersTests
{
    private static OrderEvent Event(Order order, OrderStatus status, decimal filled = 0m) =>
        new(order.OrderId, order.ClientOrderId, status, filled, filled > 0m ? 10m : null, null, order.CreatedAt.AddMinutes(1));

    [Fact]
    public void Order_is_open_until_terminal_and_pending_is_signed_by_side()
    {
        var book = new OpenOrders();
        var buy = Market("AAPL", OrderSide.Buy, 10m, Day1);
        var sell = Market("AAPL", OrderSide.Sell, 4m, Day1.AddMinutes(1));
        book.Track(buy);
        book.Track(sell);
        book.Apply(Event(buy, OrderStatus.Submitted));
        book.Apply(Event(buy, OrderStatus.Accepted));
        book.Apply(Event(buy, OrderStatus.PartiallyFilled, 3m));

        // 10 - 3 bought still to come, 4 to sell.
        Assert.Equal(7m - 4m, book.PendingQuantity(CoreVault, "AAPL"));
        Assert.Equal(0m, book.PendingQuantity(CoreVault, "MSFT"));
        Assert.Equal([buy.ClientOrderId, sell.ClientOrderId], book.Snapshot().Select(o => o.ClientOrderId));
        Assert.Equal(OrderStatus.PartiallyFilled, book.Snapshot()[0].Status);

        var done = book.Apply(Event(buy, OrderStatus.Filled, 10m));

        Assert.Equal(OrderStatus.Filled, done.Status);
        Assert.Equal(-4m, book.PendingQuantity(CoreVault, "AAPL"));
        Assert.Equal(1, book.Count);
    }

    [Fact]
    public void Illegal_event_throws_and_leaves_the_order_unchanged()
    {
        var book = new OpenOrders();
        var order = Market("AAPL", OrderSide.Buy, 10m, Day1);
        book.Track(order);

        Assert.Throws<IllegalOrderTransitionException>(() => book.Apply(Event(order, OrderStatus.Filled, 10m)));
        Assert.Equal(OrderStatus.New, Assert.Single(book.Snapshot()).Status);
    }

    [Fact]
    public void Tracking_twice_or_an_event_for_an_unknown_order_is_a_bug()
    {
        var book = new OpenOrders();
        var order = Market("AAPL", OrderSide.Buy, 10m, Day1);
        book.Track(order);

        Assert.Throws<InvalidOperationException>(() => book.Track(order));
        Assert.Throws<InvalidOperationException>(() => book.Apply(Event(Market("MSFT", OrderSide.Buy, 1m, Day1), OrderStatus.Submitted)));
    }

    [Fact]
    public void Snapshot_serializes_for_open_orders_json()
    {
        var book = new OpenOrders();
        var order = Market("AAPL", OrderSide.Sell, 5m, Day1);
        book.Track(order);

        var json = JsonSerializer.Serialize(book.Snapshot(), ExecutorJsonContext.Default.ImmutableArrayOpenOrder);

        Assert.Contains($"\"client_order_id\":\"{order.ClientOrderId}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"side\":\"sell\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"new\"", json, StringComparison.Ordinal);
        Assert.Contains("\"remaining_quantity\":5", json, StringComparison.Ordinal);
    }
}
