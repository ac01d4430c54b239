using Vanta.Core.Domain;

namespace Vanta.Markets.Enrichment;

/// <summary>Whether an observation was seen before, and under which key.</summary>
public readonly record struct DedupResult(DedupKey Key, bool IsDuplicate);

/// <summary>
/// Drops repeats of the same observation by <see cref="DedupKey"/>. Memory is bounded: it remembers the last
/// <c>capacity</c> distinct keys and forgets the oldest first, so a repeat further back than that passes again.
/// Deterministic (the outcome depends only on the sequence of observations); not thread-safe.
/// </summary>
public sealed class Deduplicator
{
    /// <summary>Keys remembered by default.</summary>
    public const int DefaultCapacity = 100_000;

    private readonly HashSet<DedupKey> _seen = [];
    private readonly Queue<DedupKey> _order = new();

    /// <summary>A deduplicator remembering up to <paramref name="capacity"/> keys.</summary>
    public Deduplicator(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>How many distinct keys are remembered at most.</summary>
    public int Capacity { get; }

    /// <summary>How many keys are remembered now.</summary>
    public int Count => _seen.Count;

    /// <summary>Records <paramref name="observation"/> and says whether its key was already remembered.</summary>
    public DedupResult Observe(IObservation observation) => Observe(DedupKey.For(observation));

    /// <summary>Records <paramref name="key"/> and says whether it was already remembered.</summary>
    public DedupResult Observe(DedupKey key)
    {
        if (!_seen.Add(key))
            return new DedupResult(key, IsDuplicate: true);
        _order.Enqueue(key);
        if (_order.Count > Capacity)
            _seen.Remove(_order.Dequeue());
        return new DedupResult(key, IsDuplicate: false);
    }
}
