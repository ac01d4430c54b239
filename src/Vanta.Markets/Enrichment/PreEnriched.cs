using System.Text.Json.Serialization;
using Vanta.Core.Domain;

namespace Vanta.Markets.Enrichment;

/// <summary>What pre-enrichment found about an observation. Persisted values are frozen.</summary>
[Flags]
[JsonConverter(typeof(JsonStringEnumConverter<EnrichmentFlags>))]
public enum EnrichmentFlags
{
    /// <summary>Nothing to report.</summary>
    None = 0,

    /// <summary>Seen before (same <see cref="DedupKey"/>): carries no new information.</summary>
    Duplicate = 1,

    /// <summary>Seen after its source's lateness budget.</summary>
    Late = 2,

    /// <summary>Seen before its event time.</summary>
    BeforeEvent = 4,

    /// <summary>Entity resolution filled or extended its symbols.</summary>
    SymbolsResolved = 8,

    /// <summary>A near-duplicate of a recent post by another author.</summary>
    NearDuplicate = 16,

    /// <summary>A repeat of a recent post by the same author.</summary>
    Spam = 32,

    /// <summary>Part of a bot swarm.</summary>
    Swarm = 64,
}

/// <summary>
/// One observation after pre-enrichment: the observation (with symbols resolved; its <c>TsEvent</c> untouched), its
/// dedupe key, flags, temporal annotation, the weight it should carry (0 for a duplicate or a same-author repeat,
/// 1/authors for a swarm member, else 1) and the swarm it belongs to, if any.
/// </summary>
public sealed record PreEnriched(
    IObservation Observation,
    DedupKey Key,
    EnrichmentFlags Flags,
    TemporalAnnotation Temporal,
    decimal Weight,
    SwarmReport? Swarm)
{
    /// <summary>True when the observation repeats one already seen and should not be processed again.</summary>
    public bool IsDuplicate => Flags.HasFlag(EnrichmentFlags.Duplicate);
}
