using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Vaults.Config;

namespace Vanta.Vaults.Allocation;

/// <summary>Runs several allocators on each conviction and concatenates their intents in a fixed order.</summary>
public sealed class CompositeAllocator : IAllocator
{
    private readonly IReadOnlyList<IAllocator> _allocators;

    public CompositeAllocator(IEnumerable<IAllocator> allocators)
    {
        ArgumentNullException.ThrowIfNull(allocators);
        _allocators = [.. allocators];
    }

    /// <summary>One allocator per vault of <paramref name="config"/>, in ordinal vault id order.</summary>
    public static CompositeAllocator ForVaults(VaultConfig config, ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(document);
        return new CompositeAllocator(config.Vaults
            .OrderBy(v => v.Id.Value, StringComparer.Ordinal)
            .Select(v => new ProportionalAllocator(v, document.Version)));
    }

    public IReadOnlyList<AllocationIntent> Allocate(Observed<ConvictionVector> conviction, DateTimeOffset now)
    {
        var intents = new List<AllocationIntent>();
        foreach (var allocator in _allocators)
            intents.AddRange(allocator.Allocate(conviction, now));
        return intents;
    }
}
