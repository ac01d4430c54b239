using System.Globalization;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Serialization;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Tradier;

/// <summary>
/// Tradier's order vocabulary and Vanta's. Status mapping (Tradier → Vanta):
/// <c>pending</c>, <c>submitted</c> → submitted (received, not yet working);
/// <c>open</c> → accepted; <c>partially_filled</c> → partially_filled; <c>filled</c> → filled;
/// <c>canceled</c> → cancelled; <c>expired</c> → expired; <c>rejected</c>, <c>error</c> → rejected.
/// Any other status is a malformed answer, never guessed.
/// </summary>
internal static class TradierOrders
{
    public static OrderStatus MapStatus(string status) => status switch
    {
        "pending" or "submitted" => OrderStatus.Submitted,
        "open" => OrderStatus.Accepted,
        "partially_filled" => OrderStatus.PartiallyFilled,
        "filled" => OrderStatus.Filled,
        "canceled" or "cancelled" => OrderStatus.Cancelled,
        "expired" => OrderStatus.Expired,
        "rejected" or "error" => OrderStatus.Rejected,
        _ => throw new FormatException($"tradier: unknown order status '{status}'"),
    };

    public static bool IsOpen(OrderStatus status) =>
        status is OrderStatus.New or OrderStatus.Submitted or OrderStatus.Accepted or OrderStatus.PartiallyFilled;

    /// <summary>The form fields of an equity order; <paramref name="tag"/> carries the client order id.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Form(BrokerOrderRequest request, string tag)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("class", "equity"),
            new("symbol", request.Symbol),
            new("side", request.Side == OrderSide.Buy ? "buy" : "sell"),
            new("quantity", Number(request.Quantity)),
            new("type", request.Type == OrderType.Limit ? "limit" : "market"),
            new("duration", request.TimeInForce == TimeInForce.Gtc ? "gtc" : "day"),
        };
        if (request.Type == OrderType.Limit)
            fields.Add(new("price", Number(request.LimitPrice!.Value)));
        fields.Add(new("tag", tag));
        return fields;
    }

    /// <summary>Why Tradier cannot take this request, or null when it can.</summary>
    public static string? Invalid(BrokerOrderRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Symbol))
            return "symbol is empty";
        if (request.Quantity <= 0m || request.Quantity != decimal.Truncate(request.Quantity))
            return string.Create(CultureInfo.InvariantCulture, $"quantity must be a positive whole number of shares (was {request.Quantity})");
        if (request.Type == OrderType.Limit && request.LimitPrice is not > 0m)
            return "a limit order needs a positive limit price";
        if (request.Type == OrderType.Market && request.LimitPrice is not null)
            return "a market order cannot carry a limit price";
        return null;
    }

    /// <summary>
    /// One order object. Orders placed outside Vanta (no tag) get the client order id <c>tradier-{id}</c>;
    /// types Vanta does not model are shown as the nearest one (stop → market, stop_limit → limit) with the
    /// venue's type in <see cref="BrokerOrder.Reason"/>, so reconciliation still sees them.
    /// </summary>
    public static BrokerOrder Parse(JsonElement order)
    {
        var id = TradierJson.RequiredString(order, "id", "order");
        var where = $"order {id}";
        var type = TradierJson.RequiredString(order, "type", where);
        var status = MapStatus(TradierJson.RequiredString(order, "status", where));
        var filled = TradierJson.Decimal(order, "exec_quantity") ?? 0m;
        var average = TradierJson.Decimal(order, "avg_fill_price");
        var symbol = TradierJson.String(order, "option_symbol") ?? TradierJson.RequiredString(order, "symbol", where);
        var reason = TradierJson.String(order, "reason_description");
        var vantaType = type switch
        {
            "limit" or "stop_limit" or "debit" or "credit" => OrderType.Limit,
            _ => OrderType.Market,
        };
        if (type is not ("market" or "limit"))
            reason = reason is null ? $"tradier type {type}" : $"{reason} (tradier type {type})";
        return new BrokerOrder(
            id,
            TradierTag.Decode(TradierJson.String(order, "tag")) ?? new ClientOrderId("tradier-" + id),
            symbol,
            MapSide(TradierJson.RequiredString(order, "side", where)),
            vantaType,
            TradierJson.RequiredDecimal(order, "quantity", where),
            vantaType == OrderType.Limit ? TradierJson.Decimal(order, "price") : null,
            // Tradier reports partially_filled itself; an open order with executions is one too.
            status == OrderStatus.Accepted && filled > 0m ? OrderStatus.PartiallyFilled : status,
            filled,
            filled > 0m && average is > 0m ? average : null,
            reason,
            TradierJson.Time(order, "transaction_date") ?? TradierJson.Time(order, "create_date"));
    }

    private static OrderSide MapSide(string side) => side switch
    {
        "buy" or "buy_to_cover" or "buy_to_open" or "buy_to_close" => OrderSide.Buy,
        "sell" or "sell_short" or "sell_to_open" or "sell_to_close" => OrderSide.Sell,
        _ => throw new FormatException($"tradier: unknown order side '{side}'"),
    };

    // Plain invariant decimals without trailing zeros: 512.25, 10.
    private static string Number(decimal value) => PlainDecimal.Format(value);
}
