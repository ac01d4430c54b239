using Vanta.Core.Ids;

namespace Vanta.Bus.Idempotency;

/// <summary>
/// The most recent <see cref="Capacity"/> distinct event ids, forgetting the oldest first. Bounded so a
/// long-running consumer's memory stays flat; redeliveries come soon after the first delivery, so a
/// window of recent ids catches nearly all of them. Not thread-safe.
/// </summary>
public sealed class SeenIdWindow
{
    private readonly HashSet<EventId> ids;
    private readonly Queue<EventId> order;

    public SeenIdWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        ids = new HashSet<EventId>(capacity);
        order = new Queue<EventId>(capacity);
    }

    public int Capacity { get; }

    public int Count => ids.Count;

    public bool Contains(EventId id) => ids.Contains(id);

    /// <summary>Remembers <paramref name="id"/>, evicting the oldest when full.</summary>
    /// <returns><see langword="false"/> when it was already remembered (its age is then unchanged).</returns>
    public bool Add(EventId id)
    {
        if (!ids.Add(id))
            return false;
        if (order.Count == Capacity)
            ids.Remove(order.Dequeue());
        order.Enqueue(id);
        return true;
    }
}
