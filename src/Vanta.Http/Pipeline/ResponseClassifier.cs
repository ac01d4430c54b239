using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Vanta.Http.Detection;

namespace Vanta.Http.Pipeline;

/// <summary>
/// Turns a fully read answer into an attempt outcome: detectors first (a block page comes with 403 but
/// means "slow down", not "forbidden"), then the status, then the expected-content check for data.
/// </summary>
internal sealed class ResponseClassifier(HttpSourcePolicy policy, TimeProvider time)
{
    private readonly ImmutableArray<INonDataDetector> _detectors =
        policy.Detectors.Add(new ExpectedContentDetector(policy.Expected));

    public AttemptOutcome Classify(HttpResponseMessage response, ImmutableDictionary<string, string> headers, byte[] body)
    {
        var status = response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var snapshot = new ResponseSnapshot(status, mediaType, body);
        foreach (var detector in _detectors)
        {
            // The expected-content check applies to data answers only; an error status speaks for itself.
            if (detector is ExpectedContentDetector && !response.IsSuccessStatusCode)
                continue;
            if (detector.Inspect(snapshot) is { } verdict)
                return AttemptOutcome.Failure(status, headers, verdict.Kind, verdict.Class, verdict.Reason, verdict.RetryAfter);
        }

        var code = (int)status;
        return code switch
        {
            >= 200 and < 300 => new AttemptOutcome(status, headers, mediaType, body),
            429 => AttemptOutcome.Failure(status, headers, FetchFailureKind.RateLimited, FailureClass.Retryable,
                "429 Too Many Requests", RetryAfter(response, headers) ?? RateLimitReset(headers)),
            408 => AttemptOutcome.Failure(status, headers, FetchFailureKind.Timeout, FailureClass.Retryable, "408 Request Timeout"),
            >= 500 => AttemptOutcome.Failure(status, headers, FetchFailureKind.ServerError, FailureClass.Retryable,
                $"{code} {response.ReasonPhrase}", RetryAfter(response, headers)),
            401 or 403 => AttemptOutcome.Failure(status, headers, FetchFailureKind.Unauthorized, FailureClass.Fatal,
                $"{code} {response.ReasonPhrase}: check credentials and User-Agent"),
            >= 400 => AttemptOutcome.Failure(status, headers, FetchFailureKind.ClientError, FailureClass.NonRetryable,
                $"{code} {response.ReasonPhrase}"),
            _ => AttemptOutcome.Failure(status, headers, FetchFailureKind.UnexpectedContent, FailureClass.NonRetryable,
                $"unexpected status {code}"),
        };
    }

    /// <summary>Retry-After in either form: delta seconds or an HTTP date (relative to the injected clock).</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response, ImmutableDictionary<string, string> headers)
    {
        if (response.Headers.RetryAfter is { } header)
        {
            if (header.Delta is { } delta)
                return delta;
            if (header.Date is { } date)
                return Max(date - time.GetUtcNow(), TimeSpan.Zero);
        }
        return headers.TryGetValue("retry-after", out var raw)
            && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? Max(parsed - time.GetUtcNow(), TimeSpan.Zero)
                : null;
    }

    /// <summary>Reddit-style <c>X-Ratelimit-Reset</c> (seconds until the window ends), used when a 429 has no Retry-After.</summary>
    private static TimeSpan? RateLimitReset(ImmutableDictionary<string, string> headers) =>
        headers.TryGetValue("x-ratelimit-reset", out var raw)
        && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
