namespace Vanta.Cli.Embedded;

/// <summary>
/// Simulated time for replays and backtests: it moves only when the runner advances it to the next
/// event's time, so every timestamp Vanta writes is a function of the tape, never of the wall clock.
/// </summary>
public sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves time forward; never backwards, so ts_init is monotonic.</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        if (instant > _now)
            _now = instant.ToUniversalTime();
    }
}
