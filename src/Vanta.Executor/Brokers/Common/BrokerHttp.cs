using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Vanta.Http;
using Vanta.Http.RateLimiting;

namespace Vanta.Executor.Brokers.Common;

/// <summary>How one adapter talks HTTP to its venue.</summary>
/// <param name="Venue">Name used in error messages.</param>
/// <param name="BaseUri">Venue root, e.g. <c>https://paper-api.alpaca.markets/</c>; tests point it at a stand-in.</param>
public sealed record BrokerHttpOptions(string Venue, Uri BaseUri)
{
    /// <summary>The venue's published request limit; requests are spaced evenly to stay under it.</summary>
    public RateLimit RateLimit { get; init; } = new(10, TimeSpan.FromSeconds(1));

    /// <summary>Limit for one attempt, from sending until the body is read.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of an idempotent request (GET, DELETE) after a retryable failure. POSTs are never retried here.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Backoff before the first retry when the venue gave no Retry-After; doubles each time.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A Retry-After longer than this is returned to the caller instead of waited out.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Sent as <c>Accept</c>.</summary>
    public string Accept { get; init; } = "application/json";

    /// <summary>Values masked wherever a request or failure is reported (keys, secrets, tokens).</summary>
    public ImmutableArray<string> Secrets { get; init; } = [];
}

/// <summary>One request to a venue. <see cref="Path"/> is relative to the base URI and may carry a query.</summary>
public sealed record BrokerHttpRequest(HttpMethod Method, string Path)
{
    public byte[]? Body { get; init; }

    public string? ContentType { get; init; }

    public ImmutableArray<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>True for requests the transport may resend after a retryable failure: everything but POST.</summary>
    public bool Idempotent => Method != HttpMethod.Post;

    public static BrokerHttpRequest Get(string path) => new(HttpMethod.Get, path);

    public static BrokerHttpRequest Delete(string path) => new(HttpMethod.Delete, path);

    public static BrokerHttpRequest Json(HttpMethod method, string path, string json) =>
        new(method, path) { Body = Encoding.UTF8.GetBytes(json), ContentType = "application/json" };

    public static BrokerHttpRequest Form(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        new(method, path)
        {
            Body = Encoding.ASCII.GetBytes(string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"))),
            ContentType = "application/x-www-form-urlencoded",
        };

    public BrokerHttpRequest WithHeader(string name, string value) => this with { Headers = Headers.Add(new(name, value)) };
}

/// <summary>An answer the venue gave (any status): adapters read venue-specific error bodies from it.</summary>
public sealed record BrokerHttpResponse(int Status, string Body, ImmutableDictionary<string, string> Headers)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public string? Header(string name) => Headers.GetValueOrDefault(name);
}

/// <summary>Signs a request just before it is sent (venues that sign the timestamp and body: Bybit, Coinbase).</summary>
public interface IRequestSigner
{
    void Sign(HttpRequestMessage message, BrokerHttpRequest request, DateTimeOffset now);
}

/// <summary>
/// The HTTP transport every broker adapter shares: the venue's rate limit on the injected clock, a per-attempt
/// timeout, signing, bounded retries of idempotent requests honouring Retry-After, and secrets masked in every
/// message. Transport failures (timeout, dropped connection) come back as retryable <see cref="BrokerError"/>s;
/// any HTTP answer comes back as a <see cref="BrokerHttpResponse"/> for the adapter to read, with
/// <see cref="Classify"/> for the statuses every venue shares.
/// </summary>
public sealed class BrokerHttp
{
    private readonly BrokerHttpOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly IRequestSigner? _signer;
    private readonly ClockSpacedRateLimiter _limiter;

    public BrokerHttp(BrokerHttpOptions options, HttpClient http, TimeProvider time, IRequestSigner? signer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _http = http;
        _time = time;
        _signer = signer;
        _limiter = new ClockSpacedRateLimiter(options.RateLimit, time);
    }

    public BrokerHttpOptions Options => _options;

    /// <summary>Sends <paramref name="request"/>; throws only when <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task<BrokerResult<BrokerHttpResponse>> SendAsync(BrokerHttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var delay = _options.RetryBaseDelay;
        for (var attempt = 0; ; attempt++)
        {
            var result = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
            var error = result.IsSuccess ? Classify(result.Value!) : result.Error;
            var retry = error is { Class: BrokerErrorClass.Retryable }
                && request.Idempotent
                && attempt < _options.MaxRetries
                && (error.RetryAfter is not { } hint || hint <= _options.MaxRetryAfter);
            if (!retry)
                return result;
            await Task.Delay(error!.RetryAfter ?? delay, _time, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }
    }

    /// <summary>
    /// The shared reading of a status: null for 2xx; 429 and 5xx retryable (with Retry-After); 401 fatal;
    /// 404 <see cref="BrokerErrorCodes.NotFound"/>; other 4xx non-retryable. Adapters refine with the venue's body.
    /// </summary>
    public BrokerError? Classify(BrokerHttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var detail = Mask($"{_options.Venue} answered HTTP {response.Status}: {Truncate(response.Body)}");
        return response.Status switch
        {
            >= 200 and < 300 => null,
            429 => new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.RateLimited, detail, 429, RetryAfter(response)),
            >= 500 => new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.Unavailable, detail, response.Status, RetryAfter(response)),
            401 => new BrokerError(BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized, detail, 401),
            404 => new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound, detail, 404),
            _ => new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest, detail, response.Status),
        };
    }

    /// <summary><paramref name="text"/> with this venue's secrets masked.</summary>
    public string Mask(string text) => SecretMasker.MaskText(text, _options.Secrets);

    private async Task<BrokerResult<BrokerHttpResponse>> SendOnceAsync(BrokerHttpRequest request, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        using var message = new HttpRequestMessage(request.Method, new Uri(_options.BaseUri, request.Path));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(_options.Accept));
        foreach (var (name, value) in request.Headers)
            message.Headers.TryAddWithoutValidation(name, value);
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            if (request.ContentType is { } type)
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        }
        _signer?.Sign(message, request, _time.GetUtcNow());

        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var where = $"{request.Method} {request.Path.Split('?')[0]}";
        try
        {
            using var answer = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var text = await answer.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            var headers = answer.Headers.Concat(answer.Content.Headers)
                .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                .ToImmutableDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
            return new BrokerHttpResponse((int)answer.StatusCode, text, headers);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.Timeout,
                Mask($"{_options.Venue}: {where} timed out after {_options.Timeout.TotalSeconds:0.###} s; its outcome is unknown"));
        }
        catch (HttpRequestException ex)
        {
            return new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.ConnectionLost,
                Mask($"{_options.Venue}: {where} failed in transit ({ex.Message}); its outcome is unknown"));
        }
    }

    private TimeSpan? RetryAfter(BrokerHttpResponse response)
    {
        var value = response.Header("Retry-After");
        if (value is null)
            return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(seconds);
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at > _time.GetUtcNow() ? at - _time.GetUtcNow() : TimeSpan.Zero)
            : null;
    }

    private static string Truncate(string body) => body.Length <= 300 ? body : body[..300] + "...";
}

