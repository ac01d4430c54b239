using System.Collections.Immutable;
using Vanta.Core.Domain;

namespace Vanta.Markets.Enrichment;

/// <summary>
/// Swarm detection over a batch of posts, with final verdicts: every member of a swarm is flagged and weighted,
/// including the posts made before the swarm had enough authors to be recognised.
/// </summary>
/// <param name="Swarms">The swarms found, by window start then id.</param>
/// <param name="Verdicts">The final verdict per post id.</param>
public sealed record SwarmAnalysis(
    ImmutableArray<SwarmReport> Swarms,
    ImmutableSortedDictionary<string, SwarmVerdict> Verdicts)
{
    /// <summary>Analyses <paramref name="posts"/> in event-time order (ties by platform then id, ordinal).</summary>
    public static SwarmAnalysis Run(IEnumerable<SocialPost> posts, SwarmOptions? options = null)
    {
        var detector = new SwarmDetector(options);
        var verdicts = new List<(SwarmVerdict Verdict, SwarmCluster? Cluster)>();
        var ordered = posts
            .OrderBy(p => p.TsEvent)
            .ThenBy(p => p.Platform, StringComparer.Ordinal)
            .ThenBy(p => p.Id, StringComparer.Ordinal);
        foreach (var post in ordered)
        {
            var verdict = detector.Observe(post, out var cluster);
            verdicts.Add((verdict, cluster));
        }

        var reports = new Dictionary<SwarmCluster, SwarmReport>();
        var final = ImmutableSortedDictionary.CreateBuilder<string, SwarmVerdict>(StringComparer.Ordinal);
        foreach (var (verdict, cluster) in verdicts)
        {
            if (cluster is { IsSwarm: true })
            {
                if (!reports.TryGetValue(cluster, out var report))
                    reports[cluster] = report = cluster.Report();
                final[verdict.PostId] = verdict with { Role = SwarmRole.Swarm, Weight = report.Weight, Swarm = report };
            }
            else
            {
                final[verdict.PostId] = verdict;
            }
        }
        var swarms = reports.Values
            .OrderBy(r => r.WindowStart)
            .ThenBy(r => r.SwarmId, StringComparer.Ordinal)
            .ToImmutableArray();
        return new SwarmAnalysis(swarms, final.ToImmutable());
    }
}
