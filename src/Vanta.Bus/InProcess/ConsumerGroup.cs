using System.Numerics;
using Vanta.Core.Envelopes;

namespace Vanta.Bus.InProcess;

/// <summary>
/// A consumer group on one topic: its own copy of every partition's backlog, the partition leases of
/// its consumers, and the idle reclaim. Not thread-safe: the topic's lock guards it.
/// </summary>
internal sealed class ConsumerGroup
{
    private readonly string topic;
    private readonly PartitionLog[] partitions;
    private readonly int capacity;
    private readonly long minIdle;
    private readonly Dictionary<string, InProcessSubscription> consumers = new(StringComparer.Ordinal);

    // Bit p is set when partition p has a message to deliver, so a receive skips empty partitions.
    private ulong deliverable;

    // No lease can expire before this timestamp; an early value only costs a scan that finds nothing.
    private long idleCheckAt = long.MaxValue;

    private TaskCompletionSource? changed;

    public ConsumerGroup(string topic, string name, int partitionCount, int capacity, long minIdleTimestampTicks)
    {
        this.topic = topic;
        Name = name;
        this.capacity = capacity;
        minIdle = minIdleTimestampTicks;
        partitions = new PartitionLog[partitionCount];
        for (var p = 0; p < partitions.Length; p++)
            partitions[p] = new PartitionLog();
    }

    public string Name { get; }

    /// <summary>Messages published to the group and not yet acked, delivered or not.</summary>
    public int Backlog { get; private set; }

    public bool IsFull => Backlog >= capacity;

    /// <summary>When the next lease could expire; <see cref="long.MaxValue"/> when none is held.</summary>
    public long IdleCheckAt => idleCheckAt;

    public void Join(InProcessSubscription consumer)
    {
        if (!consumers.TryAdd(consumer.Consumer, consumer))
            throw new InvalidOperationException(
                $"Consumer '{consumer.Consumer}' is already subscribed to group '{Name}' on topic '{topic}'");
    }

    /// <summary>Removes the consumer and hands its unacked messages back to the group.</summary>
    public void Leave(InProcessSubscription consumer)
    {
        consumers.Remove(consumer.Consumer);
        var taken = 0;
        for (var p = 0; p < partitions.Length; p++)
        {
            if (partitions[p].Owner == consumer)
                taken += ReleasePartition(p);
        }
        if (taken > 0)
            Notify();
    }

    public void Append(int partition, string key, Envelope envelope, long order)
    {
        partitions[partition].Append(key, envelope, order);
        Backlog++;
        deliverable |= 1UL << partition;
        Notify();
    }

    /// <summary>
    /// Delivers the message with the lowest publish order among the partitions this consumer may take
    /// from, so a lone consumer sees the topic in publish order whatever the partition count.
    /// </summary>
    public bool TryDeliver(InProcessSubscription consumer, long now, out BusMessage message)
    {
        if (now >= idleCheckAt)
            ReclaimIdle(now);

        var best = -1;
        var bestOrder = long.MaxValue;
        for (var mask = deliverable; mask != 0; mask &= mask - 1)
        {
            var p = BitOperations.TrailingZeroCount(mask);
            var log = partitions[p];
            var owner = log.Owner;
            if ((owner is null || owner == consumer) && log.NextOrder < bestOrder)
            {
                best = p;
                bestOrder = log.NextOrder;
            }
        }
        if (best < 0)
        {
            message = default;
            return false;
        }

        var chosen = partitions[best];
        if (chosen.Owner is null)
            idleCheckAt = Math.Min(idleCheckAt, IdleDeadline(now));
        message = chosen.Deliver(topic, best, consumer, now);
        if (!chosen.HasDeliverable)
            deliverable &= ~(1UL << best);
        return true;
    }

    /// <summary>Acks a delivery; returns whether it freed backlog space.</summary>
    public bool Ack(in DeliveryId id)
    {
        if ((uint)id.Partition >= (uint)partitions.Length || id.Minor != 0)
            return false;
        var log = partitions[id.Partition];
        var effect = log.Ack(id.Major);
        Backlog -= effect.Freed;
        UpdateDeliverable(id.Partition);
        // Another consumer may be waiting for exactly this partition.
        if (effect.LeaseEnded)
            Notify();
        return effect.Freed > 0;
    }

    /// <summary>Takes back every lease whose oldest pending message has waited at least the min idle time.</summary>
    public int ReclaimIdle(long now)
    {
        var taken = 0;
        var nextCheck = long.MaxValue;
        for (var p = 0; p < partitions.Length; p++)
        {
            var log = partitions[p];
            if (log.Owner is null)
                continue;
            var since = log.OldestPendingDeliveredAt;
            if (now - since >= minIdle)
                taken += ReleasePartition(p);
            else
                nextCheck = Math.Min(nextCheck, IdleDeadline(since));
        }
        idleCheckAt = nextCheck;
        if (taken > 0)
            Notify();
        return taken;
    }

    /// <summary>A task that completes at the next change that could let a waiting consumer receive.</summary>
    public Task WaitForChange()
    {
        changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return changed.Task;
    }

    public void Notify()
    {
        var waiter = changed;
        if (waiter is null)
            return;
        changed = null;
        waiter.TrySetResult();
    }

    // Saturates, so a min idle of days on a timestamp near the end of the range cannot wrap around.
    private long IdleDeadline(long deliveredAt) =>
        deliveredAt > long.MaxValue - minIdle ? long.MaxValue : deliveredAt + minIdle;

    private int ReleasePartition(int partition)
    {
        var taken = partitions[partition].Release();
        UpdateDeliverable(partition);
        return taken;
    }

    private void UpdateDeliverable(int partition)
    {
        if (partitions[partition].HasDeliverable)
            deliverable |= 1UL << partition;
        else
            deliverable &= ~(1UL << partition);
    }
}
