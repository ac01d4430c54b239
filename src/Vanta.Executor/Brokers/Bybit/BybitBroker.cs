using System.Text.Json.Nodes;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Bybit;

/// <summary>
/// Bybit v5 (unified account) for one category, spot or linear. Requests are HMAC-signed
/// (<see cref="BybitSigner"/>); the <c>retCode</c> envelope is read by <see cref="BybitErrors"/>; the venue's
/// budget headers by <see cref="BybitLimitGate"/>. Orders carry Vanta's client order id as <c>orderLinkId</c>.
/// </summary>
/// <remarks>
/// Submit answers Submitted from the venue's acknowledgement (Bybit creates orders asynchronously); the order's
/// state afterwards comes from <see cref="GetOrderAsync"/>. A send whose outcome is unknown is looked up by
/// orderLinkId and resent only when the venue shows no such order, open or recently closed.
/// </remarks>
public sealed partial class BybitBroker : IBrokerAdapter
{
    public const string ApiKeyName = "BYBIT_API_KEY";
    public const string ApiSecretName = "BYBIT_API_SECRET";

    private const int MaxPages = 20;
    private readonly BybitOptions _options;
    private readonly BrokerHttp _http;
    private readonly TimeProvider _time;
    private readonly IdempotentSubmit _submit;
    private readonly BybitLimitGate _gate;

    public BybitBroker(BybitOptions options, string apiKey, string apiSecret, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiSecret);
        _options = options.Validated();
        _time = time;
        _submit = new IdempotentSubmit(new SubmitPolicy(Name, options.MaxRetries + 1, options.RetryBaseDelay, options.MaxRetryAfter), time);
        _gate = new BybitLimitGate(time, options.MaxRetryAfter);
        var httpOptions = new BrokerHttpOptions("bybit", options.BaseUri)
        {
            RateLimit = options.RateLimit,
            Timeout = options.Timeout,
            MaxRetries = options.MaxRetries,
            RetryBaseDelay = options.RetryBaseDelay,
            MaxRetryAfter = options.MaxRetryAfter,
            Secrets = [apiKey, apiSecret],
        };
        _http = new BrokerHttp(httpOptions, http, time, new BybitSigner(apiKey, apiSecret, options.RecvWindowMs));
    }

    public string Name => "bybit";

    /// <summary>An adapter with <see cref="ApiKeyName"/> and <see cref="ApiSecretName"/> from <paramref name="secrets"/>.</summary>
    public static BrokerResult<BybitBroker> Create(BybitOptions options, BrokerSecrets secrets, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var found = secrets.Require("bybit", ApiKeyName, ApiSecretName);
        return found.IsSuccess
            ? new BybitBroker(options, found.Value![ApiKeyName], found.Value[ApiSecretName], http, time)
            : found.Error!;
    }

    public Task<BrokerResult<BrokerOrder>> GetOrderAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken = default) =>
        FindAsync(clientOrderId, null, cancellationToken);

    public async Task<BrokerResult<BrokerOrder>> CancelAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken = default)
    {
        // The cancel body needs the symbol, and a finished order needs no request at all.
        var before = await FindAsync(clientOrderId, null, cancellationToken).ConfigureAwait(false);
        if (!before.IsSuccess)
            return before;
        var order = before.Value!;
        if (BybitWire.IsTerminal(order.Status))
        {
            return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotCancelable,
                $"bybit: order {clientOrderId} is already {order.Status} and cannot be cancelled");
        }
        var body = BybitWire.CancelBody(_options.Category, order.Symbol, clientOrderId);
        var cancel = await CallAsync(BrokerHttpRequest.Json(HttpMethod.Post, "v5/order/cancel", body), "cancel", cancellationToken).ConfigureAwait(false);
        if (cancel.Error is { Class: BrokerErrorClass.Fatal } or { Code: BrokerErrorCodes.InvalidRequest or BrokerErrorCodes.Rejected })
            return cancel.Error;
        // Success, a lost answer, or "already finished" (a fill won the race): what the venue holds now decides.
        var after = await FindAsync(clientOrderId, order.Symbol, cancellationToken).ConfigureAwait(false);
        if (!cancel.IsSuccess && (!after.IsSuccess || !BybitWire.IsTerminal(after.Value!.Status)))
            return cancel.Error!;
        return after;
    }

    public async Task<BrokerResult<IReadOnlyList<BrokerOrder>>> ListOpenOrdersAsync(CancellationToken cancellationToken = default)
    {
        var page = await PagesAsync("v5/order/realtime", "open orders",
            cursor => BybitWire.Query(("category", _options.Category), ("settleCoin", Scope), ("openOnly", "0"), ("limit", "50"), ("cursor", cursor)),
            cancellationToken).ConfigureAwait(false);
        if (!page.IsSuccess)
            return page.Error!;
        return Parse<IReadOnlyList<BrokerOrder>>("open orders", () => [.. page.Value!.Select(BybitWire.ParseOrder)]);
    }

    /// <summary>
    /// The order with this orderLinkId: open ones first (the default view), then the venue's recent closed ones.
    /// <see cref="BrokerErrorCodes.NotFound"/> only when both answers were read and neither has it.
    /// </summary>
    private async Task<BrokerResult<BrokerOrder>> FindAsync(ClientOrderId clientOrderId, string? symbol, CancellationToken cancellationToken)
    {
        foreach (var openOnly in (string[])["0", "1"])
        {
            var query = BybitWire.Query(
                ("category", _options.Category), ("symbol", symbol), ("settleCoin", symbol is null ? Scope : null),
                ("orderLinkId", clientOrderId.Value), ("openOnly", openOnly == "0" ? null : openOnly));
            var answer = await CallAsync(BrokerHttpRequest.Get("v5/order/realtime?" + query), "order lookup", cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccess)
                return answer.Error!;
            var found = Parse("order lookup", () => BybitWire.List(answer.Value!).OfType<JsonObject>()
                .Select(BybitWire.ParseOrder).FirstOrDefault(o => o.ClientOrderId == clientOrderId));
            if (!found.IsSuccess)
                return found.Error!;
            if (found.Value is { } order)
                return order;
        }
        return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound, $"bybit: no order with orderLinkId {clientOrderId}");
    }

    /// <summary>Linear lists need a scope; spot lists are per category.</summary>
    private string? Scope => _options.Category == BybitOptions.Linear ? _options.SettleCoin : null;

    /// <summary>
    /// Sends one request through the budget gate and reads its envelope. A rate limit (HTTP 429 or retCode 10006)
    /// means the venue did nothing, so any request, a POST too, is resent after the wait, a bounded number of times.
    /// </summary>
    private async Task<BrokerResult<JsonObject>> CallAsync(BrokerHttpRequest request, string what, CancellationToken cancellationToken)
    {
        var path = request.Path.Split('?')[0];
        return await RateLimitRetry.RunAsync(
            async ct =>
            {
                if (await _gate.WaitAsync(path, ct).ConfigureAwait(false) is { } spent)
                    return spent;
                var sent = await _http.SendAsync(request, ct).ConfigureAwait(false);
                if (!sent.IsSuccess)
                    return sent.Error!;
                _gate.Observe(path, sent.Value!);
                return BybitErrors.Read(sent.Value!, _http, _time, what);
            },
            _options.MaxRetries, _options.RetryBaseDelay, _options.MaxRetryAfter, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every <c>result.list</c> entry of a cursor-paged endpoint.</summary>
    private async Task<BrokerResult<IReadOnlyList<JsonObject>>> PagesAsync(
        string path, string what, Func<string?, string> query, CancellationToken cancellationToken)
    {
        var all = new List<JsonObject>();
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var answer = await CallAsync(BrokerHttpRequest.Get(path + "?" + query(cursor)), what, cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccess)
                return answer.Error!;
            if (answer.Value!["list"] is not JsonArray list)
                return BybitErrors.Malformed(_http, what, "result.list is missing");
            all.AddRange(list.OfType<JsonObject>());
            cursor = (string?)answer.Value["nextPageCursor"];
            if (string.IsNullOrEmpty(cursor) || list.Count == 0)
                return all;
        }
        return BybitErrors.Malformed(_http, what, $"still more pages after {MaxPages}");
    }

    private BrokerResult<T> Parse<T>(string what, Func<T> parse)
    {
        try
        {
            return BrokerResult<T>.Ok(parse());
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
        {
            return BybitErrors.Malformed(_http, what, ex.Message);
        }
    }
}
