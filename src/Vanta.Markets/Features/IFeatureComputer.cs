using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Enrichment;

namespace Vanta.Markets.Features;

/// <summary>
/// Turns observations into point-in-time feature values in a store. A computer writes each value as of its
/// observation's <see cref="IObservation.TsEvent"/> with its own TTL, reads nothing from after it, and never
/// throws on bad input: it returns the reason instead. Not thread-safe: one stage kernel drives it.
/// </summary>
public interface IFeatureComputer
{
    /// <summary>Reads <paramref name="observation"/>, weighted by <paramref name="attention"/>, and writes features to <paramref name="store"/>.</summary>
    FeatureUpdate Update(Observed<IObservation> observation, Attention attention, IFeatureStore store);
}

/// <summary>
/// How much attention an observation deserves, from pre-enrichment: <see cref="Weight"/> is 1 for a unique post,
/// 0 for a same-author repeat, 1/authors for a swarm member; <see cref="Swarm"/> is true for a swarm member.
/// Only the social features read it; everything else passes <see cref="Full"/>.
/// </summary>
public readonly record struct Attention(decimal Weight, bool Swarm)
{
    /// <summary>Weight 1, not part of a swarm.</summary>
    public static Attention Full => new(1m, false);

    /// <summary>The weight and swarm flag pre-enrichment gave the observation.</summary>
    public static Attention From(PreEnriched enriched)
    {
        ArgumentNullException.ThrowIfNull(enriched);
        return new Attention(enriched.Weight, enriched.Flags.HasFlag(EnrichmentFlags.Swarm));
    }
}
