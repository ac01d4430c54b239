using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Vanta.Http.RateLimiting;

/// <summary>
/// One limiter per rate-limit scope (a host, or a key shared by hosts), shared by every client built on
/// this registry, so two collectors hitting one host together still respect its limit.
/// </summary>
public sealed class HostRateLimiters(TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<RateLimiter>> _limiters = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The limiter for <paramref name="scope"/>; the first caller's <paramref name="limit"/> wins.</summary>
    public RateLimiter For(string scope, RateLimit limit) =>
        _limiters.GetOrAdd(scope, _ => new Lazy<RateLimiter>(() => new ClockSpacedRateLimiter(limit, time))).Value;

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            if (limiter.IsValueCreated)
                limiter.Value.Dispose();
        }
    }
}
