using System.Collections.Immutable;

namespace Vanta.Markets.Reflection.Stacking;

/// <summary>One model's record over the trailing window: how often its sign was right and how well its scores rank returns.</summary>
public sealed record LeaderboardEntry(string ModelId, int Judged, int Hits, decimal HitRate, decimal InformationCoefficient, decimal Weight);

/// <summary>
/// Per-model hit rate and rank information coefficient (Spearman correlation between the model's scores and the
/// realised forward returns) over the last <see cref="StackerOptions.LeaderboardWindow"/> judged predictions.
/// A score of exactly 0 is an abstention: it counts for neither hits nor misses.
/// </summary>
public sealed class ModelLeaderboard(StackerOptions options)
{
    private readonly SortedDictionary<string, Queue<(decimal Score, decimal Return)>> _outcomes = new(StringComparer.Ordinal);

    public void Record(IReadOnlyDictionary<string, decimal> scores, decimal forwardReturn) =>
        Record([.. scores], forwardReturn);

    /// <summary>As <see cref="Record(IReadOnlyDictionary{string, decimal}, decimal)"/>, for scores in any order.</summary>
    internal void Record(ReadOnlySpan<KeyValuePair<string, decimal>> scores, decimal forwardReturn)
    {
        foreach (var (model, score) in scores)
        {
            if (!_outcomes.TryGetValue(model, out var window))
                _outcomes[model] = window = new Queue<(decimal, decimal)>();
            window.Enqueue((score, forwardReturn));
            while (window.Count > options.LeaderboardWindow)
                window.Dequeue();
        }
    }

    public ImmutableArray<LeaderboardEntry> Entries(StackerWeights weights) =>
    [
        .. _outcomes.Select(p =>
        {
            var judged = p.Value.Where(o => o.Score != 0m && o.Return != 0m).ToList();
            var hits = judged.Count(o => Math.Sign(o.Score) == Math.Sign(o.Return));
            var hitRate = judged.Count == 0 ? 0m : Math.Round((decimal)hits / judged.Count, 4);
            return new LeaderboardEntry(p.Key, judged.Count, hits, hitRate, Math.Round(Spearman(p.Value), 4), weights.WeightOf(p.Key));
        }),
    ];

    /// <summary>Spearman rank correlation with average ranks for ties; 0 when either side is constant.</summary>
    public static decimal Spearman(IReadOnlyCollection<(decimal X, decimal Y)> pairs)
    {
        if (pairs.Count < 3)
            return 0m;
        var x = Ranks(pairs.Select(p => p.X).ToList());
        var y = Ranks(pairs.Select(p => p.Y).ToList());
        var mx = x.Average();
        var my = y.Average();
        double cov = 0, vx = 0, vy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            cov += (x[i] - mx) * (y[i] - my);
            vx += (x[i] - mx) * (x[i] - mx);
            vy += (y[i] - my) * (y[i] - my);
        }
        return vx == 0 || vy == 0 ? 0m : (decimal)(cov / Math.Sqrt(vx * vy));
    }

    private static List<double> Ranks(List<decimal> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ThenBy(i => i).ToList();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Count;)
        {
            var end = start;
            while (end + 1 < order.Count && values[order[end + 1]] == values[order[start]])
                end++;
            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
                ranks[order[k]] = rank;
            start = end + 1;
        }
        return [.. ranks];
    }
}
