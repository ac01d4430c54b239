using System.Collections.Immutable;
using System.Net;
using Polly;
using Vanta.Http.Conditional;
using Vanta.Http.RateLimiting;

namespace Vanta.Http.Pipeline;

/// <summary>
/// One attempt: wait for a rate-limit permit, send (conditionally when validators are known), read the
/// body within the size limit under the per-attempt timeout, and classify. Network errors and truncated
/// bodies become outcomes; only cancellation escapes, so the timeout strategies can see it.
/// </summary>
internal sealed class AttemptSender(
    HttpSourcePolicy policy,
    HttpClient http,
    HostRateLimiters limiters,
    IValidatorStore validators,
    ResponseClassifier classifier,
    ResiliencePipeline attemptTimeout)
{
    private static readonly ImmutableDictionary<string, string> NoHeaders = ImmutableDictionary<string, string>.Empty;

    public async ValueTask<AttemptOutcome> SendAsync(FetchRequest request, string validatorKey, CancellationToken cancellationToken)
    {
        // Without a scope each host has its own limiter; a scope (SEC) makes several hosts share one.
        var limiter = limiters.For(policy.RateLimitScope ?? request.Uri.Host, policy.RateLimit);
        using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
            return AttemptOutcome.Failure(null, NoHeaders, FetchFailureKind.RateLimited, FailureClass.Retryable, "local rate limiter refused the request");
        return await attemptTimeout.ExecuteAsync(
            async token => await SendOnceAsync(request, validatorKey, token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<AttemptOutcome> SendOnceAsync(FetchRequest request, string validatorKey, CancellationToken cancellationToken)
    {
        using var message = BuildMessage(request, validatorKey);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            return AttemptOutcome.Failure(null, NoHeaders, FetchFailureKind.Network, FailureClass.Retryable, $"network error: {ex.Message}");
        }

        using (response)
        {
            var headers = HeadersOf(response);
            if (response.StatusCode == HttpStatusCode.NotModified)
                return new AttemptOutcome(response.StatusCode, headers, NotModified: true);
            byte[]? body;
            try
            {
                body = await BoundedBodyReader.ReadAsync(response.Content, policy.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                // The connection closed before the announced length arrived: a partial body is never a document.
                return AttemptOutcome.Failure(response.StatusCode, headers, FetchFailureKind.TruncatedBody, FailureClass.Retryable,
                    $"body ended early: {ex.Message}");
            }
            if (body is null)
            {
                return AttemptOutcome.Failure(response.StatusCode, headers, FetchFailureKind.BodyTooLarge, FailureClass.NonRetryable,
                    $"body larger than the {policy.MaxBodyBytes}-byte limit of source '{policy.Name}' (announced: {response.Content.Headers.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"})");
            }
            return classifier.Classify(response, headers, body);
        }
    }

    private HttpRequestMessage BuildMessage(FetchRequest request, string validatorKey)
    {
        var message = new HttpRequestMessage(request.Method, request.Uri);
        message.Headers.TryAddWithoutValidation("User-Agent", policy.UserAgent);
        if (policy.Accept is { } accept)
            message.Headers.TryAddWithoutValidation("Accept", accept);
        foreach (var (name, value) in request.Headers)
            message.Headers.TryAddWithoutValidation(name, value);
        if (!request.Form.IsDefaultOrEmpty)
            message.Content = new FormUrlEncodedContent(request.Form);
        if (policy.ConditionalRequests && !request.Confidential && validators.Get(validatorKey) is { Any: true } known)
        {
            if (known.ETag is { } etag)
                message.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (known.LastModified is { } lastModified)
                message.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        }
        return message;
    }

    private static ImmutableDictionary<string, string> HeadersOf(HttpResponseMessage response)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            builder[name.ToLowerInvariant()] = string.Join(", ", values);
        return builder.ToImmutable();
    }
}
