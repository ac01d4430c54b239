using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Alpaca;

/// <summary>
/// Alpaca's Trading API v2 (REST) as an <see cref="IBrokerAdapter"/>. Every order is found by Vanta's client order id
/// (<c>GET /v2/orders:by_client_order_id</c>), so a restarted executor, a lost answer or a duplicate send all end at the
/// one order Alpaca holds. Requests carry the key pair in <c>APCA-API-KEY-ID</c> / <c>APCA-API-SECRET-KEY</c>, are spaced
/// to 200 a minute on the injected clock, and also wait out a spent <c>X-RateLimit-Remaining</c> until its reset.
/// Order submit and cancel live in <c>AlpacaBroker.Orders.cs</c>; status mapping in <see cref="AlpacaMapping"/>.
/// </summary>
public sealed partial class AlpacaBroker : IBrokerAdapter
{
    public const string VenueName = "alpaca";
    internal const string KeyIdHeader = "APCA-API-KEY-ID";
    internal const string SecretKeyHeader = "APCA-API-SECRET-KEY";

    private readonly AlpacaOptions _options;
    private readonly AlpacaCredentials _credentials;
    private readonly BrokerHttp _http;
    private readonly TimeProvider _time;
    private readonly IdempotentSubmit _submit;
    private readonly Lock _gate = new();
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;

    public AlpacaBroker(AlpacaOptions options, AlpacaCredentials credentials, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Validated();
        _credentials = credentials;
        _time = time;
        // Two sends, the second at once: a 429's wait is Alpaca's Retry-After, and a 404 after a lost answer proves the
        // order absent, so there is nothing to back off from.
        _submit = new IdempotentSubmit(new SubmitPolicy(VenueName, 2, TimeSpan.Zero, _options.MaxRetryAfter), time);
        _http = new BrokerHttp(options.HttpOptions(credentials), http, time);
    }

    public string Name => VenueName;

    /// <summary>An adapter with credentials from <paramref name="secrets"/>, or the fatal error naming what is missing.</summary>
    public static BrokerResult<AlpacaBroker> Create(AlpacaOptions options, BrokerSecrets secrets, HttpClient http, TimeProvider time)
    {
        var credentials = AlpacaCredentials.From(secrets);
        return credentials.IsSuccess ? new AlpacaBroker(options, credentials.Value!, http, time) : credentials.Error!;
    }

    public Task<BrokerResult<BrokerOrder>> GetOrderAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken = default) =>
        ReadAsync(
            BrokerHttpRequest.Get($"v2/orders:by_client_order_id?client_order_id={Uri.EscapeDataString(clientOrderId.Value)}"),
            AlpacaJsonContext.Default.AlpacaOrderJson,
            json => AlpacaMapping.Order(json),
            cancellationToken);

    /// <summary>
    /// <c>GET /v2/orders?status=open</c>, newest first, paged by time window as Alpaca has no cursor: each next page asks
    /// for orders strictly older (<c>until</c>, exclusive) than the oldest seen. Orders sharing that oldest instant may be
    /// cut off by the page limit, so the instant is read on its own first (<c>after</c>/<c>until</c> 1 µs either side).
    /// </summary>
    public async Task<BrokerResult<IReadOnlyList<BrokerOrder>>> ListOpenOrdersAsync(CancellationToken cancellationToken = default)
    {
        var orders = new Dictionary<string, BrokerOrder>(StringComparer.Ordinal);
        string? window = null;
        for (var page = 0; page < _options.MaxPages; page++)
        {
            var read = await OpenOrdersPageAsync(window, cancellationToken).ConfigureAwait(false);
            if (!read.IsSuccess)
                return read.Error!;
            foreach (var (order, _) in read.Value!)
                orders.TryAdd(order.VenueOrderId, order);
            if (read.Value!.Count < _options.PageSize)
                return orders.Values.ToList();
            if (read.Value.Min(o => o.Submitted) is not { } oldest)
                return Malformed("GET /v2/orders", "a full page of open orders has no submitted_at to page by");

            var tied = await OpenOrdersPageAsync($"&after={Query(oldest - TimeSpan.FromMicroseconds(1))}&until={Query(oldest + TimeSpan.FromMicroseconds(1))}", cancellationToken)
                .ConfigureAwait(false);
            if (!tied.IsSuccess)
                return tied.Error!;
            if (tied.Value!.Count >= _options.PageSize)
                return Malformed("GET /v2/orders", $"{_options.PageSize} or more open orders submitted within 2 µs of {oldest:O}; cannot page past them");
            foreach (var (order, _) in tied.Value)
                orders.TryAdd(order.VenueOrderId, order);
            window = $"&until={Query(oldest)}";
        }
        return Malformed("GET /v2/orders", $"more than {_options.MaxPages} pages of open orders");
    }

    public Task<BrokerResult<IReadOnlyList<BrokerPosition>>> GetPositionsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<ImmutableArray<AlpacaPositionJson>, IReadOnlyList<BrokerPosition>>(
            BrokerHttpRequest.Get("v2/positions"),
            AlpacaJsonContext.Default.ImmutableArrayAlpacaPositionJson,
            json => json.Select(AlpacaMapping.Position).ToList(),
            cancellationToken);

    public Task<BrokerResult<BrokerAccount>> GetAccountAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(BrokerHttpRequest.Get("v2/account"), AlpacaJsonContext.Default.AlpacaAccountJson, AlpacaMapping.Account, cancellationToken);

    private Task<BrokerResult<List<(BrokerOrder Order, DateTimeOffset? Submitted)>>> OpenOrdersPageAsync(string? window, CancellationToken cancellationToken) =>
        ReadAsync(
            BrokerHttpRequest.Get(string.Create(CultureInfo.InvariantCulture, $"v2/orders?status=open&limit={_options.PageSize}&direction=desc{window}")),
            AlpacaJsonContext.Default.ImmutableArrayAlpacaOrderJson,
            json => json.Select(o => (AlpacaMapping.Order(o), AlpacaMapping.Timestamp(o.SubmittedAt ?? o.CreatedAt, "submitted_at"))).ToList(),
            cancellationToken);

    private static string Query(DateTimeOffset at) =>
        Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));

    /// <summary>Sends with credentials, after any wait the venue's rate-limit headers asked for; records the next such wait.</summary>
    private async Task<BrokerResult<BrokerHttpResponse>> SendAsync(BrokerHttpRequest request, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
            wait = _blockedUntil - _time.GetUtcNow();
        if (wait > _options.MaxRetryAfter)
        {
            return new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.RateLimited,
                $"{VenueName}: request budget spent for {wait.TotalSeconds:0.#} s more (X-RateLimit-Reset); not sent", null, wait);
        }
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);

        var sent = await _http.SendAsync(
            request.WithHeader(KeyIdHeader, _credentials.KeyId).WithHeader(SecretKeyHeader, _credentials.SecretKey),
            cancellationToken).ConfigureAwait(false);
        if (sent.IsSuccess)
        {
            var now = _time.GetUtcNow();
            var retryAfter = sent.Value!.Status == 429 ? _http.Classify(sent.Value)?.RetryAfter : null;
            if ((retryAfter ?? AlpacaErrors.ResetWait(sent.Value, now)) is { } until)
            {
                lock (_gate)
                    _blockedUntil = now + until > _blockedUntil ? now + until : _blockedUntil;
            }
        }
        return sent;
    }

    /// <summary>Sends a request whose 2xx body is one JSON document, and maps it.</summary>
    private async Task<BrokerResult<TOut>> ReadAsync<TJson, TOut>(
        BrokerHttpRequest request, JsonTypeInfo<TJson> type, Func<TJson, TOut> map, CancellationToken cancellationToken)
    {
        var where = Where(request);
        var sent = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!sent.IsSuccess)
            return sent.Error!;
        return sent.Value!.IsSuccess
            ? Parse(sent.Value.Body, type, map, where)
            : AlpacaErrors.Classify(_http, sent.Value, where, _time.GetUtcNow());
    }

    private BrokerResult<TOut> Parse<TJson, TOut>(string body, JsonTypeInfo<TJson> type, Func<TJson, TOut> map, string where)
    {
        try
        {
            var json = JsonSerializer.Deserialize(body, type);
            return json is null ? Malformed(where, "the body is JSON null") : map(json);
        }
        catch (JsonException ex)
        {
            return Malformed(where, $"malformed JSON at {ex.Path ?? "$"} ({ex.Message})");
        }
        catch (AlpacaWireException ex)
        {
            return Malformed(where, ex.Message);
        }
    }

    private BrokerError Malformed(string where, string detail) =>
        new(BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse, _http.Mask($"{VenueName}: {where} answered something Vanta cannot read: {detail}"));

    private static string Where(BrokerHttpRequest request) => $"{request.Method} /{request.Path.Split('?')[0]}";
}
