using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Alpaca;

/// <summary>The <c>event</c> of a trade update; <see cref="Other"/> for one this version does not know.</summary>
public enum AlpacaTradeEvent
{
    Other = 0,
    New = 1,
    Fill = 2,
    PartialFill = 3,
    Canceled = 4,
    Expired = 5,
    DoneForDay = 6,
    Replaced = 7,
    Rejected = 8,
    PendingNew = 9,
    Stopped = 10,
    PendingCancel = 11,
    PendingReplace = 12,
    Calculated = 13,
    Suspended = 14,
    OrderReplaceRejected = 15,
    OrderCancelRejected = 16,
}

/// <summary>One execution reported by a <c>fill</c> or <c>partial_fill</c> event.</summary>
/// <param name="Quantity">This execution's quantity (the order's running total is <see cref="BrokerOrder.FilledQuantity"/>).</param>
/// <param name="Price">The event's <c>price</c>. Alpaca documents it as the average fill price; the order's
/// <see cref="BrokerOrder.AverageFillPrice"/> carries the running average either way.</param>
/// <param name="PositionQuantity">The signed position after the event, when sent.</param>
public sealed record AlpacaExecution(string? ExecutionId, decimal Quantity, decimal Price, DateTimeOffset Timestamp, decimal? PositionQuantity);

/// <summary>A <c>trade_updates</c> message: the order's state after the event and, for fills, the execution.</summary>
/// <param name="EventName">The event as sent (kept for <see cref="AlpacaTradeEvent.Other"/>).</param>
/// <param name="Timestamp">The event's own time, when it carries one.</param>
public sealed record AlpacaTradeUpdate(AlpacaTradeEvent Event, string EventName, BrokerOrder Order, DateTimeOffset? Timestamp, AlpacaExecution? Execution)
{
    internal static AlpacaTradeEvent Parse(string name) => name switch
    {
        "new" => AlpacaTradeEvent.New,
        "fill" => AlpacaTradeEvent.Fill,
        "partial_fill" => AlpacaTradeEvent.PartialFill,
        "canceled" => AlpacaTradeEvent.Canceled,
        "expired" => AlpacaTradeEvent.Expired,
        "done_for_day" => AlpacaTradeEvent.DoneForDay,
        "replaced" => AlpacaTradeEvent.Replaced,
        "rejected" => AlpacaTradeEvent.Rejected,
        "pending_new" => AlpacaTradeEvent.PendingNew,
        "stopped" => AlpacaTradeEvent.Stopped,
        "pending_cancel" => AlpacaTradeEvent.PendingCancel,
        "pending_replace" => AlpacaTradeEvent.PendingReplace,
        "calculated" => AlpacaTradeEvent.Calculated,
        "suspended" => AlpacaTradeEvent.Suspended,
        "order_replace_rejected" => AlpacaTradeEvent.OrderReplaceRejected,
        "order_cancel_rejected" => AlpacaTradeEvent.OrderCancelRejected,
        _ => AlpacaTradeEvent.Other,
    };

    /// <summary>The update in a <c>trade_updates</c> message's <c>data</c>; throws <see cref="AlpacaWireException"/> naming a bad field.</summary>
    internal static AlpacaTradeUpdate From(AlpacaTradeUpdateJson json)
    {
        var name = json.Event is { Length: > 0 } e ? e : throw new AlpacaWireException("event is missing");
        var timestamp = AlpacaMapping.Timestamp(json.Timestamp, "timestamp");
        var order = AlpacaMapping.Order(json.Order ?? throw new AlpacaWireException("order is missing"), timestamp);
        var kind = Parse(name);
        AlpacaExecution? execution = null;
        if (kind is AlpacaTradeEvent.Fill or AlpacaTradeEvent.PartialFill)
        {
            execution = new AlpacaExecution(
                json.ExecutionId,
                AlpacaMapping.Decimal(json.Qty, "qty"),
                AlpacaMapping.Decimal(json.Price, "price"),
                timestamp ?? throw new AlpacaWireException("timestamp is missing on a fill"),
                AlpacaMapping.DecimalOrNull(json.PositionQty, "position_qty"));
        }
        return new AlpacaTradeUpdate(kind, name, order, timestamp, execution);
    }
}
