using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Vanta.Executor.Tests.Brokers.Common;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that records the due time of every timer created on it, so a test can wait until the
/// code under test has actually started a wait (e.g. a Retry-After delay after an answer arrives on another thread)
/// before moving the clock. Advancing earlier would start that wait late and the test would race.
/// </summary>
internal sealed class WatchedClock() : FakeTimeProvider(new DateTimeOffset(2024, 6, 14, 14, 30, 0, TimeSpan.Zero))
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _dueTimes.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits (real time, bounded) until a timer due after <paramref name="dueTime"/> has been started.</summary>
    public async Task WaitStartedAsync(TimeSpan dueTime)
    {
        for (var i = 0; i < 1000 && !_dueTimes.Contains(dueTime); i++)
            await Task.Delay(10);
        Assert.True(_dueTimes.Contains(dueTime), $"no wait of {dueTime} was started; saw [{string.Join(", ", _dueTimes)}]");
    }
}
