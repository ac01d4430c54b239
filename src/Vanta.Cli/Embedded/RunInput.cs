using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Http;
using Vanta.Http.RateLimiting;
using Vanta.Markets.Harvest;
using Vanta.Markets.Tape;

namespace Vanta.Cli.Embedded;

/// <summary>
/// What a run replays: the raw documents (journaled first), how to parse them into event-time ordered
/// observations, and the clock stages read. A tape runs on a <see cref="ReplayClock"/>; a live harvest on
/// the request's clock.
/// </summary>
public sealed record RunInput(
    string Name,
    ImmutableArray<RawDocument> Documents,
    Func<(ImmutableArray<TapeObservation> Observations, ImmutableArray<QuarantineEntry> Quarantined)> Parse,
    TimeProvider Clock,
    string? Error = null)
{
    /// <summary>Called each time the clock has moved to the next observation, before Alpha's day tick (a replay restores config versions here).</summary>
    public Action<DateTimeOffset>? ClockAdvanced { get; init; }

    /// <summary>
    /// Documents read back from a journal, in journal order, parsed as the tape run parsed them, on a replay clock
    /// that starts where the journaled run's clock started.
    /// </summary>
    public static RunInput Journaled(string name, ImmutableArray<RawDocument> documents, DateTimeOffset start) =>
        new(name, documents, () => TapeDocuments.Parse(documents), new ReplayClock(start));

    /// <summary>A recorded tape: a replay's clock starts at the tape window; observations enter at their event time.</summary>
    public static RunInput Tape(TapeManifest manifest)
    {
        var replay = new TapeReader().Read(manifest);
        var clock = new ReplayClock(new DateTimeOffset(manifest.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        return new RunInput(manifest.Name, replay.Documents, () => (replay.Observations, replay.Quarantined), clock);
    }

    /// <summary>
    /// One pass of the collectors enabled in harvest.json. Null when the machine looks offline (every
    /// failure a network one): the caller then replays the recorded tape instead.
    /// </summary>
    public static async Task<RunInput?> LiveAsync(RunRequest request, HarvestConfig config, Action<string> warn, CancellationToken ct)
    {
        using var http = request.HttpClient is null ? PoliteHttp.CreateHttpClient() : null;
        using var limiters = new HostRateLimiters(request.LiveClock);
        var factory = new CollectorFactory(request.HttpClient ?? http!, request.LiveClock, NullRawDocumentSink.Instance, limiters, request.Environment);
        var result = await LiveHarvest.CollectAsync(config, factory, ct: ct).ConfigureAwait(false);
        foreach (var problem in result.Problems)
            warn($"harvest {problem.Collector}: {problem.Reason}");
        if (result.LooksOffline)
        {
            warn("no collector could reach its source (offline?): replaying the recorded tape instead");
            return null;
        }
        if (result.Documents.IsEmpty)
            return new RunInput("live harvest", [], () => ([], []), request.LiveClock,
                "live harvest fetched nothing: " + (result.Problems.IsEmpty ? "no collector is enabled in harvest.json" : "every collector failed (see the warnings)"));
        var documents = result.Documents;
        return new RunInput("live harvest", documents, () => DocumentBatch.Parse(documents), request.LiveClock);
    }
}
