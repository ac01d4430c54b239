using Vanta.Bus;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Stages;
using Vanta.Markets.Enrichment;
using Vanta.Markets.Reflection;

namespace Vanta.Cli.Embedded.Roles;

/// <summary>
/// Markets: journals each raw document before its observations, publishes observations in event-time
/// order, and reflects them into conviction vectors.
/// </summary>
public sealed class MarketsRole
{
    private readonly Outbox _outbox;
    private readonly TimeProvider _clock;
    private readonly IConvictionScorer _scorer;
    private readonly IPreEnricher _enricher;
    private readonly Inbox _observations;
    private readonly SortedDictionary<string, ConvictionVector> _latest = new(StringComparer.Ordinal);

    // Pre-enrichment verdicts (swarm weights, spam) of published observations not yet reflected: in one
    // process harvest and reflection share them without widening the observation records.
    private readonly Dictionary<Core.Ids.EventId, PreEnriched> _enriched = [];

    public MarketsRole(string node, IMessageBus bus, Outbox outbox, TimeProvider clock, IConvictionScorer scorer, IPreEnricher enricher)
    {
        _enricher = enricher;
        Producer = new Producer(node, Role.Markets);
        _outbox = outbox;
        _clock = clock;
        _scorer = scorer;
        _observations = new Inbox(bus, Topics.Observations, "markets.reflect", ReflectAsync);
    }

    public Producer Producer { get; }

    public int Convictions { get; private set; }

    /// <summary>The latest conviction per symbol, in ordinal symbol order.</summary>
    public IReadOnlyCollection<ConvictionVector> LatestConvictions => _latest.Values;

    public async ValueTask<Envelope> PublishDocumentAsync(RawDocument document, CancellationToken ct)
    {
        var envelope = Envelope.Create(EventKinds.RawDocument, document, document.FetchedAt, _clock.GetUtcNow(), Producer);
        await _outbox.PublishAsync(Topics.Raw, document.Source, envelope, ct).ConfigureAwait(false);
        return envelope;
    }

    /// <summary>
    /// Pre-enriches an observation (dedupe, lateness, symbols, swarm detection) and publishes it. A duplicate
    /// (same accession row, post id or content) is counted, not published again; a swarm is journaled as a report.
    /// </summary>
    public async ValueTask PublishObservationAsync(IObservation observation, Envelope document, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var enriched = _enricher.Process(observation, now);
        if (enriched.IsDuplicate)
        {
            Duplicates++;
            return;
        }
        if (enriched.Flags.HasFlag(EnrichmentFlags.Late))
            Late++;
        var envelope = ObservationCodec.Wrap(enriched.Observation, now, Producer, document.EventId);
        var key = enriched.Observation.Symbol.Length > 0 ? enriched.Observation.Symbol : envelope.Type;
        _enriched[envelope.EventId] = enriched;
        await _outbox.PublishAsync(Topics.Observations, key, envelope, ct).ConfigureAwait(false);
        if (enriched.Swarm is { } swarm)
        {
            _outbox.Record(Envelope.Create(EventKinds.SwarmReport, swarm, swarm.TsEvent, now, Producer, [envelope.EventId]));
            Swarms++;
        }
    }

    /// <summary>Observations dropped as duplicates of one already published.</summary>
    public int Duplicates { get; private set; }

    /// <summary>Observations seen after their source's lateness budget.</summary>
    public int Late { get; private set; }

    /// <summary>Swarm reports journaled.</summary>
    public int Swarms { get; private set; }

    public bool RecordQuarantine(QuarantineEntry entry, Envelope? document) =>
        _outbox.Record(Envelope.Create(EventKinds.Quarantine, entry, entry.Ts, _clock.GetUtcNow(), Producer,
            document is null ? [] : [document.EventId]));

    public ValueTask<int> PumpAsync(CancellationToken ct) => _observations.DrainAsync(ct);

    private async ValueTask ReflectAsync(Envelope envelope, CancellationToken ct)
    {
        if (ObservationCodec.Read(envelope) is not { } observation)
            return;
        var observed = new Observed<IObservation>(envelope.EventId, observation);
        var enriched = _enriched.Remove(envelope.EventId, out var verdict) ? verdict : null;
        var convictions = _scorer is IEnrichedConvictionScorer weighted ? weighted.Update(observed, enriched) : _scorer.Update(observed);
        foreach (var conviction in convictions)
        {
            var published = Envelope.Create(EventKinds.Conviction, conviction, conviction.IssuedAt, _clock.GetUtcNow(), Producer, conviction.Parents);
            await _outbox.PublishAsync(Topics.Convictions, conviction.Symbol, published, ct).ConfigureAwait(false);
            Convictions++;
            _latest[conviction.Symbol] = conviction;
        }
    }
}
