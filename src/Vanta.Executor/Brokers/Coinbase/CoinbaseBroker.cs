using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Coinbase;

/// <summary>
/// Coinbase Advanced Trade (REST v3, CDP API keys). Every request carries a fresh ES256 JWT
/// (<see cref="CoinbaseJwtSigner"/>); orders carry Vanta's client order id as <c>client_order_id</c>.
/// </summary>
/// <remarks>
/// Coinbase addresses orders by its own id and cannot filter by client order id, so the adapter remembers the
/// pairs it has seen and otherwise reads the recent orders (see <see cref="CoinbaseOptions.LookupWindow"/>).
/// Submit answers Submitted from the acknowledgement; a rejection in the HTTP 200 body (<c>success: false</c>)
/// is a non-retryable <see cref="BrokerErrorCodes.Rejected"/>. A send whose outcome is unknown is looked up and
/// resent only when the venue's order list, read to its end, lacks it.
/// </remarks>
public sealed partial class CoinbaseBroker : IBrokerAdapter, IDisposable
{
    public const string KeyNameName = "COINBASE_API_KEY_NAME";
    public const string PrivateKeyName = "COINBASE_API_PRIVATE_KEY";

    private const int PageSize = 250;
    private const int MaxPages = 20;
    private readonly CoinbaseOptions _options;
    private readonly BrokerHttp _http;
    private readonly TimeProvider _time;
    private readonly IdempotentSubmit _submit;
    private readonly CoinbaseJwtSigner _signer;
    private readonly ConcurrentDictionary<ClientOrderId, string> _venueIds = new();

    private CoinbaseBroker(CoinbaseOptions options, string keyName, string privateKeyPem, CoinbaseJwtSigner signer, HttpClient http, TimeProvider time)
    {
        _options = options;
        _time = time;
        _submit = new IdempotentSubmit(new SubmitPolicy(Name, options.MaxRetries + 1, options.RetryBaseDelay, options.MaxRetryAfter), time);
        _signer = signer;
        var httpOptions = new BrokerHttpOptions("coinbase", options.BaseUri)
        {
            RateLimit = options.RateLimit,
            Timeout = options.Timeout,
            MaxRetries = options.MaxRetries,
            RetryBaseDelay = options.RetryBaseDelay,
            MaxRetryAfter = options.MaxRetryAfter,
            Secrets = [privateKeyPem, privateKeyPem.Replace("\\n", "\n", StringComparison.Ordinal), keyName],
        };
        _http = new BrokerHttp(httpOptions, http, time, signer);
    }

    public string Name => "coinbase";

    /// <summary>An adapter for the key <paramref name="keyName"/>; a fatal error when the PEM is not an EC P-256 private key.</summary>
    public static BrokerResult<CoinbaseBroker> Create(CoinbaseOptions options, string keyName, string privateKeyPem, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(privateKeyPem);
        var signer = CoinbaseJwtSigner.Load(keyName, privateKeyPem, options.JwtHost);
        return signer.IsSuccess ? new CoinbaseBroker(options, keyName, privateKeyPem, signer.Value!, http, time) : signer.Error!;
    }

    /// <summary>An adapter with <see cref="KeyNameName"/> and <see cref="PrivateKeyName"/> from <paramref name="secrets"/>.</summary>
    public static BrokerResult<CoinbaseBroker> Create(CoinbaseOptions options, BrokerSecrets secrets, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var found = secrets.Require("coinbase", KeyNameName, PrivateKeyName);
        return found.IsSuccess ? Create(options, found.Value![KeyNameName], found.Value[PrivateKeyName], http, time) : found.Error!;
    }

    public Task<BrokerResult<BrokerOrder>> GetOrderAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken = default) =>
        FindAsync(clientOrderId, cancellationToken);

    public async Task<BrokerResult<BrokerOrder>> CancelAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken = default)
    {
        var before = await FindAsync(clientOrderId, cancellationToken).ConfigureAwait(false);
        if (!before.IsSuccess)
            return before;
        if (CoinbaseWire.IsTerminal(before.Value!.Status))
        {
            return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotCancelable,
                $"coinbase: order {clientOrderId} is already {before.Value.Status} and cannot be cancelled");
        }
        var body = new JsonObject { ["order_ids"] = new JsonArray(before.Value.VenueOrderId) }.ToJsonString();
        var cancel = await CallAsync(BrokerHttpRequest.Json(HttpMethod.Post, CoinbaseWire.Prefix + "orders/batch_cancel", body), "cancel", cancellationToken).ConfigureAwait(false);
        if (cancel.Error is { Class: BrokerErrorClass.Fatal } or { Code: BrokerErrorCodes.InvalidRequest })
            return cancel.Error;
        var refused = cancel.IsSuccess ? Refusal(clientOrderId, cancel.Value!) : cancel.Error;
        // Accepted, lost in transit, or refused because a fill won the race: what the venue holds now decides.
        var after = await FindAsync(clientOrderId, cancellationToken).ConfigureAwait(false);
        if (refused is not null && (!after.IsSuccess || !CoinbaseWire.IsTerminal(after.Value!.Status)))
            return refused;
        return after;
    }

    public async Task<BrokerResult<IReadOnlyList<BrokerOrder>>> ListOpenOrdersAsync(CancellationToken cancellationToken = default)
    {
        var orders = new List<BrokerOrder>();
        var read = await ScanOrdersAsync("order_status=OPEN", order =>
        {
            orders.Add(order);
            return false;
        }, MaxPages, cancellationToken).ConfigureAwait(false);
        return read.IsSuccess ? orders : read.Error!;
    }

    public void Dispose() => _signer.Dispose();

    private BrokerError? Refusal(ClientOrderId clientOrderId, JsonObject answer)
    {
        var result = (answer["results"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        if (result is null)
            return Malformed("cancel", "no results in the answer");
        if (CoinbaseWire.Flag(result, "success"))
            return null;
        var reason = (string?)result["failure_reason"];
        return new BrokerError(BrokerErrorClass.NonRetryable,
            reason == "UNKNOWN_CANCEL_ORDER" ? BrokerErrorCodes.NotFound : BrokerErrorCodes.NotCancelable,
            _http.Mask($"coinbase: cancel of {clientOrderId} refused: {reason}"), 200);
    }

    /// <summary>
    /// Sends one request and reads its JSON object. A rate limit means the venue did nothing, so any request,
    /// a POST too, is resent after the wait, a bounded number of times.
    /// </summary>
    private async Task<BrokerResult<JsonObject>> CallAsync(BrokerHttpRequest request, string what, CancellationToken cancellationToken)
    {
        return await RateLimitRetry.RunAsync(
            async ct =>
            {
                var sent = await _http.SendAsync(request, ct).ConfigureAwait(false);
                return sent.IsSuccess ? Read(sent.Value!, what) : sent.Error!;
            },
            _options.MaxRetries, _options.RetryBaseDelay, _options.MaxRetryAfter, _time, cancellationToken).ConfigureAwait(false);
    }

    private BrokerResult<JsonObject> Read(BrokerHttpResponse response, string what)
    {
        if (_http.Classify(response) is { } failure)
        {
            // 403 is a key without the scope the call needs ("Missing required scopes"): an operator must act.
            return response.Status == 403
                ? failure with { Class = BrokerErrorClass.Fatal, Code = BrokerErrorCodes.Unauthorized }
                : failure with { Message = $"{failure.Message} ({what})" };
        }
        try
        {
            return JsonNode.Parse(response.Body) is JsonObject body ? body : Malformed(what, "the answer is not a JSON object");
        }
        catch (JsonException ex)
        {
            return Malformed(what, $"the answer is not JSON ({ex.Message})");
        }
    }

    private BrokerError Malformed(string what, string detail) =>
        new(BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse, _http.Mask($"coinbase: {what}: {detail}"));

    private BrokerResult<T> Parse<T>(string what, Func<T> parse)
    {
        try
        {
            return BrokerResult<T>.Ok(parse());
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
        {
            return Malformed(what, ex.Message);
        }
    }
}
