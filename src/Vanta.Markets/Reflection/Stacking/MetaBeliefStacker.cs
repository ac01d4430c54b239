using System.Collections.Immutable;
using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
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
        var byModel = scores.ToImmutableSortedDictionary(s => s.ModelId, s => s.Score, StringComparer.Ordinal);
        track.Pending.Enqueue((track.Bars, close, byModel));

        var total = scores.Sum(s => Weights.WeightOf(s.ModelId));
        if (total <= 0m)
            return null;
        var reasons = ConvictionMath.Clamp(
            scores.ToImmutableSortedDictionary(s => s.ModelId, s => ConvictionMath.Round(Weights.WeightOf(s.ModelId) * s.Score / total, options.Scale), StringComparer.Ordinal),
            options.Scale);
        var score = reasons.Values.Sum();

        // Hysteresis: a small move keeps the published belief (same reasons, so they still add up), re-issued now.
        if (track.Published is { } held && features.AsOf < held.ExpiresAt && Math.Abs(score - held.ConvictionScore) < options.HysteresisBand
            && Math.Sign(score) == Math.Sign(held.ConvictionScore))
        {
            reasons = held.ReasonVector;
            score = held.ConvictionScore;
        }

        var dominant = scores.OrderByDescending(s => Math.Abs(reasons.GetValueOrDefault(s.ModelId))).ThenBy(s => s.ModelId, StringComparer.Ordinal).First();
        var ttl = options.TtlOf(dominant.Family);
        var models = scores.ToImmutableSortedDictionary(s => s.ModelId, s => Weights.WeightOf(s.ModelId), StringComparer.Ordinal);
        var conviction = new ConvictionVector(
            SignalIdOf(features.Symbol, features.AsOf, score, parents), features.Symbol, score, reasons, models,
            features.AsOf, ttl, features.AsOf + ttl, Tags(assetClass, features, scores), parents,
            Rationale.Build(features.Symbol, score, features, scores, reasons));
        track.Published = conviction;
        return conviction;
    }

    private static ImmutableArray<string> Tags(string assetClass, FeatureVector features, IReadOnlyList<ModelScore> scores)
    {
        var tags = new SortedSet<string>(StringComparer.Ordinal) { assetClass };
        if (features.Get(FeatureNames.InsiderClusterBuyers14d) >= 2m)
            tags.Add("insider-cluster");
        if (features.Get(FeatureNames.MentionVelocity1d) >= 3m)
            tags.Add("retail-cascade");
        if (scores.Any(s => s.Family == "anomaly" && s.Contributions.Values.Any(v => v != 0m)))
            tags.Add("anomaly");
        return [.. tags];
    }

    private SymbolTrack Track(string symbol)
    {
        if (!_tracks.TryGetValue(symbol, out var track))
            _tracks[symbol] = track = new SymbolTrack();
        return track;
    }

    /// <summary>Content id over symbol, time, score and lineage.</summary>
    public static SignalId SignalIdOf(string symbol, DateTimeOffset issuedAt, decimal score, ImmutableArray<EventId> parents) =>
        new(ContentHash.Id([symbol, issuedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            score.ToString("0.############################", CultureInfo.InvariantCulture), .. parents.Select(p => p.Value)]));

    private sealed class SymbolTrack
    {
        public long Bars;
        public ConvictionVector? Published;
        public readonly Queue<(long Bar, decimal Close, ImmutableSortedDictionary<string, decimal> Scores)> Pending = new();
    }
}
