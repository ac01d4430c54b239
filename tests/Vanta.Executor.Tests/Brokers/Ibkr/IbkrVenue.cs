using System.Globalization;
using System.Text.Json;
using Vanta.Testing.StandIn;

namespace Vanta.Executor.Tests.Brokers.Ibkr;

/// <summary>How the fake answers the next order submission.</summary>
public enum SubmitMode
{
    Normal,
    /// <summary>Places the order, then answers after the adapter has given up.</summary>
    TimeoutAfterCreate,
    /// <summary>Places the order, then cuts the answer's body short.</summary>
    DropAfterCreate,
    /// <summary>500 without placing anything.</summary>
    ServerErrorBeforeCreate,
    /// <summary>429 with Retry-After, nothing placed.</summary>
    RateLimited,
}

/// <summary>An order reply question the fake asks before placing the next order.</summary>
internal sealed record Question(string MessageId, string Text);

/// <summary>
/// A stateful stand-in for the Client Portal Gateway under <c>/v1/api/</c>. It answers in the documented shapes
/// (acknowledgement arrays, reply questions, <c>{"error"}</c> bodies, OrderStatus and LiveOrder objects with
/// their mixed casing) and records departures from the wire contract in <see cref="Violations"/>: order calls
/// before <c>/iserver/accounts</c>, portfolio calls before <c>/portfolio/accounts</c>, a ticket that is not a
/// one-element array, ticket fields with the wrong name or case, a reply body other than <c>{"confirmed": bool}</c>.
/// </summary>
internal sealed class IbkrVenue : IAsyncDisposable
{
    public const string Account = "DU7654321";
    public const long AaplConid = 265598;

    private static readonly HashSet<string> TicketFields = new(["acctId", "conid", "orderType", "side", "price", "quantity", "tif", "cOID", "outsideRTH"], StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<IbkrOrder> _orders = [];
    private readonly Queue<SubmitMode> _submitModes = new();
    private readonly List<string> _violations = [];
    private readonly Dictionary<string, (JsonElement Ticket, Queue<Question> Left, SubmitMode ReplyMode)> _pending = [];
    private long _nextId = 1876543210;
    private int _nextReply = 1;
    private bool _iserverAccounts;
    private bool _portfolioAccounts;
    private int _emptyLiveAnswers;

    private IbkrVenue()
    {
        Server = StandInServer.Start();
        Server.MapPrefix("/v1/api/", Handle);
    }

    public StandInServer Server { get; }

    public Uri BaseUri => Server.Url("v1/api/");

    public IReadOnlyList<string> Violations { get { lock (_gate) return [.. _violations]; } }

    public IReadOnlyList<IbkrOrder> Orders { get { lock (_gate) return [.. _orders]; } }

    /// <summary>Questions asked, in order, before the next submission is placed.</summary>
    public List<Question> NextQuestions { get; } = [];

    /// <summary>How the final confirmation of the next questioned order is answered.</summary>
    public SubmitMode ConfirmMode { get; set; }

    /// <summary>Answer the next submission with HTTP 200 <c>{"error": ..}</c>.</summary>
    public string? RefuseNextWith { get; set; }

    public string? RefuseNextCancelWith { get; set; }

    /// <summary>Status a placed order starts in.</summary>
    public string PlacedStatus { get; set; } = "Submitted";

    public string StocksJson { get; set; } = $$"""{"AAPL": [{"name": "APPLE INC", "chineseName": "苹果公司", "assetClass": "STK", "contracts": [{"conid": {{AaplConid}}, "exchange": "NASDAQ", "isUS": true}, {"conid": 38708077, "exchange": "MEXI", "isUS": false}]}]}""";

    public string[] SessionAccounts { get; set; } = [Account];

    public string PositionsJson { get; set; } = "[]";

    public string SummaryJson { get; set; } = "{}";

    public TimeSpan Stall { get; set; } = TimeSpan.FromSeconds(3);

    public static IbkrVenue Start() => new();

    public void NextSubmissions(params SubmitMode[] modes)
    {
        lock (_gate)
        {
            foreach (var mode in modes)
                _submitModes.Enqueue(mode);
        }
    }

    /// <summary>The live-orders list answers empty this many times first, as a cold gateway cache does.</summary>
    public void ColdCache(int emptyAnswers)
    {
        lock (_gate)
            _emptyLiveAnswers = emptyAnswers;
    }

    public IbkrOrder Add(string ticker, string status, string? coid, decimal quantity = 10m, string type = "LMT")
    {
        lock (_gate)
        {
            var order = new IbkrOrder(_nextId++, AaplConid, ticker, "BUY", type, quantity, 187.5m, coid) { Status = status };
            _orders.Add(order);
            return order;
        }
    }

    public void Fill(long id, decimal quantity, decimal price)
    {
        lock (_gate)
        {
            var order = _orders.Single(o => o.Id == id);
            order.Filled += quantity;
            order.AveragePrice = price;
            order.Status = order.Filled >= order.Quantity ? "Filled" : order.Status;
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private StandInResponse Handle(RecordedRequest request)
    {
        lock (_gate)
        {
            if (request.Header("Accept") != "application/json")
                _violations.Add($"{request.Method} {request.Path}: Accept was '{request.Header("Accept")}'");
            var path = request.Path["/v1/api/".Length..];
            var parts = path.Split('/');
            if (path.StartsWith("iserver/account", StringComparison.Ordinal) && path != "iserver/accounts" && !_iserverAccounts)
                _violations.Add($"{request.Method} {path} before GET iserver/accounts");
            if (path.StartsWith("portfolio/", StringComparison.Ordinal) && path != "portfolio/accounts" && !_portfolioAccounts)
                _violations.Add($"{request.Method} {path} before GET portfolio/accounts");
            return (request.Method, path, parts) switch
            {
                ("GET", "iserver/accounts", _) => Accounts(),
                ("GET", "portfolio/accounts", _) => Portfolio(),
                ("GET", "trsrv/stocks", _) => StandInResponse.Json(StocksJson),
                ("POST", _, ["iserver", "account", var acct, "orders"]) => Submit(request, acct),
                ("POST", _, ["iserver", "reply", var id]) => Reply(request, id),
                ("GET", _, ["iserver", "account", "order", "status", var id]) => Find(id, o => StandInResponse.Json(Status(o))),
                ("GET", "iserver/account/orders", _) => Live(request),
                ("DELETE", _, ["iserver", "account", var acct, "order", var id]) => Find(id, o => Cancel(o, acct)),
                ("GET", _, ["portfolio", Account, "positions", "0"]) => StandInResponse.Json(PositionsJson),
                ("GET", _, ["portfolio", Account, "summary"]) => StandInResponse.Json(SummaryJson),
                _ => StandInResponse.Json("""{"error": "Bad Request: no such path"}""", 404),
            };
        }
    }

    private StandInResponse Accounts()
    {
        _iserverAccounts = true;
        return StandInResponse.Json(JsonSerializer.Serialize(new { accounts = SessionAccounts, selectedAccount = SessionAccounts.FirstOrDefault() }));
    }

    private StandInResponse Portfolio()
    {
        _portfolioAccounts = true;
        return StandInResponse.Json($$"""[{"id": "{{Account}}", "accountId": "{{Account}}", "currency": "USD", "type": "INDIVIDUAL"}]""");
    }

    private StandInResponse Submit(RecordedRequest request, string acct)
    {
        if (request.Header("Content-Type") is not { } type || !type.StartsWith("application/json", StringComparison.Ordinal))
            _violations.Add($"POST orders: Content-Type was '{request.Header("Content-Type")}'");
        if (acct != Account)
            return StandInResponse.Json("""{"error": "Account not found"}""", 400);
        using var body = JsonDocument.Parse(request.BodyText);
        if (body.RootElement.ValueKind != JsonValueKind.Array || body.RootElement.GetArrayLength() != 1)
        {
            _violations.Add("POST orders: body is not a one-ticket JSON array");
            return StandInResponse.Json("""{"error": "Bad Request: orders must be an array"}""", 400);
        }
        var ticket = body.RootElement[0].Clone();
        foreach (var field in ticket.EnumerateObject().Where(f => !TicketFields.Contains(f.Name)))
            _violations.Add($"POST orders: unknown ticket field '{field.Name}' (names are case-sensitive)");
        foreach (var required in new[] { "acctId", "conid", "orderType", "side", "quantity", "tif", "cOID" }.Where(f => !ticket.TryGetProperty(f, out _)))
            _violations.Add($"POST orders: ticket lacks '{required}'");
        if (ticket.TryGetProperty("conid", out var conid) && conid.ValueKind != JsonValueKind.Number)
            _violations.Add("POST orders: conid is not a number");
        if (ticket.TryGetProperty("orderType", out var ot) && ot.GetString() == "LMT" != ticket.TryGetProperty("price", out _))
            _violations.Add("POST orders: price must be sent with LMT and only with LMT");

        if (RefuseNextWith is { } refusal)
        {
            RefuseNextWith = null;
            return StandInResponse.Json(JsonSerializer.Serialize(new { error = refusal }));
        }
        var mode = _submitModes.Count > 0 ? _submitModes.Dequeue() : SubmitMode.Normal;
        if (mode == SubmitMode.RateLimited)
            return StandInResponse.TooManyRequests("3");
        if (mode == SubmitMode.ServerErrorBeforeCreate)
            return StandInResponse.Json("""{"error": "Service Unavailable"}""", 503);
        if (ticket.GetProperty("cOID").GetString() is { } coid && _orders.Any(o => o.Coid == coid))
            return StandInResponse.Json(JsonSerializer.Serialize(new { error = $"Local order ID={coid} is already registered." }));
        if (NextQuestions.Count > 0)
        {
            var left = new Queue<Question>(NextQuestions);
            NextQuestions.Clear();
            return Ask(ticket, left, ConfirmMode);
        }
        return Answer(Place(ticket), mode);
    }

    private StandInResponse Reply(RecordedRequest request, string replyId)
    {
        if (request.Header("Content-Type") is not { } type || !type.StartsWith("application/json", StringComparison.Ordinal))
            _violations.Add($"POST reply: Content-Type was '{request.Header("Content-Type")}'");
        using var body = JsonDocument.Parse(request.BodyText);
        if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("confirmed", out var confirmed)
            || confirmed.ValueKind is not (JsonValueKind.True or JsonValueKind.False) || body.RootElement.EnumerateObject().Count() != 1)
        {
            _violations.Add($"POST reply: body '{request.BodyText}' is not {{\"confirmed\": bool}}");
            return StandInResponse.Json("""{"error": "Bad Request"}""", 400);
        }
        if (!_pending.Remove(replyId, out var pending))
            return StandInResponse.Json("""{"error": "Reply id not found or expired"}""", 400);
        if (confirmed.ValueKind == JsonValueKind.False)
            return StandInResponse.Json("""[{"error": "Order was not confirmed and has been discarded"}]""");
        return pending.Left.Count > 0 ? Ask(pending.Ticket, pending.Left, pending.ReplyMode) : Answer(Place(pending.Ticket), pending.ReplyMode);
    }

    private StandInResponse Ask(JsonElement ticket, Queue<Question> left, SubmitMode replyMode)
    {
        var question = left.Dequeue();
        var id = $"3f0c9a52-7d1e-4b6a-9e2f-{_nextReply++:D12}";
        _pending[id] = (ticket, left, replyMode);
        var ids = question.MessageId.Length == 0 ? "[]" : $"[\"{question.MessageId}\"]";
        return StandInResponse.Json($$$"""[{"id": "{{{id}}}", "message": [{{{JsonSerializer.Serialize(question.Text)}}}], "isSuppressed": false, "messageIds": {{{ids}}}}]""");
    }

    private IbkrOrder Place(JsonElement ticket)
    {
        var price = ticket.TryGetProperty("price", out var p) ? p.GetDecimal() : (decimal?)null;
        var order = new IbkrOrder(_nextId++, ticket.GetProperty("conid").GetInt64(), "AAPL", ticket.GetProperty("side").GetString()!,
            ticket.GetProperty("orderType").GetString()!, ticket.GetProperty("quantity").GetDecimal(), price, ticket.GetProperty("cOID").GetString())
        {
            Status = PlacedStatus,
        };
        _orders.Add(order);
        return order;
    }

    private StandInResponse Answer(IbkrOrder order, SubmitMode mode)
    {
        var ack = StandInResponse.Json($$"""[{"order_id": "{{order.Id}}", "order_status": "{{order.Status}}", "encrypt_message": "1"}]""");
        return mode switch
        {
            SubmitMode.TimeoutAfterCreate => ack with { HeaderDelay = Stall },
            SubmitMode.DropAfterCreate => ack with { TruncateAfterBytes = 9 },
            _ => ack,
        };
    }

    private StandInResponse Live(RecordedRequest request)
    {
        if (request.QueryValue("accountId") is { } acct && acct != Account)
            _violations.Add($"GET orders: accountId '{acct}'");
        if (_emptyLiveAnswers > 0)
        {
            _emptyLiveAnswers--;
            return StandInResponse.Json("""{"orders": [], "snapshot": false}""");
        }
        var rows = _orders.Select(o => $$"""
            {"acct": "{{Account}}", "conidex": "{{o.Conid}}", "conid": {{o.Conid}}, "orderId": {{o.Id}}, "cashCcy": "USD", "sizeAndFills": "{{o.Filled}}/{{o.Quantity}}", "orderDesc": "{{o.Side}} {{o.Quantity}} Limit", "description1": "{{o.Ticker}}", "ticker": "{{o.Ticker}}", "secType": "STK", "listingExchange": "NASDAQ.NMS", "remainingQuantity": {{o.Quantity - o.Filled}}, "filledQuantity": {{o.Filled}}, "totalSize": {{o.Quantity}}, "companyName": "APPLE INC", "status": "{{o.Status}}", "order_ccp_status": "{{o.Status}}", "avgPrice": "{{o.AveragePrice}}", "origOrderType": "{{(o.Type == "LMT" ? "LIMIT" : "MARKET")}}", "supportsTaxOpt": "1", "lastExecutionTime": "240614143102", "orderType": "{{(o.Type == "LMT" ? "Limit" : "Market")}}", "bgColor": "#FFFFFF", "fgColor": "#000000", {{(o.Coid is null ? "" : $"\"order_ref\": \"{o.Coid}\", ")}}"timeInForce": "CLOSE", "lastExecutionTime_r": 1718375462000, "side": "{{o.Side}}"}
            """);
        return StandInResponse.Json($$"""{"orders": [{{string.Join(",", rows)}}], "snapshot": true}""");
    }

    private StandInResponse Cancel(IbkrOrder order, string acct)
    {
        if (acct != Account)
            _violations.Add($"DELETE order: account '{acct}'");
        if (RefuseNextCancelWith is { } refusal)
        {
            RefuseNextCancelWith = null;
            return StandInResponse.Json(JsonSerializer.Serialize(new { error = refusal }));
        }
        order.Status = "Cancelled";
        return StandInResponse.Json($$"""{"msg": "Request was submitted", "order_id": {{order.Id}}, "conid": {{order.Conid}}, "account": "{{Account}}"}""");
    }

    private StandInResponse Find(string id, Func<IbkrOrder, StandInResponse> then) =>
        _orders.FirstOrDefault(o => o.Id.ToString(CultureInfo.InvariantCulture) == id) is { } order
            ? then(order)
            : StandInResponse.Json($$"""{"error": "OrderID {{id}} doesn't exist"}""", 400);

    private static string Status(IbkrOrder o) => $$"""
        {"sub_type": null, "request_id": "209", "server_id": "0", "order_id": {{o.Id}}, "conidex": "{{o.Conid}}", "conid": "{{o.Conid}}", "symbol": "{{o.Ticker}}", "side": "{{o.Side[..1]}}", "contract_description_1": "{{o.Ticker}}", "listing_exchange": "NASDAQ.NMS", "option_acct": "c", "company_name": "APPLE INC", "size": "{{o.Quantity - o.Filled}}", "total_size": "{{o.Quantity:0.0}}", "currency": "USD", "account": "{{Account}}", "order_type": "{{(o.Type == "LMT" ? "Limit" : "Market")}}", "cum_fill": "{{o.Filled:0.0}}", "order_status": "{{o.Status}}", "order_ccp_status": "2", "order_status_description": "Order {{o.Status}}", "tif": "DAY", "fgColor": "#FFFFFF", "bgColor": "#000000", "order_not_editable": false, "editable_fields": "", "cannot_cancel_order": false, "deactivate_order": false, "sec_type": "STK", "available_chart_periods": "#R|1", "order_description": "Buy", "order_description_with_contract": "Buy AAPL", "alert_active": 1, "child_order_type": "0", "order_clearing_account": "{{Account}}", "size_and_fills": "{{o.Filled}}", "exit_strategy_display_price": "187.50", "exit_strategy_chart_description": "", "average_price": "{{o.AveragePrice}}", "exit_strategy_tool_availability": "1", "allowed_duplicate_opposite": true, "order_time": "240614143102"}
        """;
}

internal sealed class IbkrOrder(long id, long conid, string ticker, string side, string type, decimal quantity, decimal? price, string? coid)
{
    public long Id => id;
    public long Conid => conid;
    public string Ticker => ticker;
    public string Side => side;
    public string Type => type;
    public decimal Quantity => quantity;
    public decimal? Price => price;
    public string? Coid => coid;
    public required string Status { get; set; }
    public decimal Filled { get; set; }
    public decimal AveragePrice { get; set; }
}
