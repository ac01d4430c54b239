using System.Globalization;
using System.Text;
using System.Text.Json;
using Vanta.Testing.StandIn;

namespace Vanta.Executor.Tests.Brokers.Tradier;

/// <summary>How the fake answers the next order placement.</summary>
public enum PlaceMode
{
    Normal,
    /// <summary>Creates the order, then answers after the adapter has given up.</summary>
    TimeoutAfterCreate,
    /// <summary>Creates the order, then cuts the answer's body short.</summary>
    DropAfterCreate,
    /// <summary>500 without creating anything.</summary>
    ServerErrorBeforeCreate,
    /// <summary>Creates the order, then answers 500.</summary>
    ServerErrorAfterCreate,
    /// <summary>429 with Retry-After, nothing created.</summary>
    RateLimited,
}

/// <summary>
/// A stateful stand-in for Tradier's brokerage API under <c>/v1/</c>. It answers in the documented shapes (the XML
/// quirks included: one element as an object, none as <c>"null"</c>, numbers with long tails) and records every
/// departure from the wire contract it sees in <see cref="Violations"/>: a missing bearer token or Accept, a
/// non-form body, a missing or invalid field, a bad tag, an order read without <c>includeTags</c>.
/// </summary>
internal sealed class TradierVenue : IAsyncDisposable
{
    public const string Token = "tk-Secret-9f8e7d6c5b4a";
    public const string Account = "VA55501234";

    private readonly Lock _gate = new();
    private readonly List<VenueOrder> _orders = [];
    private readonly Queue<PlaceMode> _placeModes = new();
    private readonly List<string> _violations = [];
    private long _nextId = 8839210;

    private TradierVenue()
    {
        Server = StandInServer.Start();
        Server.MapPrefix("/v1/", Handle);
    }

    public StandInServer Server { get; }

    public Uri BaseUri => Server.Url("v1/");

    public IReadOnlyList<string> Violations { get { lock (_gate) return [.. _violations]; } }

    public IReadOnlyList<VenueOrder> Orders { get { lock (_gate) return [.. _orders]; } }

    /// <summary>Body of a 200 answer to the next placement instead of placing (a downstream rejection).</summary>
    public string? RejectNextPlacementWith { get; set; }

    /// <summary>Body of a 200 answer to the next cancel instead of cancelling.</summary>
    public string? RejectNextCancelWith { get; set; }

    /// <summary>Overrides the status of orders as they are placed (default <c>open</c>).</summary>
    public string PlacedStatus { get; set; } = "open";

    public string PositionsJson { get; set; } = """{"positions": "null"}""";

    public string BalancesJson { get; set; } = "";

    /// <summary>How long a <see cref="PlaceMode.TimeoutAfterCreate"/> answer waits before its headers.</summary>
    public TimeSpan Stall { get; set; } = TimeSpan.FromSeconds(2);

    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Value of <c>X-Ratelimit-Available</c> on every answer.</summary>
    public int Available { get; set; } = 119;

    /// <summary>Value of <c>X-Ratelimit-Expiry</c> (epoch ms) on every answer.</summary>
    public long ExpiryMs { get; set; } = 1369164360001;

    public static TradierVenue Start() => new();

    public void NextPlacements(params PlaceMode[] modes)
    {
        lock (_gate)
        {
            foreach (var mode in modes)
                _placeModes.Enqueue(mode);
        }
    }

    public VenueOrder Add(string symbol, string status, string? tag, decimal quantity = 10m, string type = "limit", decimal? price = 100m)
    {
        lock (_gate)
        {
            var order = new VenueOrder(_nextId++, symbol, "buy", type, "day", quantity, price, tag) { Status = status };
            _orders.Add(order);
            return order;
        }
    }

    public void Fill(long id, decimal quantity, decimal price)
    {
        lock (_gate)
        {
            var order = _orders.Single(o => o.Id == id);
            order.Executed += quantity;
            order.AverageFill = price;
            order.Status = order.Executed >= order.Quantity ? "filled" : "partially_filled";
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private StandInResponse Handle(RecordedRequest request)
    {
        lock (_gate)
        {
            if (request.Header("Authorization") != "Bearer " + Token)
                return StandInResponse.Text($"Invalid Access Token (got '{request.Header("Authorization")}')", "text/plain", 401);
            if (request.Header("Accept") != "application/json")
            {
                _violations.Add($"{request.Method} {request.Path}: Accept was '{request.Header("Accept")}'");
                return StandInResponse.Text("<orders>null</orders>", "application/xml");
            }
            var parts = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 4 || parts[1] != "accounts")
                return StandInResponse.Text("Not Found", "text/plain", 404);
            if (parts[2] != Account)
                return StandInResponse.Text("Invalid account", "text/plain", 400);
            return (request.Method, parts[3], parts.Length) switch
            {
                ("POST", "orders", 4) => Place(request),
                ("GET", "orders", 4) => List(request),
                ("GET", "orders", 5) => Find(parts[4], o => Limits(Json($$$"""{"order": {{{Render(o, request.QueryValue("includeTags") == "true")}}}}"""))),
                ("DELETE", "orders", 5) => Find(parts[4], Cancel),
                ("GET", "positions", 4) => Limits(Json(PositionsJson)),
                ("GET", "balances", 4) => Limits(Json(BalancesJson)),
                _ => StandInResponse.Text("Not Found", "text/plain", 404),
            };
        }
    }

    private StandInResponse Place(RecordedRequest request)
    {
        if (request.Header("Content-Type") != "application/x-www-form-urlencoded")
            _violations.Add($"POST orders: Content-Type was '{request.Header("Content-Type")}'");
        string Field(string name)
        {
            var value = request.FormValue(name);
            if (string.IsNullOrEmpty(value))
                _violations.Add($"POST orders: missing form field '{name}'");
            return value ?? "";
        }
        var type = Field("type");
        Check("class", Field("class"), "equity");
        Check("side", Field("side"), "buy", "sell", "buy_to_cover", "sell_short");
        Check("type", type, "market", "limit");
        Check("duration", Field("duration"), "day", "gtc", "pre", "post");
        var quantityText = Field("quantity");
        if (!decimal.TryParse(quantityText, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity))
            _violations.Add($"POST orders: quantity '{quantityText}' is not whole shares");
        decimal? price = null;
        if (type == "limit")
            price = decimal.Parse(Field("price"), NumberStyles.Number, CultureInfo.InvariantCulture);
        else if (request.FormValue("price") is not null)
            _violations.Add("POST orders: price sent for a market order");
        var tag = request.FormValue("tag");
        if (tag is not null && (tag.Length > 255 || !tag.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
            _violations.Add($"POST orders: tag '{tag}' has characters Tradier refuses");

        if (RejectNextPlacementWith is { } rejection)
        {
            RejectNextPlacementWith = null;
            return Limits(Json(rejection));
        }
        var mode = _placeModes.Count > 0 ? _placeModes.Dequeue() : PlaceMode.Normal;
        if (mode == PlaceMode.RateLimited)
            return Json("""{"fault": "rate limit"}""", 429).WithHeader("Retry-After", RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
        if (mode == PlaceMode.ServerErrorBeforeCreate)
            return StandInResponse.Text("Internal Server Error", "text/plain", 500);

        var order = new VenueOrder(_nextId++, Field("symbol"), Field("side"), type, Field("duration"), quantity, price, tag) { Status = PlacedStatus };
        _orders.Add(order);
        var ack = Json($$$"""{"order": {"id": {{{order.Id}}}, "status": "ok", "partner_id": "3a4b5c6d-0000-4e1f-9a2b-3c4d5e6f7a8b"}}""");
        return mode switch
        {
            PlaceMode.TimeoutAfterCreate => ack with { HeaderDelay = Stall },
            PlaceMode.DropAfterCreate => ack with { TruncateAfterBytes = 7 },
            PlaceMode.ServerErrorAfterCreate => StandInResponse.Text("Internal Server Error", "text/plain", 500),
            _ => Limits(ack),
        };
    }

    private StandInResponse List(RecordedRequest request)
    {
        if (request.QueryValue("includeTags") != "true")
            _violations.Add("GET orders: includeTags=true missing, tags would not be listed");
        var page = int.Parse(request.QueryValue("page") ?? "1", CultureInfo.InvariantCulture);
        var limit = int.Parse(request.QueryValue("limit") ?? "1000", CultureInfo.InvariantCulture);
        var slice = _orders.Skip((page - 1) * limit).Take(limit).Select(o => Render(o, true)).ToList();
        var inner = slice.Count switch
        {
            0 => "\"null\"",
            // Tradier's XML heritage: a single order is an object, not an array.
            1 => $$$"""{"order": {{{slice[0]}}}}""",
            _ => $$$"""{"order": [{{{string.Join(",", slice)}}}]}""",
        };
        return Limits(Json($$$"""{"orders": {{{inner}}}}"""));
    }

    private StandInResponse Cancel(VenueOrder order)
    {
        if (RejectNextCancelWith is { } rejection)
        {
            RejectNextCancelWith = null;
            return Limits(Json(rejection));
        }
        order.Status = "canceled";
        return Limits(Json($$$"""{"order": {"id": {{{order.Id}}}, "status": "ok"}}"""));
    }

    private StandInResponse Find(string id, Func<VenueOrder, StandInResponse> then) =>
        _orders.FirstOrDefault(o => o.Id.ToString(CultureInfo.InvariantCulture) == id) is { } order
            ? then(order)
            : StandInResponse.Text("Order not found", "text/plain", 404);

    private void Check(string field, string value, params string[] allowed)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
            _violations.Add($"POST orders: {field}='{value}' is not one of {string.Join("|", allowed)}");
    }

    private static string Render(VenueOrder o, bool includeTags)
    {
        var json = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $$"""{"id": {{o.Id}}, "type": "{{o.Type}}", "symbol": "{{o.Symbol}}", "side": "{{o.Side}}", "quantity": {{Tail(o.Quantity)}}, "status": "{{o.Status}}", "duration": "{{o.Duration}}", """));
        if (o.Price is { } price)
            json.Append(CultureInfo.InvariantCulture, $"\"price\": {Tail(price)}, ");
        json.Append(CultureInfo.InvariantCulture, $$"""
            "avg_fill_price": {{Tail(o.AverageFill)}}, "exec_quantity": {{Tail(o.Executed)}}, "remaining_quantity": {{Tail(o.Quantity - o.Executed)}}, "create_date": "2024-06-14T14:31:02.118Z", "transaction_date": "2024-06-14T14:31:04.877Z", "class": "equity"
            """);
        if (o.Status == "rejected")
            json.Append(", \"reason_description\": \"DayTradingBuyingPowerExceeded\"");
        if (includeTags && o.Tag is not null)
            json.Append(CultureInfo.InvariantCulture, $", \"tag\": \"{o.Tag}\"");
        return json.Append('}').ToString();
    }

    private static string Tail(decimal value) => value.ToString("0.00000000", CultureInfo.InvariantCulture);

    private static StandInResponse Json(string json, int status = 200)
    {
        using var _ = JsonDocument.Parse(json); // the fake must itself speak valid JSON
        return StandInResponse.Json(json, status);
    }

    private StandInResponse Limits(StandInResponse response) =>
        response.WithHeader("X-Ratelimit-Allowed", "120").WithHeader("X-Ratelimit-Used", (120 - Available).ToString(CultureInfo.InvariantCulture))
            .WithHeader("X-Ratelimit-Available", Available.ToString(CultureInfo.InvariantCulture))
            .WithHeader("X-Ratelimit-Expiry", ExpiryMs.ToString(CultureInfo.InvariantCulture));
}

internal sealed class VenueOrder(long id, string symbol, string side, string type, string duration, decimal quantity, decimal? price, string? tag)
{
    public long Id => id;
    public string Symbol => symbol;
    public string Side => side;
    public string Type => type;
    public string Duration => duration;
    public decimal Quantity => quantity;
    public decimal? Price => price;
    public string? Tag => tag;
    public required string Status { get; set; }
    public decimal Executed { get; set; }
    public decimal AverageFill { get; set; }
}
