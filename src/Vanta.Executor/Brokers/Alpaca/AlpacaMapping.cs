using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Serialization;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Alpaca;

/// <summary>A value Alpaca sent that Vanta cannot read; the message names the field and the value.</summary>
internal sealed class AlpacaWireException(string message) : Exception(message);

/// <summary>
/// Alpaca's wire values onto Vanta's records. Order statuses map as follows (Alpaca → Vanta):
/// <list type="bullet">
/// <item><c>new</c>, <c>accepted</c>, <c>pending_new</c>, <c>accepted_for_bidding</c> → Accepted. Alpaca holds the order
/// (routed or not yet) and it can be cancelled; Vanta's Submitted means "sent, not acknowledged", which an answer from
/// Alpaca never is, and mapping there would make Submitted → Expired (a day order accepted after hours) an illegal step.</item>
/// <item><c>partially_filled</c> → PartiallyFilled; <c>filled</c> → Filled.</item>
/// <item><c>canceled</c> → Cancelled; <c>expired</c> → Expired; <c>rejected</c> → Rejected.</item>
/// <item><c>replaced</c> → Cancelled with the reason naming the replacement: Vanta never replaces, so an order replaced outside
/// Vanta is finished for this client order id (the new one has a new id and client order id).</item>
/// <item><c>done_for_day</c>, <c>pending_cancel</c>, <c>pending_replace</c>, <c>stopped</c>, <c>suspended</c> → still working:
/// PartiallyFilled when anything has filled, otherwise Accepted. <c>done_for_day</c> resumes the next day and a pending
/// cancel may still fill, so neither is terminal until Alpaca says so.</item>
/// <item><c>calculated</c> (done, settlement pending) → Filled when the whole quantity filled, else as a working order.</item>
/// </list>
/// Any other status is a <see cref="AlpacaWireException"/>: guessing a lifecycle state is worse than reporting one we do not know.
/// </summary>
internal static class AlpacaMapping
{
    public static BrokerOrder Order(AlpacaOrderJson json, DateTimeOffset? fallbackTime = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var status = Required(json.Status, "status");
        var notional = DecimalOrNull(json.Notional, "notional");
        var filled = DecimalOrNull(json.FilledQty, "filled_qty") ?? 0m;
        // A notional order (placed outside Vanta) has no share quantity: what has filled is all that is known.
        var quantity = DecimalOrNull(json.Qty, "qty") ?? (notional is not null ? filled : throw Missing("qty"));
        var mapped = Status(status, filled, quantity);
        var reason = status switch
        {
            "replaced" => $"replaced by Alpaca order {json.ReplacedBy ?? "(unknown)"}",
            _ when json.Qty is null => string.Create(CultureInfo.InvariantCulture, $"notional order for {notional} USD; quantity is what has filled"),
            "done_for_day" or "pending_cancel" or "pending_replace" or "stopped" or "suspended" or "calculated" => $"alpaca status {status}",
            _ => null,
        };
        return new BrokerOrder(
            Required(json.Id, "id"),
            new ClientOrderId(Required(json.ClientOrderId, "client_order_id")),
            AlpacaSymbols.FromAlpaca(Required(json.Symbol, "symbol"), json.AssetClass),
            Side(Required(json.Side, "side")),
            Type(Required(json.Type, "type")),
            quantity,
            DecimalOrNull(json.LimitPrice, "limit_price"),
            mapped,
            filled,
            DecimalOrNull(json.FilledAvgPrice, "filled_avg_price"),
            reason,
            Timestamp(json.UpdatedAt, "updated_at")
                ?? Timestamp(json.FilledAt ?? json.CanceledAt ?? json.ExpiredAt ?? json.FailedAt, "event time")
                ?? fallbackTime
                ?? Timestamp(json.SubmittedAt ?? json.CreatedAt, "created_at"));
    }

    public static OrderStatus Status(string status, decimal filled, decimal quantity) => status switch
    {
        "new" or "accepted" or "pending_new" or "accepted_for_bidding" => OrderStatus.Accepted,
        "partially_filled" => OrderStatus.PartiallyFilled,
        "filled" => OrderStatus.Filled,
        "canceled" or "replaced" => OrderStatus.Cancelled,
        "expired" => OrderStatus.Expired,
        "rejected" => OrderStatus.Rejected,
        "calculated" when quantity > 0m && filled >= quantity => OrderStatus.Filled,
        "done_for_day" or "pending_cancel" or "pending_replace" or "stopped" or "suspended" or "calculated" =>
            filled > 0m ? OrderStatus.PartiallyFilled : OrderStatus.Accepted,
        _ => throw new AlpacaWireException($"unknown order status \"{status}\""),
    };

    public static BrokerPosition Position(AlpacaPositionJson json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var quantity = Decimal(json.Qty, "qty");
        // Alpaca signs short quantities already; a positive qty on a short side would double as a long.
        if (json.Side == "short" && quantity > 0m)
            quantity = -quantity;
        return new BrokerPosition(
            AlpacaSymbols.FromAlpaca(Required(json.Symbol, "symbol"), json.AssetClass),
            quantity,
            Decimal(json.AvgEntryPrice, "avg_entry_price"),
            DecimalOrNull(json.MarketValue, "market_value"));
    }

    public static BrokerAccount Account(AlpacaAccountJson json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new BrokerAccount(
            json.AccountNumber ?? Required(json.Id, "id"),
            Required(json.Currency, "currency"),
            Decimal(json.Cash, "cash"),
            Decimal(json.Equity, "equity"),
            Decimal(json.BuyingPower, "buying_power"));
    }

    public static string Side(OrderSide side) => side switch
    {
        OrderSide.Buy => "buy",
        OrderSide.Sell => "sell",
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "unknown order side"),
    };

    public static string Type(OrderType type) => type switch
    {
        OrderType.Market => "market",
        OrderType.Limit => "limit",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown order type"),
    };

    public static string TimeInForce(TimeInForce timeInForce) => timeInForce switch
    {
        Core.Domain.TimeInForce.Day => "day",
        Core.Domain.TimeInForce.Gtc => "gtc",
        _ => throw new ArgumentOutOfRangeException(nameof(timeInForce), timeInForce, "unknown time in force"),
    };

    /// <summary>Decimal as Alpaca wants it: a plain invariant string without exponent or trailing zeros.</summary>
    public static string Format(decimal value) => PlainDecimal.Format(value);

    public static decimal Decimal(string? text, string field) => DecimalOrNull(text, field) ?? throw Missing(field);

    public static decimal? DecimalOrNull(string? text, string field) =>
        text is null ? null
        : decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value
        : throw new AlpacaWireException($"{field} is not a decimal string (was \"{text}\")");

    /// <summary>RFC 3339 with up to nanosecond fractions (cut to the 100 ns that DateTimeOffset holds) and any offset.</summary>
    public static DateTimeOffset? Timestamp(string? text, string field)
    {
        if (text is null)
            return null;
        var trimmed = text;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
                end++;
            if (end - dot - 1 > 7)
                trimmed = text[..(dot + 8)] + text[end..];
        }
        return DateTimeOffset.TryParseExact(trimmed, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new AlpacaWireException($"{field} is not an RFC 3339 timestamp (was \"{text}\")");
    }

    private static OrderSide Side(string side) => side switch
    {
        "buy" => OrderSide.Buy,
        "sell" => OrderSide.Sell,
        _ => throw new AlpacaWireException($"side is neither buy nor sell (was \"{side}\")"),
    };

    // Vanta only places market and limit orders; others (placed by hand at Alpaca) are reported as the nearest:
    // a stop or trailing stop trades at market once triggered, a stop-limit at its limit.
    private static OrderType Type(string type) => type switch
    {
        "market" or "stop" or "trailing_stop" => OrderType.Market,
        "limit" or "stop_limit" => OrderType.Limit,
        _ => throw new AlpacaWireException($"unknown order type \"{type}\""),
    };

    private static string Required(string? value, string field) => value is { Length: > 0 } ? value : throw Missing(field);

    private static AlpacaWireException Missing(string field) => new($"{field} is missing");
}
