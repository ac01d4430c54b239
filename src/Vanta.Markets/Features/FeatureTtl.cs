using System.Collections.Immutable;

namespace Vanta.Markets.Features;

/// <summary>How long a computer's values stay valid: one default, with optional per-feature overrides.</summary>
public sealed record FeatureTtl(TimeSpan Default, ImmutableSortedDictionary<string, TimeSpan>? Overrides = null)
{
    /// <summary>The TTL of <paramref name="feature"/>.</summary>
    public TimeSpan For(string feature) =>
        Overrides is not null && Overrides.TryGetValue(feature, out var ttl) ? ttl : Default;

    /// <summary>Throws when a TTL is zero or negative: a configuration bug.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Default, TimeSpan.Zero);
        foreach (var (name, ttl) in Overrides ?? ImmutableSortedDictionary<string, TimeSpan>.Empty)
        {
            if (ttl <= TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(Overrides), ttl, $"TTL of {name} must be positive");
        }
    }
}
