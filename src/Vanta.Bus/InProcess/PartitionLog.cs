using Vanta.Core.Envelopes;

namespace Vanta.Bus.InProcess;

/// <summary>
/// One partition of one consumer group: a growable ring of the messages published and not yet acked,
/// addressed by a sequence number that only grows, so a delivery id is never reused.
/// </summary>
/// <remarks>
/// Sequences in [head, next) have been delivered to <see cref="Owner"/> and are pending unless acked;
/// [next, tail) wait to be delivered. <c>head</c> always rests on an unacked message (or on tail),
/// so the oldest pending message is the one at <c>head</c>. Not thread-safe: the topic's lock guards it.
/// </remarks>
internal sealed class PartitionLog
{
    private const int InitialSize = 16;

    private Slot[] ring = new Slot[InitialSize];
    private long head;
    private long next;
    private long tail;

    /// <summary>The consumer leasing this partition: it holds unacked messages of it, so only it may take more.</summary>
    public InProcessSubscription? Owner { get; private set; }

    /// <summary>How many messages are delivered to <see cref="Owner"/> and not acked.</summary>
    public int Pending { get; private set; }

    public bool HasDeliverable => next < tail;

    /// <summary>The publish order (topic-wide) of the next message to deliver; valid when <see cref="HasDeliverable"/>.</summary>
    public long NextOrder => ring[Index(next)].Order;

    /// <summary>When the oldest pending message was delivered; valid when <see cref="Pending"/> is positive.</summary>
    public long OldestPendingDeliveredAt => ring[Index(head)].DeliveredAt;

    public void Append(string key, Envelope envelope, long order)
    {
        if (tail - head == ring.Length)
            Grow();
        ref var slot = ref ring[Index(tail)];
        slot.Key = key;
        slot.Envelope = envelope;
        slot.Order = order;
        tail++;
    }

    public BusMessage Deliver(string topic, int partition, InProcessSubscription consumer, long now)
    {
        ref var slot = ref ring[Index(next)];
        slot.DeliveryCount++;
        slot.DeliveredAt = now;
        var message = new BusMessage(topic, slot.Key!, slot.Envelope!, new DeliveryId(partition, next, 0), slot.DeliveryCount);
        Owner = consumer;
        Pending++;
        next++;
        SkipAcked();
        return message;
    }

    /// <summary>Acks the message at <paramref name="sequence"/>; an unknown or already acked one changes nothing.</summary>
    public AckEffect Ack(long sequence)
    {
        if (sequence < head || sequence >= tail)
            return default;
        ref var slot = ref ring[Index(sequence)];
        // A message never delivered cannot have been handed out, so its id is forged or foreign.
        if (slot.Acked || slot.DeliveryCount == 0)
            return default;
        slot.Acked = true;

        var leaseEnded = false;
        // A late ack from a consumer whose lease was taken back lands at or after next: it is not
        // pending any more, but acking it still spares a redelivery.
        if (sequence < next && --Pending == 0)
        {
            Owner = null;
            leaseEnded = true;
        }

        var freed = 0;
        while (head < tail && ring[Index(head)].Acked)
        {
            ring[Index(head)] = default;
            head++;
            freed++;
        }
        if (next < head)
            next = head;
        SkipAcked();
        return new AckEffect(freed, leaseEnded);
    }

    /// <summary>Ends the lease: every unacked delivered message becomes deliverable again, oldest first.</summary>
    /// <returns>How many messages were taken back.</returns>
    public int Release()
    {
        if (Owner is null)
            return 0;
        var taken = Pending;
        Pending = 0;
        Owner = null;
        next = head;
        SkipAcked();
        return taken;
    }

    // Late acks can mark messages after next; delivery passes over them.
    private void SkipAcked()
    {
        while (next < tail && ring[Index(next)].Acked)
            next++;
    }

    private int Index(long sequence) => (int)(sequence & (ring.Length - 1));

    private void Grow()
    {
        var larger = new Slot[ring.Length * 2];
        for (var s = head; s < tail; s++)
            larger[s & (larger.Length - 1)] = ring[Index(s)];
        ring = larger;
    }

    private struct Slot
    {
        public Envelope? Envelope;
        public string? Key;
        public long Order;
        public long DeliveredAt;
        public int DeliveryCount;
        public bool Acked;
    }
}

/// <summary>What an ack did: how many messages left the backlog, and whether the partition's lease ended.</summary>
internal readonly record struct AckEffect(int Freed, bool LeaseEnded);
