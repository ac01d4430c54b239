using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vanta.Testing.StandIn;

namespace Vanta.Executor.Tests.Brokers.Alpaca;

/// <summary>
/// A stateful Alpaca Trading API v2 on a <see cref="StandInServer"/>: orders kept by client_order_id, answered as the
/// spec says (string decimals, {code,message} errors, 422 for a reused client_order_id, 403 for buying power,
/// 204 cancels). Every request is checked: a missing or wrong APCA header gets 401, and anything off-spec in a
/// request (numeric decimals, wrong content type, unknown fields) is recorded in <see cref="Violations"/>.
/// </summary>
internal sealed class FakeAlpacaVenue
{
    public const string KeyId = "PKTESTKEY0000000ALPA";
    public const string Secret = "sk-alpaca-fake-secret-0123456789abcdefXYZ";
    public const decimal MarketPrice = 100m;

    private static readonly string[] Terminal = ["filled", "canceled", "expired", "rejected", "replaced"];
    private static readonly HashSet<string> KnownFields = ["symbol", "qty", "side", "type", "time_in_force", "limit_price", "client_order_id"];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _orders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<StandInResponse>> _failNext = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Func<StandInResponse, StandInResponse>> _distortSubmit = new();
    private readonly ConcurrentQueue<string> _violations = new();
    private DateTimeOffset _clock = new(2024, 6, 14, 14, 31, 2, TimeSpan.Zero);
    private int _next;

    public FakeAlpacaVenue(StandInServer server)
    {
        Server = server;
        server.Map("/v2/orders", r => Guarded(r, r.Method == "POST" ? Submit : List));
        server.Map("/v2/orders:by_client_order_id", r => Guarded(r, ByClientOrderId));
        server.MapPrefix("/v2/orders/", r => Guarded(r, ById));
        server.Map("/v2/account", r => Guarded(r, _ => StandInResponse.Json(Account)));
        server.Map("/v2/positions", r => Guarded(r, _ => StandInResponse.Json(Positions)));
    }

    public StandInServer Server { get; }

    public decimal BuyingPower { get; set; } = 100_000m;

    public string Account { get; set; } = """
        {"id":"904837e3-3b76-47ec-b432-046db621571b","account_number":"PA3ABCDEF1","status":"ACTIVE","crypto_status":"ACTIVE",
         "currency":"USD","cash":"25000.5","portfolio_value":"31000.25","equity":"31000.25","last_equity":"30500",
         "buying_power":"50001.00","regt_buying_power":"50001","daytrade_count":0,"pattern_day_trader":false,
         "trading_blocked":false,"account_blocked":false,"multiplier":"2","created_at":"2024-01-02T15:04:05.123456789Z"}
        """;

    public string Positions { get; set; } = "[]";

    public IReadOnlyList<string> Violations => [.. _violations];

    /// <summary>Orders held, keyed by client_order_id.</summary>
    public IReadOnlyDictionary<string, JsonObject> Orders
    {
        get
        {
            lock (_lock)
                return _orders.ToDictionary(o => o.Key, o => (JsonObject)o.Value.DeepClone());
        }
    }

    /// <summary>The next request <c>METHOD path</c> gets <paramref name="responses"/> in turn, without touching state.</summary>
    public void FailNext(string method, string path, params StandInResponse[] responses)
    {
        var queue = _failNext.GetOrAdd($"{method} {path}", _ => new ConcurrentQueue<StandInResponse>());
        foreach (var response in responses)
            queue.Enqueue(response);
    }

    /// <summary>The next submit is processed (the order is kept) but its answer is changed, e.g. delayed or cut.</summary>
    public void DistortNextSubmit(Func<StandInResponse, StandInResponse> distort) => _distortSubmit.Enqueue(distort);

    /// <summary>An order placed directly at the venue (by hand, or in an earlier run).</summary>
    public JsonObject Seed(string clientOrderId, string symbol = "AAPL", decimal qty = 1m, string status = "new", DateTimeOffset? submittedAt = null)
    {
        lock (_lock)
        {
            var order = NewOrder(clientOrderId, symbol, qty, "buy", "market", "day", null, submittedAt);
            order["status"] = status;
            return order;
        }
    }

    /// <summary>An execution: filled_qty and the average price move, status becomes partially_filled or filled.</summary>
    public void Fill(string clientOrderId, decimal qty, decimal price)
    {
        lock (_lock)
        {
            var order = _orders[clientOrderId];
            var filled = Dec(order["filled_qty"]) ?? 0m;
            var average = Dec(order["filled_avg_price"]) ?? 0m;
            var total = filled + qty;
            order["filled_qty"] = Str(total);
            order["filled_avg_price"] = Str(Math.Round(((average * filled) + (price * qty)) / total, 4));
            order["status"] = total >= Dec(order["qty"]) ? "filled" : "partially_filled";
            order["updated_at"] = Tick();
        }
    }

    private StandInResponse Guarded(RecordedRequest request, Func<RecordedRequest, StandInResponse> handler)
    {
        if (request.Header("APCA-API-KEY-ID") != KeyId || request.Header("APCA-API-SECRET-KEY") != Secret)
            return Error(401, 40110000, "request is not authorized");
        if (request.Header("Accept") is { } accept && !accept.Contains("application/json", StringComparison.Ordinal))
            _violations.Enqueue($"{request.Method} {request.Path}: Accept {accept}");
        if (_failNext.TryGetValue($"{request.Method} {request.Path}", out var queue) && queue.TryDequeue(out var scripted))
            return scripted;
        return handler(request);
    }

    private StandInResponse Submit(RecordedRequest request)
    {
        if (request.Header("Content-Type") is not { } type || !type.StartsWith("application/json", StringComparison.Ordinal))
            _violations.Enqueue($"POST /v2/orders: Content-Type {request.Header("Content-Type") ?? "(none)"}");
        JsonObject body;
        try
        {
            body = JsonNode.Parse(request.BodyText)!.AsObject();
        }
        catch (JsonException ex)
        {
            _violations.Enqueue($"POST /v2/orders: body is not JSON ({ex.Message})");
            return Error(400, 40010001, "invalid body");
        }
        foreach (var (name, value) in body)
        {
            if (!KnownFields.Contains(name))
                _violations.Enqueue($"POST /v2/orders: unexpected field {name}");
            if (value is null || value.GetValueKind() != JsonValueKind.String)
                _violations.Enqueue($"POST /v2/orders: {name} is not a JSON string ({value?.ToJsonString() ?? "null"})");
        }
        string? Field(string name) => body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var (symbol, qty, side, kind, tif, limit, clientId) =
            (Field("symbol"), Dec(body["qty"]), Field("side"), Field("type"), Field("time_in_force"), Dec(body["limit_price"]), Field("client_order_id"));
        if (symbol is null || qty is not > 0m || side is not ("buy" or "sell") || kind is not ("market" or "limit") || tif is null || clientId is null)
            return Error(422, 42210000, "invalid order request");
        if (kind == "limit" && limit is null)
            return Error(422, 42210000, "limit_price is required for limit orders");
        if (symbol.Contains('/', StringComparison.Ordinal) && tif is not ("gtc" or "ioc"))
            return Error(422, 42210000, "invalid crypto time_in_force");

        StandInResponse answer;
        lock (_lock)
        {
            if (_orders.ContainsKey(clientId))
                return Error(422, 40010001, "client_order_id must be unique");
            if (side == "buy" && qty * (limit ?? MarketPrice) > BuyingPower)
                return Error(403, 40310000, "insufficient buying power");
            answer = StandInResponse.Json(NewOrder(clientId, symbol, qty.Value, side, kind, tif, limit, null).ToJsonString());
        }
        return _distortSubmit.TryDequeue(out var distort) ? distort(answer) : answer;
    }

    private StandInResponse List(RecordedRequest request)
    {
        if (request.Method != "GET")
            return Error(405, 40510000, "method not allowed");
        if (request.QueryValue("status") != "open" || request.QueryValue("direction") != "desc")
            _violations.Enqueue($"GET /v2/orders: query {request.Query}");
        var limit = int.Parse(request.QueryValue("limit") ?? "50", CultureInfo.InvariantCulture);
        if (limit is < 1 or > 500)
            return Error(422, 42210000, "limit must be 1..500");
        var until = request.QueryValue("until") is { } u ? At(u) : DateTimeOffset.MaxValue;
        var after = request.QueryValue("after") is { } a ? At(a) : DateTimeOffset.MinValue;
        lock (_lock)
        {
            var page = _orders.Values
                .Where(o => !Terminal.Contains((string?)o["status"]))
                .Select(o => (Order: o, At: At((string)o["submitted_at"]!)))
                .Where(o => o.At < until && o.At > after)
                .OrderByDescending(o => o.At).ThenBy(o => (string?)o.Order["id"], StringComparer.Ordinal)
                .Take(limit)
                .Select(o => o.Order.DeepClone());
            return StandInResponse.Json(new JsonArray([.. page]).ToJsonString());
        }
    }

    private StandInResponse ByClientOrderId(RecordedRequest request)
    {
        var clientId = request.QueryValue("client_order_id");
        lock (_lock)
        {
            return clientId is not null && _orders.TryGetValue(clientId, out var order)
                ? StandInResponse.Json(order.ToJsonString())
                : Error(404, 40410000, "order not found");
        }
    }

    private StandInResponse ById(RecordedRequest request)
    {
        var id = request.Path["/v2/orders/".Length..];
        lock (_lock)
        {
            var order = _orders.Values.FirstOrDefault(o => (string?)o["id"] == id);
            if (order is null)
                return Error(404, 40410000, "order not found");
            if (request.Method == "GET")
                return StandInResponse.Json(order.ToJsonString());
            if (request.Method != "DELETE")
                return Error(405, 40510000, "method not allowed");
            if (Terminal.Contains((string?)order["status"]))
                return Error(422, 42210000, "order is not cancelable");
            order["status"] = "canceled";
            var at = Tick();
            order["canceled_at"] = at;
            order["updated_at"] = at;
            return StandInResponse.Empty(204);
        }
    }

    private JsonObject NewOrder(string clientId, string symbol, decimal qty, string side, string kind, string tif, decimal? limit, DateTimeOffset? submittedAt)
    {
        var id = $"00000000-0000-4000-8000-{++_next:D12}";
        var at = submittedAt is { } s ? Iso(s) : Tick();
        var order = new JsonObject
        {
            ["id"] = id,
            ["client_order_id"] = clientId,
            ["created_at"] = at,
            ["updated_at"] = at,
            ["submitted_at"] = at,
            ["filled_at"] = null,
            ["expired_at"] = null,
            ["canceled_at"] = null,
            ["failed_at"] = null,
            ["replaced_at"] = null,
            ["replaced_by"] = null,
            ["replaces"] = null,
            ["asset_id"] = "b0b6dd9d-8b9b-48a9-ba46-b9d54906e415",
            ["symbol"] = symbol,
            ["asset_class"] = symbol.Contains('/', StringComparison.Ordinal) ? "crypto" : "us_equity",
            ["notional"] = null,
            ["qty"] = Str(qty),
            ["filled_qty"] = "0",
            ["filled_avg_price"] = null,
            ["order_class"] = "",
            ["order_type"] = kind,
            ["type"] = kind,
            ["side"] = side,
            ["time_in_force"] = tif,
            ["limit_price"] = limit is { } l ? Str(l) : null,
            ["stop_price"] = null,
            ["status"] = "new",
            ["extended_hours"] = false,
            ["legs"] = null,
            ["trail_percent"] = null,
            ["trail_price"] = null,
            ["hwm"] = null,
            ["subtag"] = null,
            ["source"] = null,
        };
        _orders[clientId] = order;
        return order;
    }

    // Nanosecond fractions, as Alpaca sends them.
    private string Tick()
    {
        _clock = _clock.AddMilliseconds(1);
        return Iso(_clock);
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "35Z";

    // Our own timestamps carry 9 fraction digits; the 100 ns DateTimeOffset holds is enough to order them.
    private static DateTimeOffset At(string iso) =>
        DateTimeOffset.Parse(iso.Length == 30 ? iso[..27] + "Z" : iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static StandInResponse Error(int status, long code, string message) =>
        StandInResponse.Json(new JsonObject { ["code"] = code, ["message"] = message }.ToJsonString(), status);

    private static string Str(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal? Dec(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
}
