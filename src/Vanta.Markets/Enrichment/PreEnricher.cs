using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Markets.Resolution;

namespace Vanta.Markets.Enrichment;

/// <summary>Pre-enrichment for the Markets role: one call per observation.</summary>
public interface IPreEnricher
{
    /// <summary>Dedupes, annotates, resolves and swarm-checks <paramref name="observation"/>, seen at <paramref name="tsInit"/>.</summary>
    PreEnriched Process(IObservation observation, DateTimeOffset tsInit);
}

/// <summary>
/// Dedupe, then temporal sync, then entity resolution (symbols of posts and news from their text, of insider
/// transactions and filing notices from the issuer's CIK when the source named none), then swarm detection for
/// social posts. A duplicate stops after dedupe. Deterministic for a given order of calls; not thread-safe.
/// </summary>
public sealed class PreEnricher(
    Deduplicator deduplicator,
    TemporalSync temporalSync,
    ITickerExtractor extractor,
    SymbolDirectory directory,
    SwarmDetector swarmDetector) : IPreEnricher
{
    /// <summary>A pipeline with the shipped symbol directory and default budgets and swarm options.</summary>
    public static PreEnricher CreateDefault(SwarmOptions? swarm = null, int dedupCapacity = Deduplicator.DefaultCapacity) =>
        new(new Deduplicator(dedupCapacity), TemporalSync.Default, TickerExtractor.Default, SymbolDirectory.Default,
            new SwarmDetector(swarm));

    /// <inheritdoc />
    public PreEnriched Process(IObservation observation, DateTimeOffset tsInit)
    {
        var dedup = deduplicator.Observe(observation);
        var temporal = temporalSync.Annotate(observation, tsInit);
        var flags = temporal.Status switch
        {
            Timeliness.Late => EnrichmentFlags.Late,
            Timeliness.BeforeEvent => EnrichmentFlags.BeforeEvent,
            _ => EnrichmentFlags.None,
        };
        if (dedup.IsDuplicate)
            return new PreEnriched(observation, dedup.Key, flags | EnrichmentFlags.Duplicate, temporal, 0m, null);

        var resolved = Resolve(observation);
        if (!ReferenceEquals(resolved, observation))
            flags |= EnrichmentFlags.SymbolsResolved;
        if (resolved is not SocialPost post)
            return new PreEnriched(resolved, dedup.Key, flags, temporal, 1m, null);

        var verdict = swarmDetector.Observe(post);
        flags |= verdict.Role switch
        {
            SwarmRole.Swarm => EnrichmentFlags.Swarm,
            SwarmRole.Spam => EnrichmentFlags.Spam,
            SwarmRole.NearDuplicate => EnrichmentFlags.NearDuplicate,
            _ => EnrichmentFlags.None,
        };
        return new PreEnriched(resolved, dedup.Key, flags, temporal, verdict.Weight, verdict.Swarm);
    }

    /// <summary>The observation with its symbols filled in, or the same instance when there was nothing to add.</summary>
    private IObservation Resolve(IObservation observation) => observation switch
    {
        SocialPost p when Union(p.Symbols, extractor.Extract(p.Title, p.Body)) is { } symbols => p with { Symbols = symbols },
        NewsItem n when Union(n.Symbols, extractor.Extract(n.Title, n.Summary)) is { } symbols => n with { Symbols = symbols },
        InsiderTransaction { Symbol.Length: 0 } t when directory.SymbolForCik(t.IssuerCik) is { Length: > 0 } s => t with { Symbol = s },
        FilingNotice { Symbol.Length: 0, Role: not "reporting" } f when directory.SymbolForCik(f.Cik) is { Length: > 0 } s => f with { Symbol = s },
        _ => observation,
    };

    /// <summary>The sorted union, or null when <paramref name="found"/> adds nothing to <paramref name="existing"/>.</summary>
    private static ImmutableArray<string>? Union(ImmutableArray<string> existing, ImmutableArray<string> found)
    {
        var current = existing.IsDefault ? [] : existing;
        if (found.All(s => current.Contains(s, StringComparer.Ordinal)))
            return null;
        return [.. current.Concat(found).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
