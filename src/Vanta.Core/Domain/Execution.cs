using System.Collections.Immutable;
using Vanta.Core.Ids;

namespace Vanta.Core.Domain;

/// <summary>
/// The risk gate's verdict on one order, journaled before the order goes anywhere. Approvals are journaled too,
/// with the fences passed, so an auditor can see every check a fill went through.
/// </summary>
/// <param name="DenialReason">Typed reason (snake_case) when denied, e.g. <c>max_order_notional</c>.</param>
/// <param name="Fence">The fence that denied, when one did.</param>
/// <param name="Detail">The numbers behind the verdict.</param>
public sealed record RiskCheck(
    OrderId OrderId,
    ClientOrderId ClientOrderId,
    VaultId VaultId,
    string Symbol,
    bool Approved,
    string? DenialReason,
    string? Fence,
    string Detail,
    ImmutableArray<string> FencesPassed,
    DateTimeOffset Ts);

/// <summary>An executor's trading state changed: the kill switch, a daily-loss breach, an operator's resume.</summary>
/// <param name="Scope">The vault it applies to, or <c>*</c> for the whole executor.</param>
public sealed record TradingStateChange(string Scope, TradingState From, TradingState To, string Reason, DateTimeOffset Ts);

/// <summary>Which broker account an order was sent to, journaled before the send.</summary>
public sealed record OrderRouted(OrderId OrderId, ClientOrderId ClientOrderId, string Broker, DateTimeOffset Ts);

/// <summary>
/// A difference between the executor's journal and what a broker reports, found on restart or on request,
/// and what was done about it.
/// </summary>
/// <param name="Kind">e.g. <c>order_status</c>, <c>order_missing_at_broker</c>, <c>order_unknown_locally</c>, <c>position_quantity</c>.</param>
/// <param name="Subject">The client order id or symbol concerned.</param>
/// <param name="Action">e.g. <c>adopted_broker_state</c>, <c>resent</c>, <c>recorded</c>.</param>
public sealed record ReconciliationDifference(
    string Broker,
    string Kind,
    string Subject,
    string Local,
    string Venue,
    string Action,
    DateTimeOffset Ts);
