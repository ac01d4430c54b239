using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;

namespace Vanta.Executor.Orders;

/// <summary>
/// Turns an <see cref="AllocationIntent"/> into at most one order:
/// <c>target = truncate(target_weight x equity / last_price)</c> whole shares,
/// <c>delta = target - position - pending</c>. The weight is sized from the executor's own ledger equity (it
/// includes the vault's PnL, which the control plane's <see cref="AllocationIntent.TargetQuantity"/> estimate
/// does not). An intent with a limit collar (<see cref="AllocationIntent.LimitPrice"/>) becomes a limit order at
/// that worst acceptable price; without one, a market order. Order ids derive from the intent id, and the planner
/// remembers every client order id it issued, so a retried or replayed intent is refused instead of ordered twice.
/// </summary>
/// <remarks>Not thread-safe: the executor kernel calls it from one thread.</remarks>
public sealed class OrderPlanner(OrderPlannerOptions options)
{
    private readonly HashSet<ClientOrderId> _issued = [];

    public OrderPlanner() : this(OrderPlannerOptions.Default)
    {
    }

    /// <summary>How many orders this planner has issued (or was told about through <see cref="Remember"/>).</summary>
    public int IssuedCount => _issued.Count;

    /// <summary>True when an order for <paramref name="intentId"/> was already issued.</summary>
    public bool HasIssued(IntentId intentId) => _issued.Contains(OrderIds.ClientOrderIdFor(intentId));

    /// <summary>Records an order issued before a restart (read back from the journal), so it is not issued again.</summary>
    public void Remember(ClientOrderId clientOrderId) => _issued.Add(clientOrderId);

    public OrderPlan Plan(AllocationIntent intent, PlanningContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(context);

        var clientOrderId = OrderIds.ClientOrderIdFor(intent.IntentId);
        if (_issued.Contains(clientOrderId))
            return new OrderPlan.Reject(PlanRejection.DuplicateIntent, $"order {clientOrderId} was already issued for intent {intent.IntentId}");
        if (now >= intent.ExpiresAt)
            return new OrderPlan.Reject(PlanRejection.ExpiredIntent, Invariant($"intent expired at {intent.ExpiresAt:O}"));
        if (context.LastPrice is not { } price || price <= 0m)
            return new OrderPlan.Reject(PlanRejection.NoPrice, $"no price yet for {intent.Symbol}");
        if (intent.TargetWeight != 0m && context.Equity <= 0m)
            return new OrderPlan.Reject(PlanRejection.NoEquity, Invariant($"vault equity is {context.Equity}"));

        var target = decimal.Truncate(intent.TargetWeight * context.Equity / price);
        var delta = target - context.PositionQuantity - context.PendingQuantity;
        if (delta == 0m)
            return new OrderPlan.Skip(PlanSkip.AtTarget, Invariant($"already at target {target} {intent.Symbol}"));
        var quantity = Math.Abs(delta);
        var notional = quantity * price;
        if (notional < options.MinimumNotional)
            return new OrderPlan.Skip(PlanSkip.BelowMinimumNotional,
                Invariant($"{quantity} {intent.Symbol} is worth {notional}, under the minimum {options.MinimumNotional}"));

        var side = delta > 0m ? OrderSide.Buy : OrderSide.Sell;
        if (intent.LimitPrice is not null && intent.Side is { } intended && intended != side)
            return new OrderPlan.Reject(PlanRejection.SideMismatch,
                Invariant($"the intent's limit {intent.LimitPrice} is for a {intended}, but position {context.PositionQuantity} and pending {context.PendingQuantity} need a {side} of {quantity}"));

        var order = new Order(
            OrderIds.OrderIdFor(intent.IntentId),
            clientOrderId,
            intent.IntentId,
            intent.VaultId,
            intent.Symbol,
            side,
            intent.LimitPrice is null ? OrderType.Market : OrderType.Limit,
            quantity,
            intent.LimitPrice,
            options.TimeInForce,
            now);
        _issued.Add(clientOrderId);
        return new OrderPlan.Submit(order);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
