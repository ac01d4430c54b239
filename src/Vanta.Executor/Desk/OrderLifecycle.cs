using Vanta.Core.Domain;
using Vanta.Executor.Orders;

namespace Vanta.Executor.Desk;

/// <summary>Walks the legal lifecycle between two states, so a venue that jumps (new -> filled) is journaled step by step.</summary>
public static class OrderLifecycle
{
    private static readonly OrderStatus[] Order =
    [
        OrderStatus.New, OrderStatus.Submitted, OrderStatus.Accepted, OrderStatus.PartiallyFilled, OrderStatus.Filled,
        OrderStatus.Cancelled, OrderStatus.Rejected, OrderStatus.Expired,
    ];

    /// <summary>
    /// The shortest legal sequence of states after <paramref name="from"/> ending in <paramref name="to"/> (empty when
    /// equal, except a partial fill that progressed, which repeats <c>partially_filled</c>); null when no legal path exists.
    /// </summary>
    public static IReadOnlyList<OrderStatus>? PathTo(OrderStatus from, OrderStatus to)
    {
        if (from == to)
            return from == OrderStatus.PartiallyFilled ? [to] : [];
        var previous = new Dictionary<OrderStatus, OrderStatus> { [from] = from };
        var queue = new Queue<OrderStatus>([from]);
        while (queue.TryDequeue(out var state))
        {
            foreach (var next in Order.Where(n => OrderStateMachine.CanTransition(state, n) && !previous.ContainsKey(n)))
            {
                previous[next] = state;
                if (next == to)
                    return Unwind(previous, from, to);
                queue.Enqueue(next);
            }
        }
        return null;
    }

    private static List<OrderStatus> Unwind(Dictionary<OrderStatus, OrderStatus> previous, OrderStatus from, OrderStatus to)
    {
        var path = new List<OrderStatus>();
        for (var s = to; s != from; s = previous[s])
            path.Add(s);
        path.Reverse();
        return path;
    }
}
