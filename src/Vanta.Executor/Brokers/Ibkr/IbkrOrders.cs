using System.Globalization;
using System.Text;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Ibkr;

/// <summary>
/// IBKR's order vocabulary and Vanta's. Status mapping (IBKR <c>order_status</c> / <c>status</c> → Vanta), case-insensitive:
/// <c>PendingSubmit</c>, <c>ApiPending</c> → submitted; <c>PreSubmitted</c>, <c>Submitted</c>, <c>PendingCancel</c>
/// (still working until IB confirms), <c>WarnState</c> → accepted, or partially_filled once some quantity filled;
/// <c>Filled</c> → filled; <c>Cancelled</c>, <c>ApiCancelled</c> → cancelled; <c>Inactive</c> (IB will not work
/// it: rejected or held as invalid) → rejected. IBKR has no separate expiry state (a DAY order ends Cancelled).
/// Any other status is a malformed answer, never guessed.
/// </summary>
internal static class IbkrOrders
{
    public static OrderStatus MapStatus(string status, decimal filled, decimal quantity) => status.ToUpperInvariant() switch
    {
        "PENDINGSUBMIT" or "APIPENDING" => OrderStatus.Submitted,
        "PRESUBMITTED" or "SUBMITTED" or "PENDINGCANCEL" or "WARNSTATE" =>
            filled > 0m && filled < quantity ? OrderStatus.PartiallyFilled : OrderStatus.Accepted,
        "FILLED" => OrderStatus.Filled,
        "CANCELLED" or "APICANCELLED" => OrderStatus.Cancelled,
        "INACTIVE" => OrderStatus.Rejected,
        _ => throw new FormatException($"ibkr: unknown order status '{status}'"),
    };

    public static bool IsOpen(OrderStatus status) =>
        status is OrderStatus.New or OrderStatus.Submitted or OrderStatus.Accepted or OrderStatus.PartiallyFilled;

    /// <summary>Why IBKR cannot take this request, or null when it can.</summary>
    public static string? Invalid(BrokerOrderRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Symbol))
            return "symbol is empty";
        if (request.Quantity <= 0m)
            return string.Create(CultureInfo.InvariantCulture, $"quantity must be positive (was {request.Quantity})");
        if (request.Type == OrderType.Limit && request.LimitPrice is not > 0m)
            return "a limit order needs a positive limit price";
        if (request.Type == OrderType.Market && request.LimitPrice is not null)
            return "a market order cannot carry a limit price";
        return null;
    }

    /// <summary>The submission body: a JSON array with one ticket (names are case-sensitive: <c>cOID</c>, <c>orderType</c>).</summary>
    public static string Tickets(BrokerOrderRequest request, string accountId, long conid)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteStartObject();
            json.WriteString("acctId", accountId);
            json.WriteNumber("conid", conid);
            json.WriteString("orderType", request.Type == OrderType.Limit ? "LMT" : "MKT");
            json.WriteString("side", request.Side == OrderSide.Buy ? "BUY" : "SELL");
            if (request.Type == OrderType.Limit)
                json.WriteNumber("price", request.LimitPrice!.Value);
            json.WriteNumber("quantity", request.Quantity);
            json.WriteString("tif", request.TimeInForce == TimeInForce.Gtc ? "GTC" : "DAY");
            json.WriteString("cOID", request.ClientOrderId.Value);
            json.WriteBoolean("outsideRTH", false);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// An OrderStatus object (<c>GET /iserver/account/order/status/{id}</c>). It carries no client order id, so the
    /// caller supplies the one it asked about; nor a limit price unless the gateway adds <c>limit_price</c>/<c>price</c>.
    /// </summary>
    public static BrokerOrder FromStatus(JsonElement status, ClientOrderId clientOrderId)
    {
        var id = IbkrJson.RequiredString(status, "order_id", "order status");
        var where = $"order {id}";
        var quantity = IbkrJson.RequiredDecimal(status, "total_size", where);
        var filled = IbkrJson.Decimal(status, "cum_fill") ?? 0m;
        var type = Type(IbkrJson.RequiredString(status, "order_type", where));
        var state = MapStatus(IbkrJson.RequiredString(status, "order_status", where), filled, quantity);
        return new BrokerOrder(
            id,
            clientOrderId,
            IbkrJson.RequiredString(status, "symbol", where),
            Side(IbkrJson.RequiredString(status, "side", where)),
            type,
            quantity,
            type == OrderType.Limit ? IbkrJson.Decimal(status, "limit_price") ?? IbkrJson.Decimal(status, "price") : null,
            state,
            filled,
            filled > 0m ? IbkrJson.Decimal(status, "average_price") : null,
            // The description says why an order stopped; on a working order it only restates the status.
            IsOpen(state) ? null : IbkrJson.String(status, "order_status_description"),
            IbkrJson.CompactTime(status, "order_time"));
    }

    /// <summary>
    /// A LiveOrder (<c>GET /iserver/account/orders</c>). <c>order_ref</c> is the <c>cOID</c> we sent; orders placed
    /// elsewhere (none) get <c>ibkr-{orderId}</c> so reconciliation still sees them.
    /// </summary>
    public static BrokerOrder FromLive(JsonElement order)
    {
        var id = IbkrJson.RequiredString(order, "orderId", "live order");
        var where = $"live order {id}";
        var filled = IbkrJson.Decimal(order, "filledQuantity") ?? 0m;
        var quantity = IbkrJson.Decimal(order, "totalSize") ?? checked(filled + (IbkrJson.Decimal(order, "remainingQuantity") ?? 0m));
        var type = Type(IbkrJson.String(order, "orderType") ?? IbkrJson.RequiredString(order, "origOrderType", where));
        var reference = IbkrJson.String(order, "order_ref");
        return new BrokerOrder(
            id,
            new ClientOrderId(string.IsNullOrWhiteSpace(reference) ? "ibkr-" + id : reference),
            IbkrJson.String(order, "ticker") ?? IbkrJson.RequiredString(order, "conid", where),
            Side(IbkrJson.RequiredString(order, "side", where)),
            type,
            quantity,
            type == OrderType.Limit ? IbkrJson.Decimal(order, "price") : null,
            MapStatus(IbkrJson.RequiredString(order, "status", where), filled, quantity),
            filled,
            filled > 0m ? IbkrJson.Decimal(order, "avgPrice") : null,
            null,
            IbkrJson.EpochMs(order, "lastExecutionTime_r"));
    }

    // Status objects spell types out ("Limit"), tickets and live orders use codes ("LMT"); stop kinds are not Vanta's.
    private static OrderType Type(string type) => type.ToUpperInvariant() switch
    {
        "LMT" or "LIMIT" or "STOP_LIMIT" or "STOP LIMIT" or "TRAILLMT" => OrderType.Limit,
        _ => OrderType.Market,
    };

    private static OrderSide Side(string side) => side.ToUpperInvariant() switch
    {
        "BUY" or "B" => OrderSide.Buy,
        "SELL" or "S" or "SSHORT" => OrderSide.Sell,
        _ => throw new FormatException($"ibkr: unknown order side '{side}'"),
    };
}
