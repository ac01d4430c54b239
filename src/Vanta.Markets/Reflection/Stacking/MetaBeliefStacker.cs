using System.Collections.Immutable;
using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Serialization;
using Vanta.Markets.Features;
using Vanta.Markets.Models;

namespace Vanta.Markets.Reflection.Stacking;

/// <summary>
/// The meta-belief stacker: combines model scores into one conviction per instrument. The score is the
/// weight-averaged model score; each model's share is its entry in the reason vector, so the reasons add up to
/// the score exactly. Weights learn online from realised outcomes (<see cref="StackerWeights"/>); a new score
/// replaces the published one only when it moves by at least the hysteresis band, so rankings do not flicker.
/// </summary>
public sealed class MetaBeliefStacker(StackerOptions options)
{
    private readonly Dictionary<string, SymbolTrack> _tracks = new(StringComparer.Ordinal);

    public StackerWeights Weights { get; } = new(options);

    public ModelLeaderboard Leaderboard { get; } = new(options);

    /// <summary>Judges every matured conviction of the bar's symbol and learns from it. Call once per bar, before <see cref="Stack"/>.</summary>
    public void Observe(PriceBar bar)
    {
        var track = Track(bar.Symbol);
        track.Bars++;
        while (track.Pending.TryPeek(out var due) && due.Bar + options.HorizonBars <= track.Bars)
        {
            track.Pending.Dequeue();
            var forward = due.Close == 0m ? 0m : bar.Close / due.Close - 1m;
            Weights.Learn(due.Scores, Math.Sign(forward));
            Leaderboard.Record(due.Scores, forward);
        }
    }

    /// <summary>The conviction for the instrument at the features' time, or null when no model had anything to say.</summary>
    public ConvictionVector? Stack(FeatureVector features, IReadOnlyList<ModelScore> scores, decimal close, string assetClass, ImmutableArray<EventId> parents)
    {
        if (scores.Count == 0)
            return null;
        var track = Track(features.Symbol);
        track.Pending.Enqueue((track.Bars, close, ByModel(scores)));

        // One weight lookup per model, in score order: a model seen for the first time joins the weights here.
        var weights = new decimal[scores.Count];
        var total = 0m;
        for (var i = 0; i < scores.Count; i++)
        {
            weights[i] = Weights.WeightOf(scores[i].ModelId);
            total += weights[i];
        }
        if (total <= 0m)
            return null;
        var shares = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        var models = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        for (var i = 0; i < scores.Count; i++)
        {
            shares.Add(scores[i].ModelId, ConvictionMath.Round(weights[i] * scores[i].Score / total, options.Scale));
            models.Add(scores[i].ModelId, weights[i]);
        }
        var reasons = ConvictionMath.Clamp(shares.ToImmutable(), options.Scale);
        var score = 0m;
        foreach (var reason in reasons)
            score += reason.Value;

        // Hysteresis: a small move keeps the published belief (same reasons, so they still add up), re-issued now.
        if (track.Published is { } held && features.AsOf < held.ExpiresAt && Math.Abs(score - held.ConvictionScore) < options.HysteresisBand
            && Math.Sign(score) == Math.Sign(held.ConvictionScore))
        {
            reasons = held.ReasonVector;
            score = held.ConvictionScore;
        }

        var dominant = Rationale.Strongest(scores, reasons)!;
        var ttl = options.TtlOf(dominant.Family);
        var conviction = new ConvictionVector(
            SignalIdOf(features.Symbol, features.AsOf, score, parents), features.Symbol, score, reasons, models.ToImmutable(),
            features.AsOf, ttl, features.AsOf + ttl, Tags(assetClass, features, scores), parents,
            Rationale.Build(features.Symbol, score, features, scores, reasons));
        track.Published = conviction;
        return conviction;
    }

    /// <summary>The scores by model id in ordinal order, as the weights and the leaderboard learn from them later.</summary>
    private static KeyValuePair<string, decimal>[] ByModel(IReadOnlyList<ModelScore> scores)
    {
        var byModel = new KeyValuePair<string, decimal>[scores.Count];
        for (var i = 0; i < byModel.Length; i++)
            byModel[i] = new(scores[i].ModelId, scores[i].Score);
        Array.Sort(byModel, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        for (var i = 1; i < byModel.Length; i++)
        {
            if (byModel[i].Key == byModel[i - 1].Key)
                throw new ArgumentException($"more than one score of {byModel[i].Key}", nameof(scores));
        }
        return byModel;
    }

    private static ImmutableArray<string> Tags(string assetClass, FeatureVector features, IReadOnlyList<ModelScore> scores)
    {
        var tags = ImmutableArray.CreateBuilder<string>(4);
        tags.Add(assetClass);
        if (features.Get(FeatureNames.InsiderClusterBuyers14d) >= 2m)
            AddOnce(tags, "insider-cluster");
        if (features.Get(FeatureNames.MentionVelocity1d) >= 3m)
            AddOnce(tags, "retail-cascade");
        if (HasAnomaly(scores))
            AddOnce(tags, "anomaly");
        tags.Sort(StringComparer.Ordinal);
        return tags.DrainToImmutable();
    }

    private static void AddOnce(ImmutableArray<string>.Builder tags, string tag)
    {
        if (!tags.Contains(tag))
            tags.Add(tag);
    }

    private static bool HasAnomaly(IReadOnlyList<ModelScore> scores)
    {
        foreach (var score in scores)
        {
            if (score.Family != "anomaly")
                continue;
            foreach (var contribution in score.Contributions)
            {
                if (contribution.Value != 0m)
                    return true;
            }
        }
        return false;
    }

    private SymbolTrack Track(string symbol)
    {
        if (!_tracks.TryGetValue(symbol, out var track))
            _tracks[symbol] = track = new SymbolTrack();
        return track;
    }

    /// <summary>
    /// Content id over symbol, time, score and lineage; the score as plain text, so 0.5 and 0.500000 (equal decimals
    /// with different scales) give one id.
    /// </summary>
    public static SignalId SignalIdOf(string symbol, DateTimeOffset issuedAt, decimal score, ImmutableArray<EventId> parents)
    {
        var parts = new string[3 + parents.Length];
        parts[0] = symbol;
        parts[1] = issuedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        parts[2] = PlainDecimal.Format(score);
        for (var i = 0; i < parents.Length; i++)
            parts[3 + i] = parents[i].Value;
        return new(ContentHash.Id(parts));
    }

    private sealed class SymbolTrack
    {
        public long Bars;
        public ConvictionVector? Published;
        public readonly Queue<(long Bar, decimal Close, KeyValuePair<string, decimal>[] Scores)> Pending = new();
    }
}
