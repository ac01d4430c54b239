using System.Collections.Immutable;
using System.Globalization;

namespace Vanta.Http.RateLimiting;

/// <summary>
/// Obeys a server's own budget headers (Reddit's <c>X-Ratelimit-Remaining</c> / <c>-Reset</c>): when the
/// remaining count reaches zero, waits out the reset on the injected clock before the next request.
/// </summary>
public sealed class RemainingHeaderGate(TimeProvider time, string remainingHeader = "x-ratelimit-remaining", string resetHeader = "x-ratelimit-reset")
{
    /// <summary>How long the headers say to wait: zero unless the budget is spent.</summary>
    public TimeSpan WaitFor(ImmutableDictionary<string, string> headers)
    {
        if (!headers.TryGetValue(remainingHeader, out var remainingText)
            || !double.TryParse(remainingText, NumberStyles.Float, CultureInfo.InvariantCulture, out var remaining)
            || remaining >= 1)
        {
            return TimeSpan.Zero;
        }
        return headers.TryGetValue(resetHeader, out var resetText)
            && double.TryParse(resetText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.Zero;
    }

    /// <summary>Waits when the budget in <paramref name="headers"/> is spent; returns how long it waited.</summary>
    public async Task<TimeSpan> ObeyAsync(ImmutableDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var wait = WaitFor(headers);
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        return wait;
    }
}
