using Vanta.Core.Domain;

namespace Vanta.Executor.Orders;

/// <summary>Why an intent was refused. Persisted values are frozen.</summary>
public enum PlanRejection
{
    /// <summary>The intent's <c>expires_at</c> has passed: acting on it would act on a stale belief.</summary>
    ExpiredIntent = 1,

    /// <summary>No price is known yet for the symbol, so the order cannot be sized.</summary>
    NoPrice = 2,

    /// <summary>An order was already issued for this intent (a retry or a replay).</summary>
    DuplicateIntent = 3,

    /// <summary>The vault has no equity to size a non-zero target from.</summary>
    NoEquity = 4,

    /// <summary>
    /// The intent carries a limit collar for one side, but the executor's position needs the other: the control
    /// plane sized it from a position the executor does not hold, so its worst acceptable price is meaningless.
    /// </summary>
    SideMismatch = 5,
}

/// <summary>Why a valid intent needs no order. Persisted values are frozen.</summary>
public enum PlanSkip
{
    /// <summary>Position plus pending orders already equal the target quantity.</summary>
    AtTarget = 1,

    /// <summary>The difference is worth less than the configured minimum notional.</summary>
    BelowMinimumNotional = 2,
}

/// <summary>What <see cref="OrderPlanner"/> made of an intent: an order, nothing to do, or a refusal.</summary>
public abstract record OrderPlan
{
    private OrderPlan() { }

    /// <summary>Send this order.</summary>
    public sealed record Submit(Order Order) : OrderPlan;

    /// <summary>Nothing to trade; <paramref name="Detail"/> says why in words.</summary>
    public sealed record Skip(PlanSkip Reason, string Detail) : OrderPlan;

    /// <summary>The intent is refused; <paramref name="Detail"/> says why in words.</summary>
    public sealed record Reject(PlanRejection Reason, string Detail) : OrderPlan;
}

/// <summary>What the planner needs to know about a vault and symbol to size an order.</summary>
/// <param name="Equity">The vault's current equity (cash plus positions at last price).</param>
/// <param name="PositionQuantity">Signed quantity held now.</param>
/// <param name="PendingQuantity">Signed quantity still to trade in open orders (see <see cref="OpenOrders.PendingQuantity"/>).</param>
/// <param name="LastPrice">The last known price of the symbol, or null when none has been seen.</param>
public sealed record PlanningContext(decimal Equity, decimal PositionQuantity, decimal PendingQuantity, decimal? LastPrice);

/// <summary>Planner settings.</summary>
/// <param name="MinimumNotional">Orders worth less than this (quantity x last price) are not sent.</param>
public sealed record OrderPlannerOptions(decimal MinimumNotional = 1m, TimeInForce TimeInForce = TimeInForce.Day)
{
    public static OrderPlannerOptions Default { get; } = new();
}
