using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Ids;

namespace Vanta.Executor.Orders;

/// <summary>
/// The executor's book of live orders: each is tracked from <c>new</c> and driven through
/// <see cref="OrderStateMachine"/> by the venue's events; it leaves the book when it reaches a terminal state.
/// Tracking an order twice, or an event for an order not in the book, is a bug and throws.
/// </summary>
public sealed class OpenOrders
{
    private readonly SortedDictionary<ClientOrderId, OpenOrder> _orders = new();

    public int Count => _orders.Count;

    /// <summary>Starts tracking an order just created, in state <c>new</c>.</summary>
    public void Track(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var open = new OpenOrder(
            order.OrderId, order.ClientOrderId, order.IntentId, order.VaultId, order.Symbol, order.Side, order.Type,
            order.Quantity, 0m, OrderStatus.New, order.CreatedAt, order.CreatedAt);
        if (!_orders.TryAdd(order.ClientOrderId, open))
            throw new InvalidOperationException($"Order {order.ClientOrderId} is already tracked");
    }

    /// <summary>Applies one venue event; returns the order's new state.</summary>
    public OpenOrder Apply(OrderEvent orderEvent)
    {
        ArgumentNullException.ThrowIfNull(orderEvent);
        if (!_orders.TryGetValue(orderEvent.ClientOrderId, out var current))
            throw new InvalidOperationException($"Event {orderEvent.Status} for order {orderEvent.ClientOrderId}, which is not open");
        if (orderEvent.FilledQuantity < current.FilledQuantity || orderEvent.FilledQuantity > current.Quantity)
            throw new InvalidOperationException(
                $"Order {orderEvent.ClientOrderId}: filled quantity {orderEvent.FilledQuantity} outside {current.FilledQuantity}..{current.Quantity}");

        var next = current with
        {
            Status = OrderStateMachine.Transition(current.Status, orderEvent.Status),
            FilledQuantity = orderEvent.FilledQuantity,
            UpdatedAt = orderEvent.Ts,
        };
        if (OrderStateMachine.IsTerminal(next.Status))
            _orders.Remove(orderEvent.ClientOrderId);
        else
            _orders[orderEvent.ClientOrderId] = next;
        return next;
    }

    /// <summary>Signed quantity still to trade in <paramref name="symbol"/> for <paramref name="vaultId"/> (buys positive).</summary>
    public decimal PendingQuantity(VaultId vaultId, string symbol) =>
        _orders.Values.Where(o => o.VaultId == vaultId && o.Symbol == symbol).Sum(o => o.SignedRemaining);

    /// <summary>The open orders, oldest first, ties by client order id: the content of <c>open_orders.json</c>.</summary>
    public ImmutableArray<OpenOrder> Snapshot() =>
        [.. _orders.Values.OrderBy(o => o.CreatedAt).ThenBy(o => o.ClientOrderId)];
}
