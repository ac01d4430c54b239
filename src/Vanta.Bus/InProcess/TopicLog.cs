using Vanta.Core.Envelopes;

namespace Vanta.Bus.InProcess;

/// <summary>
/// One topic of the in-process bus: its consumer groups and the one lock that guards them all, so a
/// publish reaches every group or none and a receive sees a consistent backlog.
/// </summary>
internal sealed class TopicLog
{
    private readonly BusOptions options;
    private readonly long minIdle;

    // Copy-on-write, in creation order, so publish iterates groups in a fixed order without a snapshot.
    private ConsumerGroup[] groups = [];
    private long order;
    private TaskCompletionSource? spaceFreed;
    private bool closed;

    public TopicLog(string name, BusOptions options, long minIdleTimestampTicks)
    {
        Name = name;
        this.options = options;
        minIdle = minIdleTimestampTicks;
    }

    public string Name { get; }

    public Lock Gate { get; } = new();

    /// <summary>Whether the bus was disposed; the caller holds <see cref="Gate"/>.</summary>
    public bool IsClosed => closed;

    public bool TryAppend(int partition, string key, Envelope envelope)
    {
        lock (Gate)
            return AppendLocked(partition, key, envelope);
    }

    /// <summary>Appends, or returns a task that completes when some group frees space.</summary>
    public Task? AppendOrWait(int partition, string key, Envelope envelope)
    {
        lock (Gate)
        {
            if (AppendLocked(partition, key, envelope))
                return null;
            spaceFreed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return spaceFreed.Task;
        }
    }

    /// <summary>Wakes waiting publishers; the caller holds <see cref="Gate"/>.</summary>
    public void NotifySpaceFreed()
    {
        var waiter = spaceFreed;
        if (waiter is null)
            return;
        spaceFreed = null;
        waiter.TrySetResult();
    }

    public InProcessSubscription Subscribe(string groupName, string consumer, TimeProvider time)
    {
        lock (Gate)
        {
            ObjectDisposedException.ThrowIf(closed, this);
            var group = Array.Find(groups, g => g.Name == groupName);
            if (group is null)
            {
                group = new ConsumerGroup(Name, groupName, options.PartitionCount, options.Capacity, minIdle);
                groups = [.. groups, group];
            }
            var subscription = new InProcessSubscription(this, group, consumer, time);
            group.Join(subscription);
            return subscription;
        }
    }

    /// <summary>Wakes everyone waiting on the topic; they find it closed and throw.</summary>
    public void Close()
    {
        lock (Gate)
        {
            closed = true;
            NotifySpaceFreed();
            foreach (var group in groups)
                group.Notify();
        }
    }

    private bool AppendLocked(int partition, string key, Envelope envelope)
    {
        ObjectDisposedException.ThrowIf(closed, this);
        var current = groups;
        foreach (var group in current)
        {
            if (group.IsFull)
                return false;
        }
        var position = order++;
        foreach (var group in current)
            group.Append(partition, key, envelope, position);
        return true;
    }
}
