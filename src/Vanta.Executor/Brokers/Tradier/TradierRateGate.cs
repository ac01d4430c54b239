using System.Globalization;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Tradier;

/// <summary>
/// Obeys Tradier's budget headers for one bucket: when <c>X-Ratelimit-Available</c> reaches 0, requests wait
/// until <c>X-Ratelimit-Expiry</c> (epoch milliseconds) on the injected clock. The even spacing in
/// <see cref="BrokerHttp"/> keeps us under the published limit; this catches a budget shared with another
/// client of the same token.
/// </summary>
internal sealed class TradierRateGate(TimeProvider time)
{
    // A window is one minute; an expiry further out than this is garbage, not a reason to stall.
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(61);
    private readonly Lock _gate = new();
    private DateTimeOffset _closedUntil = DateTimeOffset.MinValue;

    public void Observe(BrokerHttpResponse response)
    {
        if (!long.TryParse(response.Header("X-Ratelimit-Available"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var available)
            || available > 0
            || !long.TryParse(response.Header("X-Ratelimit-Expiry"), NumberStyles.None, CultureInfo.InvariantCulture, out var expiryMs))
        {
            return;
        }
        var until = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(expiryMs, 0L, 253_402_300_799_000L));
        var latest = time.GetUtcNow() + MaxWait;
        lock (_gate)
            _closedUntil = until < latest ? until : latest;
    }

    /// <summary>How long the next request must wait; zero while budget remains.</summary>
    public TimeSpan Wait()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            return _closedUntil > now ? _closedUntil - now : TimeSpan.Zero;
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) =>
        Wait() is var wait && wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
}
