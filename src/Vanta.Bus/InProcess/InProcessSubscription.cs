namespace Vanta.Bus.InProcess;

/// <summary>A consumer of the in-process bus. Every operation takes the topic's lock, briefly.</summary>
internal sealed class InProcessSubscription : IBusSubscription
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    private readonly TopicLog topic;
    private readonly ConsumerGroup group;
    private readonly TimeProvider time;
    private bool disposed;

    public InProcessSubscription(TopicLog topic, ConsumerGroup group, string consumer, TimeProvider time)
    {
        this.topic = topic;
        this.group = group;
        this.time = time;
        Consumer = consumer;
    }

    public string Topic => topic.Name;

    public string Group => group.Name;

    public string Consumer { get; }

    public bool TryReceive(out BusMessage message)
    {
        lock (topic.Gate)
        {
            ThrowIfUnusable();
            return group.TryDeliver(this, time.GetTimestamp(), out message);
        }
    }

    public int TryReceiveMany(Span<BusMessage> buffer)
    {
        lock (topic.Gate)
        {
            ThrowIfUnusable();
            // One clock reading for the batch: the messages are handed out in the same instant.
            var now = time.GetTimestamp();
            var count = 0;
            while (count < buffer.Length && group.TryDeliver(this, now, out buffer[count]))
                count++;
            return count;
        }
    }

    public ValueTask<BusMessage> ReceiveAsync(CancellationToken cancellationToken = default) =>
        TryReceive(out var message) ? new(message) : WaitAndReceiveAsync(cancellationToken);

    // Acks stay allowed after dispose: a consumer finishing its last message while shutting down
    // should still spare the group a redelivery.
    public void Ack(in BusMessage message)
    {
        lock (topic.Gate)
        {
            if (group.Ack(message.DeliveryId))
                topic.NotifySpaceFreed();
        }
    }

    public void AckMany(ReadOnlySpan<BusMessage> messages)
    {
        lock (topic.Gate)
        {
            var freed = false;
            foreach (ref readonly var message in messages)
                freed |= group.Ack(message.DeliveryId);
            if (freed)
                topic.NotifySpaceFreed();
        }
    }

    public ValueTask<int> ReclaimAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (topic.Gate)
        {
            ThrowIfUnusable();
            return new(group.ReclaimIdle(time.GetTimestamp()));
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (topic.Gate)
        {
            if (disposed)
                return default;
            disposed = true;
            group.Leave(this);
            // Wake this consumer's own pending ReceiveAsync, which then throws.
            group.Notify();
        }
        return default;
    }

    private async ValueTask<BusMessage> WaitAndReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task changed;
            TimeSpan? untilIdleCheck;
            lock (topic.Gate)
            {
                ThrowIfUnusable();
                var now = time.GetTimestamp();
                if (group.TryDeliver(this, now, out var message))
                    return message;
                // Registered under the lock, so no publish or ack can slip between the check and the wait.
                changed = group.WaitForChange();
                untilIdleCheck = group.IdleCheckAt == long.MaxValue ? null : ToDelay(group.IdleCheckAt - now);
            }
            await WaitAsync(changed, untilIdleCheck, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitAsync(Task changed, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (timeout is not { } delay)
        {
            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, time, stopDelay.Token);
        await Task.WhenAny(changed, timer).ConfigureAwait(false);
        await stopDelay.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    // Rounded up and at least one tick: a zero delay would spin on a clock that does not move by itself.
    // Capped because timers take at most about 49 days; a longer wait just wakes and waits again.
    private TimeSpan ToDelay(long timestampTicks)
    {
        var ticks = Math.Ceiling(timestampTicks * ((double)TimeSpan.TicksPerSecond / time.TimestampFrequency));
        return ticks >= MaxWait.Ticks ? MaxWait : TimeSpan.FromTicks(Math.Max(1, (long)ticks));
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ObjectDisposedException.ThrowIf(topic.IsClosed, topic);
    }
}
