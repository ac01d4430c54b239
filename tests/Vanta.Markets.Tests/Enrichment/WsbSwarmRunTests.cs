using Vanta.Markets.Enrichment;
using Vanta.Markets.Resolution;
using Xunit.Abstractions;

namespace Vanta.Markets.Tests.Enrichment;

/// <summary>Runs resolution and swarm detection over the real r/wallstreetbets CSV and reports what they find.</summary>
public sealed class WsbSwarmRunTests(ITestOutputHelper output)
{
    [SharedDataFact]
    public void Resolution_and_swarm_detection_over_the_wsb_csv()
    {
        var posts = WsbPosts.Load()
            .Select(p => p with { Symbols = TickerExtractor.Default.Extract(p.Title, p.Body) })
            .ToList();

        var analysis = SwarmAnalysis.Run(posts);
        var again = SwarmAnalysis.Run(Enumerable.Reverse(posts));

        var mentions = posts.SelectMany(p => p.Symbols)
            .GroupBy(s => s, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        output.WriteLine($"{posts.Count} posts, {posts.Count(p => p.Symbols.Length > 0)} mention a symbol");
        output.WriteLine("top: " + string.Join(", ", mentions.Take(15).Select(g => $"{g.Key} {g.Count()}")));
        var roles = analysis.Verdicts.Values.GroupBy(v => v.Role).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine("verdicts: " + string.Join(", ", roles));
        output.WriteLine($"{analysis.Swarms.Length} swarms (each post is its own author: the CSV has none)");
        foreach (var swarm in analysis.Swarms)
        {
            var title = posts.First(p => p.Id == swarm.PostIds[0]).Title;
            output.WriteLine($"  {swarm.WindowStart:u} {swarm.PostIds.Length} posts [{string.Join(',', swarm.Symbols)}] {title}");
        }

        Assert.True(posts.Count > 1_000);
        Assert.Contains(mentions.Take(10), g => g.Key == "GME");
        Assert.Equal(analysis.Swarms.Select(s => s.SwarmId), again.Swarms.Select(s => s.SwarmId));
        Assert.All(analysis.Swarms, s =>
        {
            Assert.True(s.Authors.Length >= SwarmOptions.Default.MinAuthors);
            Assert.Equal<string>(s.PostIds.Order(StringComparer.Ordinal), s.PostIds);
            Assert.All(s.PostIds, id => Assert.Equal(SwarmRole.Swarm, analysis.Verdicts[id].Role));
        });
        Assert.Equal(posts.Count, analysis.Verdicts.Count);
    }
}
