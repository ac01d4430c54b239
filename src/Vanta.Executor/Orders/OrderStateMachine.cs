using System.Collections.Frozen;
using Vanta.Core.Domain;

namespace Vanta.Executor.Orders;

/// <summary>
/// The legal order lifecycle:
/// <code>
/// new -> submitted -> accepted -> partially_filled* -> filled
/// new -> rejected | cancelled                 (refused or withdrawn before reaching the venue)
/// submitted -> rejected | cancelled
/// accepted | partially_filled -> cancelled | expired
/// </code>
/// Filled, cancelled, rejected and expired are terminal. Any other step is a bug in Vanta or an adapter,
/// so it throws instead of returning a value.
/// </summary>
public static class OrderStateMachine
{
    private static readonly FrozenDictionary<OrderStatus, FrozenSet<OrderStatus>> Legal =
        new Dictionary<OrderStatus, FrozenSet<OrderStatus>>
        {
            [OrderStatus.New] = Set(OrderStatus.Submitted, OrderStatus.Rejected, OrderStatus.Cancelled),
            [OrderStatus.Submitted] = Set(OrderStatus.Accepted, OrderStatus.Rejected, OrderStatus.Cancelled),
            [OrderStatus.Accepted] = Set(OrderStatus.PartiallyFilled, OrderStatus.Filled, OrderStatus.Cancelled, OrderStatus.Expired),
            [OrderStatus.PartiallyFilled] = Set(OrderStatus.PartiallyFilled, OrderStatus.Filled, OrderStatus.Cancelled, OrderStatus.Expired),
            [OrderStatus.Filled] = Set(),
            [OrderStatus.Cancelled] = Set(),
            [OrderStatus.Rejected] = Set(),
            [OrderStatus.Expired] = Set(),
        }.ToFrozenDictionary();

    /// <summary>True when an order in <paramref name="status"/> can never change again.</summary>
    public static bool IsTerminal(OrderStatus status) => Known(status).Count == 0;

    /// <summary>True when an order may go from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanTransition(OrderStatus from, OrderStatus to) => Known(from).Contains(to);

    /// <summary>Returns <paramref name="to"/>; throws <see cref="IllegalOrderTransitionException"/> if the step is illegal.</summary>
    public static OrderStatus Transition(OrderStatus from, OrderStatus to) =>
        CanTransition(from, to) ? to : throw new IllegalOrderTransitionException(from, to);

    private static FrozenSet<OrderStatus> Known(OrderStatus status) =>
        Legal.TryGetValue(status, out var next)
            ? next
            : throw new ArgumentOutOfRangeException(nameof(status), status, "Not an order status");

    private static FrozenSet<OrderStatus> Set(params OrderStatus[] statuses) => statuses.ToFrozenSet();
}

/// <summary>An order was driven through a step its lifecycle does not allow: a bug, never an expected outcome.</summary>
public sealed class IllegalOrderTransitionException(OrderStatus from, OrderStatus to)
    : InvalidOperationException($"Illegal order transition {from} -> {to}")
{
    public OrderStatus From { get; } = from;
    public OrderStatus To { get; } = to;
}
