using System.Globalization;
using Vanta.Markets.Models.Sentiment;

namespace Vanta.Markets.Tests.Models.Sentiment;

/// <summary>
/// VADER on the 5,190 NYT editorial snippets of Hutto and Gilbert's gold standard
/// (<c>../shared/data/lexicon/ground_truth</c>): the port against the reference, and against the human ratings.
/// </summary>
public sealed class VaderGroundTruthTests
{
    private static readonly VaderSentiment Vader = new();

    [SharedDataFact]
    public void Port_gives_the_reference_compound_on_every_snippet()
    {
        var expected = File.ReadLines(Path.Combine(TestData.RepoRoot, "tests", "Vanta.Markets.Tests", "Models", "Sentiment", "Data", "nyt_vader_reference.tsv"))
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToDictionary(f => f[0], f => decimal.Parse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var snippets = ReadSnippets();

        Assert.Equal(5190, snippets.Count);
        var mismatches = snippets
            .Where(s => Vader.Score(s.Text) != expected[s.Id])
            .Select(s => $"{s.Id}: {Vader.Score(s.Text)} != {expected[s.Id]}")
            .ToList();
        Assert.Empty(mismatches);
    }

    [SharedDataFact]
    public void Compound_correlates_with_human_ratings_as_in_the_paper()
    {
        var snippets = ReadSnippets();
        var human = snippets.Select(s => s.Mean).ToArray();
        var compound = snippets.Select(s => Vader.Compound(s.Text)).ToArray();

        // The paper reports r = 0.492 on this set; the shipped lexicon gives 0.5029.
        Assert.InRange(Pearson(human, compound), 0.49, 0.52);
    }

    private static List<(string Id, double Mean, string Text)> ReadSnippets() =>
        [.. File.ReadLines(TestData.Shared("lexicon/ground_truth/nytEditorialSnippets_GroundTruth.txt"))
            .Select(line => line.Split('\t'))
            .Where(f => f.Length >= 3)
            .Select(f => (f[0], double.Parse(f[1], CultureInfo.InvariantCulture), f[2]))];

    private static double Pearson(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
