using System.Threading.RateLimiting;

namespace Vanta.Http.RateLimiting;

/// <summary>
/// A <see cref="RateLimiter"/> that starts requests at least <see cref="RateLimit.Interval"/> apart, in
/// arrival order, on the injected clock. The framework's token bucket measures elapsed time with its own
/// stopwatch even when replenished by hand, so a fake clock could not drive it; this one waits with
/// <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/>. Even spacing (no burst) keeps any
/// one-period window at the published limit, which is what SEC and Reddit measure.
/// </summary>
public sealed class ClockSpacedRateLimiter : RateLimiter
{
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private DateTimeOffset _nextSlot = DateTimeOffset.MinValue;
    private DateTimeOffset _lastGranted = DateTimeOffset.MinValue;

    public ClockSpacedRateLimiter(RateLimit limit, TimeProvider time)
    {
        if (limit.Permits <= 0 || limit.Period <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "a rate limit needs positive permits and period");
        _interval = limit.Interval;
        _time = time;
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                return now >= _nextSlot && _lastGranted != DateTimeOffset.MinValue ? now - _lastGranted : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now < _nextSlot)
                return Lease.Refused;
            Reserve(now, permitCount);
            return Lease.Granted;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var slot = now > _nextSlot ? now : _nextSlot;
            Reserve(slot, permitCount);
            wait = slot - now;
        }
        // A waiter cancelled here leaves its slot unused: the limiter errs on the slow side.
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        return Lease.Granted;
    }

    private void Reserve(DateTimeOffset slot, int permitCount)
    {
        _lastGranted = slot;
        _nextSlot = slot + (_interval * Math.Max(permitCount, 1));
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static Lease Granted { get; } = new(true);

        public static Lease Refused { get; } = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
