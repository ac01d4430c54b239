using System.Globalization;
using System.Text.Json.Nodes;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Coinbase;

/// <summary>
/// Advanced Trade bodies and order objects. Symbols pass through as product ids (<c>BTC-USD</c>); numbers travel
/// as decimal strings.
/// </summary>
/// <remarks>
/// Status mapping: <c>PENDING</c> and <c>QUEUED</c> are Submitted; <c>OPEN</c>, <c>EDIT_QUEUED</c> and
/// <c>CANCEL_QUEUED</c> (still working until the cancel lands) are Accepted, or PartiallyFilled once
/// <c>filled_size</c> is above zero; <c>FILLED</c> is Filled; <c>CANCELLED</c> is Cancelled (with any partial
/// fill kept); <c>EXPIRED</c> is Expired; <c>FAILED</c> is Rejected; <c>UNKNOWN_ORDER_STATUS</c> is Submitted
/// (the venue holds the order but will not say more).
/// </remarks>
internal static class CoinbaseWire
{
    public const string Prefix = "api/v3/brokerage/";

    /// <summary>The create body: market orders are <c>market_market_ioc</c> by base size, limit orders <c>limit_limit_gtc</c>.</summary>
    public static string CreateBody(BrokerOrderRequest request)
    {
        var configuration = request.Type == OrderType.Market
            ? new JsonObject { ["market_market_ioc"] = new JsonObject { ["base_size"] = Number(request.Quantity) } }
            : new JsonObject
            {
                ["limit_limit_gtc"] = new JsonObject
                {
                    ["base_size"] = Number(request.Quantity),
                    ["limit_price"] = Number(request.LimitPrice!.Value),
                    ["post_only"] = false,
                },
            };
        return new JsonObject
        {
            ["client_order_id"] = request.ClientOrderId.Value,
            ["product_id"] = request.Symbol,
            ["side"] = request.Side == OrderSide.Buy ? "BUY" : "SELL",
            ["order_configuration"] = configuration,
        }.ToJsonString();
    }

    /// <summary>Why Coinbase would refuse <paramref name="request"/> before it is sent, or null.</summary>
    public static string? Invalid(BrokerOrderRequest request)
    {
        var parts = request.Symbol?.Split('-') ?? [];
        if (parts.Length != 2 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiLetterOrDigit)))
            return $"symbol '{request.Symbol}' is not a Coinbase product id (BASE-QUOTE, e.g. BTC-USD)";
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
        var (type, size, limit) = Configuration(o);
        var filled = Decimal(o, "filled_size") ?? 0m;
        var reason = new[] { "reject_message", "cancel_message", "reject_reason" }
            .Select(n => (string?)o[n]).FirstOrDefault(r => !string.IsNullOrEmpty(r) && r != "REJECT_REASON_UNSPECIFIED");
        return new BrokerOrder(
            Text(o, "order_id"),
            new ClientOrderId(Text(o, "client_order_id")),
            Text(o, "product_id"),
            Text(o, "side") switch
            {
                "BUY" => OrderSide.Buy,
                "SELL" => OrderSide.Sell,
                var other => throw new FormatException($"side '{other}' is unknown"),
            },
            type,
            // An order sized in the quote currency (placed outside Vanta) has no base size: what filled is all we know.
            size ?? filled,
            limit,
            Status(Text(o, "status"), filled),
            filled,
            filled > 0m && Decimal(o, "average_filled_price") is > 0m and var average ? average : null,
            reason,
            Time(o, "last_fill_time") ?? Time(o, "created_time"));
    }

    public static OrderStatus Status(string status, decimal filled) => status switch
    {
        "PENDING" or "QUEUED" or "UNKNOWN_ORDER_STATUS" => OrderStatus.Submitted,
        "OPEN" or "EDIT_QUEUED" or "CANCEL_QUEUED" => filled > 0m ? OrderStatus.PartiallyFilled : OrderStatus.Accepted,
        "FILLED" => OrderStatus.Filled,
        "CANCELLED" => OrderStatus.Cancelled,
        "EXPIRED" => OrderStatus.Expired,
        "FAILED" => OrderStatus.Rejected,
        _ => throw new FormatException($"status '{status}' is unknown"),
    };

    public static bool IsTerminal(OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected or OrderStatus.Expired;

    public static string Text(JsonNode? node, string name) =>
        node?[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : throw new FormatException($"{name} is missing");

    /// <summary>True only for a JSON <c>true</c>.</summary>
    public static bool Flag(JsonNode? node, string name) => node?[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

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

    public static string Rfc3339(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Type, base size and limit price from the one key of <c>order_configuration</c>.</summary>
    private static (OrderType Type, decimal? Size, decimal? Limit) Configuration(JsonObject o)
    {
        if (o["order_configuration"] is not JsonObject { Count: 1 } configuration)
            throw new FormatException("order_configuration must hold exactly one order kind");
        var (kind, fields) = configuration.First();
        var type = kind.StartsWith("market_", StringComparison.Ordinal) ? OrderType.Market : OrderType.Limit;
        return (type, Decimal(fields, "base_size"), type == OrderType.Limit ? Decimal(fields, "limit_price") : null);
    }

    private static DateTimeOffset? Time(JsonObject o, string name) =>
        (string?)o[name] is { Length: > 0 } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
}
