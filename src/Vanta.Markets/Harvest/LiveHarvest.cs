using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Http;
using Vanta.Markets.Collectors;

namespace Vanta.Markets.Harvest;

/// <summary>A collector that could not fetch, or could not be built.</summary>
public sealed record HarvestProblem(string Collector, string Reason, FetchFailureKind? Kind);

/// <summary>What one pass over the enabled collectors fetched, and what went wrong.</summary>
public sealed record LiveHarvestResult(ImmutableArray<RawDocument> Documents, ImmutableArray<HarvestProblem> Problems)
{
    /// <summary>
    /// Nothing came back and every failure was a network failure (no route, DNS, refused): the machine is
    /// offline, so the caller may fall back to recorded payloads.
    /// </summary>
    public bool LooksOffline =>
        Documents.IsEmpty && !Problems.IsEmpty && Problems.All(p => p.Kind is FetchFailureKind.Network or FetchFailureKind.Timeout);
}

/// <summary>Runs every enabled collector once, in config order, gathering documents and problems.</summary>
public static class LiveHarvest
{
    public static async Task<LiveHarvestResult> CollectAsync(
        HarvestConfig config, CollectorFactory factory, IEnumerable<CollectorSettings>? only = null, CancellationToken ct = default)
    {
        var documents = ImmutableArray.CreateBuilder<RawDocument>();
        var problems = ImmutableArray.CreateBuilder<HarvestProblem>();
        var request = new CollectorRequest(config.MaxPages, config.PageSize);
        foreach (var settings in only ?? config.Enabled)
        {
            var build = factory.Build(settings, config.UserAgents);
            if (build.Collector is not { } collector)
            {
                problems.Add(new HarvestProblem(settings.Kind, build.Error ?? "cannot be built", null));
                continue;
            }
            await foreach (var result in collector.CollectAsync(request, ct).ConfigureAwait(false))
            {
                switch (result)
                {
                    case FetchResult.Fetched fetched:
                        documents.Add(fetched.Document);
                        break;
                    case FetchResult.Failed failed:
                        problems.Add(new HarvestProblem(settings.Kind, $"{failed.Failure.Uri}: {failed.Failure.Reason}", failed.Failure.Kind));
                        break;
                }
            }
        }
        return new LiveHarvestResult(documents.ToImmutable(), problems.ToImmutable());
    }
}
