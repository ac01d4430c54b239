using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Enrichment;
using Vanta.Markets.Features;
using Vanta.Markets.Models;
using Vanta.Markets.Reflection.Stacking;

namespace Vanta.Markets.Reflection;

/// <summary>A scorer that also takes pre-enrichment's verdict (swarm weight, spam), so social attention is weighted.</summary>
public interface IEnrichedConvictionScorer : IConvictionScorer
{
    IReadOnlyList<ConvictionVector> Update(Observed<IObservation> observation, PreEnriched? enriched);
}

/// <summary>A model that learns as bars arrive (walk-forward trainers), told each bar with the features known at it.</summary>
public interface IBarLearner
{
    void Observe(PriceBar bar, FeatureVector features);
}

/// <summary>
/// The reflection stage: every observation updates the point-in-time features; each accepted bar is a
/// decision point where every model scores the instrument's features as of that bar and the stacker turns
/// the scores into one conviction. Nothing a model sees is later than the bar it scores.
/// </summary>
public sealed class ModelLayerScorer(
    FeatureEngine features,
    IFeatureStore store,
    ImmutableArray<IScoringModel> models,
    MetaBeliefStacker stacker,
    ImmutableArray<IBarLearner> learners = default) : IEnrichedConvictionScorer
{
    private readonly ImmutableArray<IBarLearner> _learners = learners.IsDefault ? [] : learners;
    private readonly SortedDictionary<string, ModelScore> _latest = new(StringComparer.Ordinal);

    public FeatureEngine Features => features;

    public MetaBeliefStacker Stacker => stacker;

    public ImmutableArray<IScoringModel> Models => models;

    /// <summary>The latest score of every model and instrument, keyed <c>model|symbol</c>, in ordinal order.</summary>
    public IReadOnlyCollection<ModelScore> LatestScores => _latest.Values;

    /// <summary>The scores the models gave at the last bar (empty when the last observation was not an accepted bar).</summary>
    public IReadOnlyList<ModelScore> LastScores { get; private set; } = [];

    private List<FeatureVector>? _vectors;

    /// <summary>Keeps every decision point's feature vector for the offline lake (off unless asked for).</summary>
    public void RecordVectors() => _vectors ??= [];

    /// <summary>The feature vectors recorded since <see cref="RecordVectors"/>.</summary>
    public IReadOnlyList<FeatureVector> RecordedVectors => _vectors ?? [];

    // Macro series live under a pseudo-symbol: every instrument's decision sees the economy as of its time.
    private FeatureVector WithMacro(FeatureVector vector)
    {
        var macro = store.Snapshot(FeatureNames.MacroSymbol, vector.AsOf);
        return macro.Values.IsEmpty ? vector : vector with { Values = vector.Values.SetItems(macro.Values) };
    }

    public IReadOnlyList<ConvictionVector> Update(Observed<IObservation> observation) => Update(observation, null);

    /// <summary>As <see cref="Update(Observed{IObservation})"/>, weighting social attention by pre-enrichment (swarms, spam).</summary>
    public IReadOnlyList<ConvictionVector> Update(Observed<IObservation> observation, PreEnriched? enriched)
    {
        LastScores = [];
        var update = enriched is null ? features.Update(observation, store) : features.Update(observation, enriched, store);
        if (update.Rejected is not null || observation.Value is not PriceBar bar)
            return [];

        var vector = WithMacro(store.Snapshot(bar.Symbol, bar.TsEvent));
        _vectors?.Add(vector);
        stacker.Observe(bar);
        foreach (var learner in _learners)
            learner.Observe(bar, vector);

        var scores = new List<ModelScore>(models.Length);
        foreach (var model in models)
        {
            if (model.Score(vector) is { } score)
            {
                scores.Add(score);
                _latest[model.Id + "|" + bar.Symbol] = score;
            }
        }
        LastScores = scores;
        return stacker.Stack(vector, scores, bar.Close, AssetClass.Of(bar), [observation.EventId]) is { } conviction ? [conviction] : [];
    }
}

/// <summary>Asset class of an instrument from where its bars came from.</summary>
public static class AssetClass
{
    public static string Of(PriceBar bar) => bar.Source switch
    {
        "coinbase-candles" or "coinbase-advanced-candles" or "bybit-kline" or "coingecko-price" => "crypto",
        _ when bar.Symbol.EndsWith("USDT", StringComparison.Ordinal) => "crypto",
        _ => "equity",
    };
}
