using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vanta.Testing.StandIn;

namespace Vanta.Cli.Tests;

/// <summary>
/// A stand-in Alpaca paper account for the end-to-end order tests: checks the key headers, keeps orders by
/// client_order_id (refusing a second with 422 as Alpaca does), and answers in Alpaca's wire format.
/// </summary>
internal sealed class AlpacaVenue : IAsyncDisposable
{
    public const string KeyId = "PKTESTKEY0000000001";
    public const string Secret = "stand-in-secret-key-not-real-0000000000";

    private readonly ConcurrentDictionary<string, JsonObject> _orders = new(StringComparer.Ordinal);
    private int _posts;

    public AlpacaVenue()
    {
        Server = StandInServer.Start();
        Server.Map("/v2/orders", Orders);
        Server.Map("/v2/orders:by_client_order_id", ByClientId);
        Server.Map("/v2/positions", _ => StandInResponse.Json(Positions().ToJsonString()));
        Server.Map("/v2/account", _ => StandInResponse.Json("""{"id":"acct","account_number":"PA1","status":"ACTIVE","currency":"USD","cash":"100000","equity":"100000","buying_power":"200000"}"""));
    }

    public StandInServer Server { get; }

    /// <summary>How long the answer to the next order placement is held back (the order is booked at once).</summary>
    public TimeSpan NextPostDelay { get; set; }

    public int Posts => _posts;

    public IReadOnlyCollection<JsonObject> Booked => [.. _orders.Values];

    public void Fill(string clientOrderId, decimal quantity, decimal price)
    {
        var order = _orders[clientOrderId];
        order["filled_qty"] = quantity.ToString(CultureInfo.InvariantCulture);
        order["filled_avg_price"] = price.ToString(CultureInfo.InvariantCulture);
        order["status"] = quantity == decimal.Parse((string)order["qty"]!, CultureInfo.InvariantCulture) ? "filled" : "partially_filled";
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private StandInResponse Orders(RecordedRequest request)
    {
        if (Unauthorized(request) is { } denied)
            return denied;
        if (request.Method == "GET")
        {
            var open = _orders.Values.Where(o => (string)o["status"]! is "accepted" or "new" or "partially_filled").Select(o => o.DeepClone());
            return StandInResponse.Json(new JsonArray([.. open]).ToJsonString());
        }
        Interlocked.Increment(ref _posts);
        var body = JsonNode.Parse(request.BodyText)!.AsObject();
        var clientId = (string?)body["client_order_id"] ?? "";
        if (body["qty"] is not JsonValue qty || qty.GetValueKind() != JsonValueKind.String)
            return StandInResponse.Json("""{"code":40010001,"message":"qty must be a string"}""", 422);
        var order = new JsonObject
        {
            ["id"] = $"00000000-0000-4000-8000-{_orders.Count + 1:D12}",
            ["client_order_id"] = clientId,
            ["created_at"] = "2026-11-30T14:31:02.118204Z",
            ["symbol"] = (string?)body["symbol"],
            ["asset_class"] = "us_equity",
            ["qty"] = (string?)body["qty"],
            ["filled_qty"] = "0",
            ["filled_avg_price"] = null,
            ["type"] = (string?)body["type"],
            ["side"] = (string?)body["side"],
            ["time_in_force"] = (string?)body["time_in_force"],
            ["limit_price"] = (string?)body["limit_price"],
            ["status"] = "accepted",
        };
        if (!_orders.TryAdd(clientId, order))
            return StandInResponse.Json("""{"code":42210000,"message":"client_order_id must be unique"}""", 422);
        var delay = NextPostDelay;
        NextPostDelay = TimeSpan.Zero;
        return StandInResponse.Json(order.ToJsonString()) with { HeaderDelay = delay };
    }

    private JsonArray Positions()
    {
        var held = _orders.Values
            .GroupBy(o => (string)o["symbol"]!, StringComparer.Ordinal)
            .Select(g => (Symbol: g.Key, Qty: g.Sum(o => Decimal((string)o["filled_qty"]!) * ((string)o["side"]! == "buy" ? 1 : -1))))
            .Where(p => p.Qty != 0m);
        return new JsonArray([.. held.Select(p => (JsonNode)new JsonObject
        {
            ["symbol"] = p.Symbol,
            ["qty"] = p.Qty.ToString(CultureInfo.InvariantCulture),
            ["avg_entry_price"] = "100",
            ["side"] = p.Qty > 0 ? "long" : "short",
            ["market_value"] = (p.Qty * 100m).ToString(CultureInfo.InvariantCulture),
        })]);
    }

    private static decimal Decimal(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private StandInResponse ByClientId(RecordedRequest request)
    {
        if (Unauthorized(request) is { } denied)
            return denied;
        return _orders.TryGetValue(request.QueryValue("client_order_id") ?? "", out var order)
            ? StandInResponse.Json(order.ToJsonString())
            : StandInResponse.Json("""{"code":40410000,"message":"order not found"}""", 404);
    }

    private static StandInResponse? Unauthorized(RecordedRequest request) =>
        request.Header("APCA-API-KEY-ID") == KeyId && request.Header("APCA-API-SECRET-KEY") == Secret
            ? null
            : StandInResponse.Json("""{"code":40110000,"message":"request is not authorized"}""", 401);
}
