namespace Vanta.Executor.Brokers.Common;

/// <summary>
/// Resending a request the venue refused for its rate limit. A rate limit means the venue did nothing, so any
/// request, a POST too, may be sent again: after the venue's Retry-After, else a delay doubling from the base, at
/// most <c>maxRetries</c> times, and never when the venue asks for a longer wait than <c>maxRetryAfter</c>.
/// Used by venues that report rate limits in their bodies as well as with 429 (Bybit's retCode, Coinbase), which
/// <see cref="BrokerHttp"/>'s own retries of idempotent requests cannot see.
/// </summary>
internal static class RateLimitRetry
{
    public static async Task<BrokerResult<T>> RunAsync<T>(
        Func<CancellationToken, Task<BrokerResult<T>>> attempt,
        int maxRetries,
        TimeSpan baseDelay,
        TimeSpan maxRetryAfter,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var delay = baseDelay;
        for (var tries = 0; ; tries++)
        {
            var result = await attempt(cancellationToken).ConfigureAwait(false);
            if (result.Error is not { Code: BrokerErrorCodes.RateLimited } limited
                || tries >= maxRetries
                || limited.RetryAfter > maxRetryAfter)
            {
                return result;
            }
            await Task.Delay(limited.RetryAfter ?? delay, time, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }
    }
}
