namespace Vanta.Bus;

/// <summary>Settings shared by every bus implementation, so they can pass one contract test suite.</summary>
public sealed record BusOptions
{
    /// <summary>The most partitions a topic may have: the in-process bus tracks them in one 64-bit mask.</summary>
    public const int MaxPartitions = 64;

    /// <summary>
    /// Partitions per topic and group. Keys are spread over them by <see cref="KeyPartitioner"/>; all
    /// nodes of a deployment must agree on it, or per-key order is lost.
    /// </summary>
    public int PartitionCount { get; init; } = 16;

    /// <summary>The most messages a group may hold published and not yet acked before publishers wait.</summary>
    public int Capacity { get; init; } = 65_536;

    /// <summary>How long a delivered message may stay unacked before a reclaim may take it back.</summary>
    public TimeSpan MinIdle { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws if a setting is out of range; a misconfigured bus is a bug, not a runtime outcome.</summary>
    public BusOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PartitionCount, 1, nameof(PartitionCount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PartitionCount, MaxPartitions, nameof(PartitionCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(Capacity, 1, nameof(Capacity));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MinIdle, TimeSpan.Zero, nameof(MinIdle));
        return this;
    }
}
