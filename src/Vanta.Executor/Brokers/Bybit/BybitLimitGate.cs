using System.Collections.Concurrent;
using System.Globalization;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Bybit;

/// <summary>
/// Bybit's per-endpoint budget headers: when <c>X-Bapi-Limit-Status</c> (requests left) reaches 0, the next
/// request to that path waits, on the injected clock, until <c>X-Bapi-Limit-Reset-Timestamp</c> (epoch ms)
/// instead of spending a request on a certain 10006.
/// </summary>
internal sealed class BybitLimitGate(TimeProvider time, TimeSpan maxWait)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _blockedUntil = new(StringComparer.Ordinal);

    public void Observe(string path, BrokerHttpResponse response)
    {
        if (response.Header("X-Bapi-Limit-Status") is { } left
            && int.TryParse(left, NumberStyles.None, CultureInfo.InvariantCulture, out var remaining)
            && remaining <= 0
            && long.TryParse(response.Header("X-Bapi-Limit-Reset-Timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            _blockedUntil[path] = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }
        else
        {
            _blockedUntil.TryRemove(path, out _);
        }
    }

    /// <summary>Waits out a spent budget; a rate-limit error when the wait would be longer than allowed.</summary>
    public async Task<BrokerError?> WaitAsync(string path, CancellationToken cancellationToken)
    {
        if (!_blockedUntil.TryGetValue(path, out var until))
            return null;
        var wait = until - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
            return null;
        if (wait > maxWait)
        {
            return new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.RateLimited,
                $"bybit: the request budget of {path} is spent until {until:O}", RetryAfter: wait);
        }
        await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
