using System.Collections.Immutable;
using Vanta.Core.Ids;

namespace Vanta.Markets.Features;

/// <summary>One refused observation: its envelope, symbol, event time and why.</summary>
public sealed record FeatureRejection(EventId EventId, string Symbol, DateTimeOffset TsEvent, FeatureRejectReason Reason);

/// <summary>
/// Counts refused observations by reason and keeps the most recent ones (bounded), so an operator can see what
/// was set aside and why. Counts are exposed in reason order, never hash order.
/// </summary>
public sealed class FeatureRejections
{
    private readonly int _capacity;
    private readonly Queue<FeatureRejection> _recent;
    private readonly long[] _counts = new long[Enum.GetValues<FeatureRejectReason>().Max(r => (int)r) + 1];

    /// <summary>A log that keeps the last <paramref name="capacity"/> rejections.</summary>
    public FeatureRejections(int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _recent = new Queue<FeatureRejection>(capacity);
    }

    /// <summary>Every rejection counted so far.</summary>
    public long Total { get; private set; }

    /// <summary>How many observations were refused for each reason seen at least once, in reason order.</summary>
    public ImmutableSortedDictionary<FeatureRejectReason, long> Counts =>
        Enum.GetValues<FeatureRejectReason>().Where(r => _counts[(int)r] > 0).ToImmutableSortedDictionary(r => r, r => _counts[(int)r]);

    /// <summary>The most recent rejections, oldest first.</summary>
    public ImmutableArray<FeatureRejection> Recent => [.. _recent];

    /// <summary>How many observations were refused for <paramref name="reason"/>.</summary>
    public long Count(FeatureRejectReason reason) => _counts[(int)reason];

    /// <summary>Records one rejection.</summary>
    public void Add(FeatureRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        _counts[(int)rejection.Reason]++;
        Total++;
        if (_recent.Count == _capacity)
            _recent.Dequeue();
        _recent.Enqueue(rejection);
    }
}
