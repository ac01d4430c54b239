using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Vanta.Executor.Tests.Brokers.Common;
using Vanta.Testing.StandIn;

namespace Vanta.Executor.Tests.Brokers.Bybit;

/// <summary>
/// A stateful Bybit v5 venue on a <see cref="StandInServer"/> that checks what it receives the way Bybit does:
/// recomputes the HMAC over timestamp + key + recv window + (query | body) and refuses a mismatch with retCode
/// 10004 (echoing the origin string, key included, as Bybit does), an unknown key with 10003, a timestamp
/// outside the window with 10002; keeps orders by orderLinkId and refuses a reused one.
/// </summary>
internal sealed class FakeBybitVenue : FakeVenue<VenueOrder>
{
    public const string ApiKey = "TESTKEY0001";
    public const string ApiSecret = "TESTSECRETtestsecret0123456789ab";

    private readonly TimeProvider _time;

    public FakeBybitVenue(StandInServer server, TimeProvider time, string category)
    {
        _time = time;
        Category = category;
        server.Map("/v5/order/create", r => Serve(r, Create));
        server.Map("/v5/order/realtime", r => Serve(r, Realtime));
        server.Map("/v5/order/cancel", r => Serve(r, Cancel));
        server.Map("/v5/position/list", r => Serve(r, Positions));
        server.Map("/v5/account/wallet-balance", r => Serve(r, Wallet));
    }

    public string Category { get; }

    /// <summary>retCode for a reused orderLinkId (Bybit documents 110072; the spec also lists 10014).</summary>
    public int DuplicateCode { get; set; } = 110072;

    /// <summary>When set, creates are refused with this retCode and message (e.g. 110007 insufficient balance).</summary>
    public (int Code, string Message)? RefuseCreates { get; set; }

    /// <summary>Announced as <c>X-Bapi-Limit-Status</c>, with a reset <see cref="ResetAfter"/> ahead.</summary>
    public int LimitStatus { get; set; } = 9;

    public TimeSpan ResetAfter { get; set; } = TimeSpan.FromSeconds(1);

    public int PageSize { get; set; } = 50;

    public JsonArray LinearPositions { get; } = [];

    public JsonObject WalletAccount { get; set; } = new();

    /// <summary>An order placed some other way (another client, the web UI: then without an orderLinkId).</summary>
    public VenueOrder Seed(string? linkId, string symbol, string status = "New", decimal qty = 1m)
    {
        lock (Gate)
        {
            var order = new VenueOrder(NextId(), linkId ?? "", symbol, "Buy", "Limit", qty, 100m) { Status = status };
            Book.Add(order);
            return order;
        }
    }

    /// <summary>An execution against the order: partly, then wholly filled.</summary>
    public void Fill(string linkId, decimal qty, decimal price)
    {
        lock (Gate)
        {
            var order = Book.Single(o => o.LinkId == linkId);
            order.AvgPrice = ((order.AvgPrice * order.CumExecQty) + (qty * price)) / (order.CumExecQty + qty);
            order.CumExecQty += qty;
            order.Status = order.CumExecQty >= order.Qty ? "Filled" : "PartiallyFilled";
        }
    }

    private StandInResponse Serve(RecordedRequest request, Func<RecordedRequest, JsonObject> work)
    {
        var refused = Authenticate(request);
        if (refused is not null)
            return Envelope(refused.Value.Code, refused.Value.Message, new JsonObject());
        var fault = NextFault(request.Path);
        if (fault == VenueFault.RefuseRateLimited)
            return Envelope(10006, "Too many visits!", new JsonObject(), TimeSpan.FromMilliseconds(20));
        if (Refusal(fault) is { } early)
            return early;
        JsonObject result;
        try
        {
            result = work(request);
        }
        catch (VenueRefusal refusal)
        {
            return Envelope(refusal.Code, refusal.Message, new JsonObject());
        }
        return Spoiled(fault, Envelope(0, "OK", result));
    }

    protected override StandInResponse ServerError => StandInResponse.Empty(500);

    private (int Code, string Message)? Authenticate(RecordedRequest request)
    {
        var key = request.Header("X-BAPI-API-KEY");
        var stamp = request.Header("X-BAPI-TIMESTAMP");
        var window = request.Header("X-BAPI-RECV-WINDOW") ?? "5000";
        var sign = request.Header("X-BAPI-SIGN");
        if (key != ApiKey)
            return (10003, "API key is invalid.");
        if (stamp is null || sign is null || !long.TryParse(stamp, CultureInfo.InvariantCulture, out var ms))
            return (10004, "missing signature headers");
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (!(now - long.Parse(window, CultureInfo.InvariantCulture) <= ms && ms < now + 1000))
            return (10002, $"invalid request, please check your server timestamp or recv_window param. req_timestamp[{ms}],server_timestamp[{now}],recv_window[{window}]");
        if (request.Method == "POST" && request.Header("Content-Type")?.StartsWith("application/json", StringComparison.Ordinal) != true)
            return (10001, "Content-Type must be application/json");
        var origin = stamp + key + window + (request.Method == "GET" ? request.Query : request.BodyText);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ApiSecret), Encoding.UTF8.GetBytes(origin)));
        return expected == sign ? null : (10004, $"error sign! origin_string[{origin}]");
    }

    private JsonObject Create(RecordedRequest request)
    {
        var body = JsonNode.Parse(request.BodyText)!.AsObject();
        Require(body, "category", Category);
        var link = (string?)body["orderLinkId"] ?? "";
        if (link.Length is 0 or > 36 || !link.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new VenueRefusal(10001, "orderLinkId is invalid");
        var type = (string)body["orderType"]!;
        var qty = Number(body, "qty");
        if (type == "Limit" && Number(body, "price") <= 0m)
            throw new VenueRefusal(10001, "price is invalid");
        if (type == "Market" && (string?)body["timeInForce"] != "IOC")
            throw new VenueRefusal(10001, "market orders are IOC");
        if (Category == "spot" && type == "Market" && (string?)body["marketUnit"] != "baseCoin")
            throw new VenueRefusal(10001, "test venue expects base-coin market orders");
        if (RefuseCreates is { } refuse)
            throw new VenueRefusal(refuse.Code, refuse.Message);
        lock (Gate)
        {
            if (Book.Any(o => o.LinkId == link))
                throw new VenueRefusal(DuplicateCode, "OrderLinkedID is duplicate");
            var order = new VenueOrder(NextId(), link, (string)body["symbol"]!, (string)body["side"]!, type, qty,
                type == "Limit" ? Number(body, "price") : 0m);
            Book.Add(order);
            return new JsonObject { ["orderId"] = order.OrderId, ["orderLinkId"] = order.LinkId };
        }
    }

    private JsonObject Realtime(RecordedRequest request)
    {
        RequireQuery(request, "category", Category);
        var link = request.QueryValue("orderLinkId");
        var symbol = request.QueryValue("symbol");
        if (Category == "linear" && symbol is null && request.QueryValue("settleCoin") is null)
            throw new VenueRefusal(10001, "symbol or settleCoin is required for linear");
        var closed = request.QueryValue("openOnly") == "1";
        var limit = Math.Min(int.Parse(request.QueryValue("limit") ?? "20", CultureInfo.InvariantCulture), PageSize);
        var from = int.Parse(request.QueryValue("cursor")?.Replace("page-", "", StringComparison.Ordinal) ?? "0", CultureInfo.InvariantCulture);
        lock (Gate)
        {
            var matching = Book
                .Where(o => (link is null || o.LinkId == link) && (symbol is null || o.Symbol == symbol) && o.IsOpen != closed)
                .Reverse()
                .ToList();
            var page = matching.Skip(from).Take(limit).ToList();
            var next = from + page.Count < matching.Count ? $"page-{from + page.Count}" : "";
            return new JsonObject
            {
                ["category"] = Category,
                ["nextPageCursor"] = next,
                ["list"] = new JsonArray([.. page.Select(o => (JsonNode)o.ToJson())]),
            };
        }
    }

    private JsonObject Cancel(RecordedRequest request)
    {
        var body = JsonNode.Parse(request.BodyText)!.AsObject();
        Require(body, "category", Category);
        lock (Gate)
        {
            var order = Book.SingleOrDefault(o => o.LinkId == (string?)body["orderLinkId"] && o.Symbol == (string?)body["symbol"])
                ?? throw new VenueRefusal(110001, "Order does not exist.");
            if (!order.IsOpen)
                throw new VenueRefusal(110008, "Order has been finished or canceled");
            order.Status = order.CumExecQty > 0m && Category == "spot" ? "PartiallyFilledCanceled" : "Cancelled";
            return new JsonObject { ["orderId"] = order.OrderId, ["orderLinkId"] = order.LinkId };
        }
    }

    private JsonObject Positions(RecordedRequest request)
    {
        RequireQuery(request, "category", "linear");
        RequireQuery(request, "settleCoin", "USDT");
        return new JsonObject { ["category"] = "linear", ["nextPageCursor"] = "", ["list"] = LinearPositions.DeepClone() };
    }

    private JsonObject Wallet(RecordedRequest request)
    {
        RequireQuery(request, "accountType", "UNIFIED");
        return new JsonObject { ["list"] = new JsonArray(WalletAccount.DeepClone()) };
    }

    private StandInResponse Envelope(int code, string message, JsonObject result, TimeSpan? resetAfter = null)
    {
        var now = _time.GetUtcNow();
        var json = new JsonObject
        {
            ["retCode"] = code,
            ["retMsg"] = message,
            ["result"] = result,
            ["retExtInfo"] = new JsonObject(),
            ["time"] = now.ToUnixTimeMilliseconds(),
        };
        var reset = (now + (resetAfter ?? ResetAfter)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return StandInResponse.Json(json.ToJsonString())
            .WithHeader("X-Bapi-Limit", "10")
            .WithHeader("X-Bapi-Limit-Status", code == 10006 ? "0" : LimitStatus.ToString(CultureInfo.InvariantCulture))
            .WithHeader("X-Bapi-Limit-Reset-Timestamp", reset);
    }

    private string NextId() => $"bb-{NextNumber():0000}";

    private static void Require(JsonObject body, string name, string value)
    {
        if ((string?)body[name] != value)
            throw new VenueRefusal(10001, $"{name} must be {value}");
    }

    private static void RequireQuery(RecordedRequest request, string name, string value)
    {
        if (request.QueryValue(name) != value)
            throw new VenueRefusal(10001, $"{name} must be {value}");
    }

    private static decimal Number(JsonObject body, string name) =>
        body[name] is JsonValue v && v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d > 0m
            ? d
            : throw new VenueRefusal(10001, $"{name} must be a positive decimal string");

    private sealed class VenueRefusal(int code, string message) : Exception(message)
    {
        public int Code { get; } = code;
    }
}

/// <summary>One order as the fake venue holds it.</summary>
internal sealed record VenueOrder(string OrderId, string LinkId, string Symbol, string Side, string OrderType, decimal Qty, decimal Price)
{
    public string Status { get; set; } = "New";

    public decimal CumExecQty { get; set; }

    public decimal AvgPrice { get; set; }

    public bool IsOpen => Status is "New" or "PartiallyFilled" or "Untriggered";

    public JsonObject ToJson() => new()
    {
        ["orderId"] = OrderId,
        ["orderLinkId"] = LinkId,
        ["symbol"] = Symbol,
        ["side"] = Side,
        ["orderType"] = OrderType,
        ["price"] = Price.ToString(CultureInfo.InvariantCulture),
        ["qty"] = Qty.ToString(CultureInfo.InvariantCulture),
        ["orderStatus"] = Status,
        ["avgPrice"] = CumExecQty > 0m ? AvgPrice.ToString(CultureInfo.InvariantCulture) : "",
        ["cumExecQty"] = CumExecQty.ToString(CultureInfo.InvariantCulture),
        ["leavesQty"] = (Qty - CumExecQty).ToString(CultureInfo.InvariantCulture),
        ["timeInForce"] = OrderType == "Market" ? "IOC" : "GTC",
        ["rejectReason"] = "EC_NoError",
        ["createdTime"] = "1700000000100",
        ["updatedTime"] = "1700000001500",
    };
}
