using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Bybit;

/// <summary>
/// Bybit v5 bodies and order objects. Symbols pass through (Vanta names Bybit instruments as Bybit does,
/// e.g. <c>BTCUSDT</c>); numbers travel as strings.
/// </summary>
/// <remarks>
/// Status mapping: <c>Created</c> (in the venue, not yet at the matching engine) is Submitted; <c>New</c>,
/// <c>Untriggered</c> and <c>Triggered</c> are Accepted; <c>PartiallyFilled</c> is PartiallyFilled;
/// <c>Filled</c> is Filled; <c>Cancelled</c>, <c>PartiallyFilledCanceled</c> and <c>Deactivated</c> are Cancelled
/// (with whatever quantity executed first); <c>Rejected</c> is Rejected. Bybit has no expiry state.
/// </remarks>
internal static class BybitWire
{
    public const int MaxOrderLinkIdLength = 36;

    /// <summary>The create body, fields in the order Bybit documents (the signature covers these exact bytes).</summary>
    public static string CreateBody(string category, BrokerOrderRequest request)
    {
        var body = new JsonObject
        {
            ["category"] = category,
            ["symbol"] = request.Symbol,
            ["side"] = request.Side == OrderSide.Buy ? "Buy" : "Sell",
            ["orderType"] = request.Type == OrderType.Market ? "Market" : "Limit",
            ["qty"] = Number(request.Quantity),
        };
        if (request.Type == OrderType.Limit)
        {
            body["price"] = Number(request.LimitPrice!.Value);
            body["timeInForce"] = "GTC";
        }
        else
        {
            // Bybit runs every market order IOC; a spot market buy would otherwise be sized in the quote coin.
            body["timeInForce"] = "IOC";
            if (category == BybitOptions.Spot)
                body["marketUnit"] = "baseCoin";
        }
        body["orderLinkId"] = request.ClientOrderId.Value;
        return body.ToJsonString();
    }

    public static string CancelBody(string category, string symbol, ClientOrderId clientOrderId) =>
        new JsonObject { ["category"] = category, ["symbol"] = symbol, ["orderLinkId"] = clientOrderId.Value }.ToJsonString();

    /// <summary>Why Bybit would refuse <paramref name="request"/> before it is sent, or null.</summary>
    public static string? Invalid(BrokerOrderRequest request)
    {
        var id = request.ClientOrderId.Value;
        if (id.Length > MaxOrderLinkIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            return $"client order id '{id}' is not a Bybit orderLinkId (at most {MaxOrderLinkIdLength} of A-Z a-z 0-9 - _)";
        if (string.IsNullOrEmpty(request.Symbol) || !request.Symbol.All(char.IsAsciiLetterOrDigit))
            return $"symbol '{request.Symbol}' is not a Bybit symbol (letters and digits, e.g. BTCUSDT)";
        if (request.Quantity <= 0m)
            return string.Create(CultureInfo.InvariantCulture, $"quantity must be positive (was {request.Quantity})");
        if (request.Type == OrderType.Limit && request.LimitPrice is not > 0m)
            return "a limit order needs a positive limit price";
        if (request.Type == OrderType.Limit && request.TimeInForce != TimeInForce.Gtc)
            return $"time in force {request.TimeInForce} does not exist on a 24/7 venue; send limit orders as Gtc";
        return null;
    }

    public static BrokerOrder ParseOrder(JsonObject o)
    {
        var venueId = Text(o, "orderId");
        var link = (string?)o["orderLinkId"];
        var type = Text(o, "orderType") switch
        {
            "Market" => OrderType.Market,
            "Limit" => OrderType.Limit,
            var other => throw new FormatException($"orderType '{other}' is unknown"),
        };
        var cumExec = Decimal(o, "cumExecQty") ?? 0m;
        var rejectReason = (string?)o["rejectReason"];
        return new BrokerOrder(
            venueId,
            // Orders placed outside Vanta have no orderLinkId; the venue id stands in so reconciliation sees them.
            new ClientOrderId(string.IsNullOrEmpty(link) ? venueId : link),
            Text(o, "symbol"),
            Text(o, "side") switch
            {
                "Buy" => OrderSide.Buy,
                "Sell" => OrderSide.Sell,
                var other => throw new FormatException($"side '{other}' is unknown"),
            },
            type,
            Decimal(o, "qty") ?? throw new FormatException("qty is missing"),
            type == OrderType.Limit ? Decimal(o, "price") : null,
            Status(Text(o, "orderStatus")),
            cumExec,
            cumExec > 0m && Decimal(o, "avgPrice") is > 0m and var avg ? avg : null,
            rejectReason is null or "" or "EC_NoError" ? null : rejectReason,
            long.TryParse((string?)o["updatedTime"], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    public static OrderStatus Status(string orderStatus) => orderStatus switch
    {
        "Created" => OrderStatus.Submitted,
        "New" or "Untriggered" or "Triggered" => OrderStatus.Accepted,
        "PartiallyFilled" => OrderStatus.PartiallyFilled,
        "Filled" => OrderStatus.Filled,
        "Cancelled" or "PartiallyFilledCanceled" or "Deactivated" => OrderStatus.Cancelled,
        "Rejected" => OrderStatus.Rejected,
        _ => throw new FormatException($"orderStatus '{orderStatus}' is unknown"),
    };

    public static bool IsTerminal(OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.Expired;

    /// <summary>A query string from pairs, values escaped, order kept (the signature covers it as sent).</summary>
    public static string Query(params (string Name, string? Value)[] pairs)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in pairs.Where(p => p.Value is not null))
            text.Append(text.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value!));
        return text.ToString();
    }

    public static JsonArray List(JsonObject result) =>
        result["list"] as JsonArray ?? throw new FormatException("result.list is missing");

    public static string Text(JsonNode? node, string name) =>
        node?[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : throw new FormatException($"{name} is missing");

    /// <summary>A decimal string field; null when absent or empty.</summary>
    public static decimal? Decimal(JsonNode? node, string name)
    {
        if (node?[name] is not JsonValue v || !v.TryGetValue<string>(out var s) || s.Length == 0)
            return null;
        return decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new FormatException($"{name} '{s}' is not a decimal");
    }

    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
