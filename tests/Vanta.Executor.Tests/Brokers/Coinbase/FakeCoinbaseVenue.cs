using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Vanta.Executor.Tests.Brokers.Common;
using Vanta.Testing.StandIn;

namespace Vanta.Executor.Tests.Brokers.Coinbase;

/// <summary>
/// A stateful Advanced Trade venue on a <see cref="StandInServer"/> that checks every request's JWT the way
/// Coinbase does: ES256 signature against the key pair's public half, <c>kid</c> = <c>sub</c> = key name,
/// <c>iss</c> = cdp, <c>uri</c> = method + api.coinbase.com + path, a 120 s window around its clock, and a nonce
/// never seen before; anything else is HTTP 401. Orders are deduplicated on <c>client_order_id</c> (a repeat
/// answers the existing order, as the spec says).
/// </summary>
internal sealed class FakeCoinbaseVenue : FakeVenue<CbOrder>
{
    public const string KeyName = "organizations/test-org/apiKeys/test-key";
    private const string Root = "/api/v3/brokerage/";

    private readonly ECDsa _publicKey;
    private readonly TimeProvider _time;
    private readonly HashSet<string> _nonces = new(StringComparer.Ordinal);

    public FakeCoinbaseVenue(StandInServer server, TimeProvider time, ECDsa publicKey)
    {
        _time = time;
        _publicKey = publicKey;
        server.Map(Root + "orders", r => Serve(r, Create));
        server.Map(Root + "orders/historical/batch", r => Serve(r, List));
        server.MapPrefix(Root + "orders/historical/", r => Serve(r, One));
        server.Map(Root + "orders/batch_cancel", r => Serve(r, Cancel));
        server.Map(Root + "accounts", r => Serve(r, Accounts));
    }

    /// <summary>When set, creates answer <c>success: false</c> with this error and message.</summary>
    public (string Error, string Message)? RefuseCreates { get; set; }

    /// <summary>When set, cancels answer <c>success: false</c> with this failure reason.</summary>
    public string? RefuseCancels { get; set; }

    public int PageSize { get; set; } = 250;

    /// <summary>When set, every request is answered 403 with this detail (a key without the scope).</summary>
    public string? Forbid { get; set; }

    public JsonArray Wallets { get; } = [];

    /// <summary>Every JWT payload the venue accepted, in order.</summary>
    public ConcurrentQueue<JsonObject> AcceptedClaims { get; } = new();

    /// <summary>An order placed some other way (another process, the web UI).</summary>
    public CbOrder Seed(string clientOrderId, string status = "OPEN", DateTimeOffset? created = null)
    {
        lock (Gate)
        {
            var order = new CbOrder(NextId(), clientOrderId, "BTC-USD", "BUY", "limit_limit_gtc", 1m, 100m, created ?? _time.GetUtcNow()) { Status = status };
            Book.Add(order);
            return order;
        }
    }

    public void Fill(string clientOrderId, decimal size, decimal price)
    {
        lock (Gate)
        {
            var order = Book.Single(o => o.ClientOrderId == clientOrderId);
            order.AveragePrice = ((order.AveragePrice * order.FilledSize) + (size * price)) / (order.FilledSize + size);
            order.FilledSize += size;
            order.Status = order.FilledSize >= order.BaseSize ? "FILLED" : "OPEN";
        }
    }

    private StandInResponse Serve(RecordedRequest request, Func<RecordedRequest, JsonObject> work)
    {
        if (Authenticate(request) is { } refused)
            return StandInResponse.Json(new JsonObject { ["error"] = "UNAUTHENTICATED", ["message"] = refused }.ToJsonString(), 401);
        if (Forbid is { } detail)
            return StandInResponse.Json(new JsonObject { ["error"] = "PERMISSION_DENIED", ["error_details"] = detail, ["message"] = detail }.ToJsonString(), 403);
        var fault = NextFault(request.Path);
        if (Refusal(fault) is { } early)
            return early;
        JsonObject result;
        try
        {
            result = work(request);
        }
        catch (VenueError error)
        {
            return StandInResponse.Json(new JsonObject { ["error"] = error.Error, ["message"] = error.Message, ["error_details"] = "" }.ToJsonString(), error.Status);
        }
        return Spoiled(fault, StandInResponse.Json(result.ToJsonString()));
    }

    protected override StandInResponse ServerError => StandInResponse.Json("""{"error":"INTERNAL","message":"internal error"}""", 500);

    /// <summary>Null when the bearer JWT is one Coinbase would accept for this request, else why not.</summary>
    private string? Authenticate(RecordedRequest request)
    {
        var auth = request.Header("Authorization");
        if (auth is null || !auth.StartsWith("Bearer ", StringComparison.Ordinal))
            return "no bearer token";
        var parts = auth["Bearer ".Length..].Split('.');
        if (parts.Length != 3)
            return "not a JWS compact token";
        JsonObject header, claims;
        byte[] signature;
        try
        {
            header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject();
            claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException)
        {
            return "token parts are not base64url JSON";
        }
        if (signature.Length != 64 || !_publicKey.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            return "signature does not verify";
        if ((string?)header["alg"] != "ES256" || (string?)header["kid"] != KeyName || (string?)header["typ"] != "JWT")
            return "bad header";
        if ((string?)claims["sub"] != KeyName || (string?)claims["iss"] != "cdp")
            return "bad subject or issuer";
        var expectedUri = $"{request.Method} api.coinbase.com{request.Path}";
        if ((string?)claims["uri"] != expectedUri)
            return $"uri claim '{(string?)claims["uri"]}' is not '{expectedUri}'";
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var nbf = (long?)claims["nbf"] ?? 0;
        var exp = (long?)claims["exp"] ?? 0;
        if (nbf > now + 5 || exp <= now || exp - nbf > 120)
            return $"token not valid now ({now}): nbf {nbf}, exp {exp}";
        lock (Gate)
        {
            if ((string?)header["nonce"] is not { Length: > 0 } nonce || !_nonces.Add(nonce))
                return "nonce missing or replayed";
        }
        AcceptedClaims.Enqueue(claims);
        return null;
    }

    private JsonObject Create(RecordedRequest request)
    {
        var body = JsonNode.Parse(request.BodyText)!.AsObject();
        var clientId = (string?)body["client_order_id"] ?? throw new VenueError(400, "INVALID_ARGUMENT", "client_order_id is required");
        var side = (string?)body["side"];
        if (side is not ("BUY" or "SELL"))
            throw new VenueError(400, "INVALID_ARGUMENT", "side must be BUY or SELL");
        if (body["order_configuration"] is not JsonObject { Count: 1 } configuration)
            throw new VenueError(400, "INVALID_ARGUMENT", "order_configuration needs exactly one kind");
        var (kind, fields) = configuration.First();
        var baseSize = Number(fields, "base_size");
        var limit = kind switch
        {
            "market_market_ioc" => 0m,
            "limit_limit_gtc" when fields?["post_only"] is JsonValue p && p.TryGetValue<bool>(out _) => Number(fields, "limit_price"),
            _ => throw new VenueError(400, "INVALID_ARGUMENT", $"unsupported or incomplete configuration {kind}"),
        };
        lock (Gate)
        {
            var order = Book.FirstOrDefault(o => o.ClientOrderId == clientId);
            if (order is null)
            {
                if (RefuseCreates is { } refuse)
                {
                    return new JsonObject
                    {
                        ["success"] = false,
                        ["error_response"] = new JsonObject
                        {
                            ["error"] = refuse.Error,
                            ["message"] = refuse.Message,
                            ["error_details"] = "",
                            ["preview_failure_reason"] = "PREVIEW_" + refuse.Error,
                            ["new_order_failure_reason"] = "UNKNOWN_FAILURE_REASON",
                        },
                        ["order_configuration"] = configuration.DeepClone(),
                    };
                }
                order = new CbOrder(NextId(), clientId, (string)body["product_id"]!, side, kind, baseSize, limit, _time.GetUtcNow());
                Book.Add(order);
            }
            return new JsonObject
            {
                ["success"] = true,
                ["success_response"] = new JsonObject { ["order_id"] = order.OrderId, ["product_id"] = order.ProductId, ["side"] = order.Side, ["client_order_id"] = order.ClientOrderId },
                ["order_configuration"] = configuration.DeepClone(),
            };
        }
    }

    private JsonObject One(RecordedRequest request)
    {
        var id = request.Path[(Root + "orders/historical/").Length..];
        lock (Gate)
        {
            var order = Book.FirstOrDefault(o => o.OrderId == id) ?? throw new VenueError(404, "NOT_FOUND", "order not found");
            return new JsonObject { ["order"] = order.ToJson() };
        }
    }

    private JsonObject List(RecordedRequest request)
    {
        var status = request.QueryValue("order_status");
        DateTimeOffset? since = request.QueryValue("start_date") is { } start
            ? DateTimeOffset.ParseExact(start, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null;
        var limit = Math.Min(int.Parse(request.QueryValue("limit") ?? "100", CultureInfo.InvariantCulture), PageSize);
        var from = int.Parse(request.QueryValue("cursor") ?? "0", CultureInfo.InvariantCulture);
        lock (Gate)
        {
            var matching = Book.Where(o => (status is null || o.Status == status) && (since is null || o.Created >= since)).Reverse().ToList();
            var page = matching.Skip(from).Take(limit).ToList();
            var more = from + page.Count < matching.Count;
            return new JsonObject
            {
                ["orders"] = new JsonArray([.. page.Select(o => (JsonNode)o.ToJson())]),
                ["sequence"] = "0",
                ["has_next"] = more,
                ["cursor"] = more ? (from + page.Count).ToString(CultureInfo.InvariantCulture) : "",
            };
        }
    }

    private JsonObject Cancel(RecordedRequest request)
    {
        var ids = JsonNode.Parse(request.BodyText)!["order_ids"]!.AsArray().Select(n => (string)n!).ToList();
        lock (Gate)
        {
            var results = new JsonArray();
            foreach (var id in ids)
            {
                var order = Book.FirstOrDefault(o => o.OrderId == id);
                var reason = order is null ? "UNKNOWN_CANCEL_ORDER" : order.Status != "OPEN" ? "COMMANDER_REJECTED_CANCEL_ORDER" : RefuseCancels;
                if (reason is null)
                    order!.Status = "CANCELLED";
                results.Add(new JsonObject { ["success"] = reason is null, ["failure_reason"] = reason ?? "UNKNOWN_CANCEL_FAILURE_REASON", ["order_id"] = id });
            }
            return new JsonObject { ["results"] = results };
        }
    }

    private JsonObject Accounts(RecordedRequest request)
    {
        var limit = Math.Min(int.Parse(request.QueryValue("limit") ?? "49", CultureInfo.InvariantCulture), PageSize);
        var from = int.Parse(request.QueryValue("cursor") ?? "0", CultureInfo.InvariantCulture);
        var page = Wallets.Skip(from).Take(limit).Select(w => w!.DeepClone()).ToList();
        var more = from + page.Count < Wallets.Count;
        return new JsonObject
        {
            ["accounts"] = new JsonArray([.. page]),
            ["has_next"] = more,
            ["cursor"] = more ? (from + page.Count).ToString(CultureInfo.InvariantCulture) : "",
            ["size"] = page.Count,
        };
    }

    private string NextId() => $"cb-{NextNumber():0000}-0000-4000-8000-000000000000";

    private static decimal Number(JsonNode? fields, string name) =>
        fields?[name] is JsonValue v && v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d > 0m
            ? d
            : throw new VenueError(400, "INVALID_ARGUMENT", $"{name} must be a positive decimal string");

    private sealed class VenueError(int status, string error, string message) : Exception(message)
    {
        public int Status { get; } = status;

        public string Error { get; } = error;
    }
}

/// <summary>One order as the fake venue holds it.</summary>
internal sealed record CbOrder(string OrderId, string ClientOrderId, string ProductId, string Side, string Kind, decimal BaseSize, decimal LimitPrice, DateTimeOffset Created)
{
    public string Status { get; set; } = "OPEN";

    public decimal FilledSize { get; set; }

    public decimal AveragePrice { get; set; }

    public JsonObject ToJson()
    {
        var fields = new JsonObject { ["base_size"] = BaseSize.ToString(CultureInfo.InvariantCulture) };
        if (Kind == "limit_limit_gtc")
        {
            fields["limit_price"] = LimitPrice.ToString(CultureInfo.InvariantCulture);
            fields["post_only"] = false;
        }
        return new JsonObject
        {
            ["order_id"] = OrderId,
            ["product_id"] = ProductId,
            ["user_id"] = "user-1",
            ["order_configuration"] = new JsonObject { [Kind] = fields },
            ["side"] = Side,
            ["client_order_id"] = ClientOrderId,
            ["status"] = Status,
            ["time_in_force"] = Kind == "limit_limit_gtc" ? "GOOD_UNTIL_CANCELLED" : "IMMEDIATE_OR_CANCEL",
            ["created_time"] = Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["filled_size"] = FilledSize.ToString(CultureInfo.InvariantCulture),
            ["average_filled_price"] = AveragePrice.ToString(CultureInfo.InvariantCulture),
            ["number_of_fills"] = FilledSize > 0m ? "1" : "0",
            ["pending_cancel"] = false,
            ["size_in_quote"] = false,
            ["order_type"] = Kind == "limit_limit_gtc" ? "LIMIT" : "MARKET",
            ["reject_reason"] = "REJECT_REASON_UNSPECIFIED",
            ["reject_message"] = "",
            ["cancel_message"] = Status == "CANCELLED" ? "User requested cancel" : "",
            ["product_type"] = "SPOT",
        };
    }
}
