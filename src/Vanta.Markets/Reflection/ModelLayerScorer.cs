using System.Collections.Concurrent;
using System.Collections.Immutable;
using Vanta.Core.Ids;
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

/// <summary>What the layer made of one observation: the scores its models gave (none unless it was an accepted bar) and the conviction.</summary>
public readonly record struct Reflected(IReadOnlyList<ModelScore> Scores, ConvictionVector? Conviction)
{
    /// <summary>Nothing: not a bar, or a refused one.</summary>
    public static Reflected None => new([], null);

    /// <summary>The conviction as <see cref="IConvictionScorer.Update"/> returns it: empty or one.</summary>
    public IReadOnlyList<ConvictionVector> Convictions => Conviction is { } c ? [c] : [];
}

/// <summary>
/// The reflection stage: every observation updates the point-in-time features; each accepted bar is a
/// decision point where every model scores the instrument's features as of that bar and the stacker turns
/// the scores into one conviction. Nothing a model sees is later than the bar it scores.
/// </summary>
/// <remarks>
/// A bar goes through two steps. The first (features, the snapshot, and every model and learner marked
/// <see cref="IPerInstrument"/>) depends only on earlier observations; the second (the learners and models that learn
/// across instruments, then the stacker) depends on every earlier bar's first and second steps. <see cref="Update(Observed{IObservation}, PreEnriched?)"/>
/// runs both in turn; <see cref="UpdateAll"/> runs the first steps ahead on the calling thread while another core
/// follows with the second, in observation order, so the outputs are the same.
/// </remarks>
public sealed class ModelLayerScorer : IEnrichedConvictionScorer
{
    /// <summary>Fewer observations than this are not worth starting a second thread for.</summary>
    private const int PipelineMinimum = 256;

    /// <summary>How far the first step may run ahead of the second, in observations.</summary>
    private const int MaxLead = 64;

    private readonly FeatureEngine _features;
    private readonly IFeatureStore _store;
    private readonly MetaBeliefStacker _stacker;
    private readonly ImmutableArray<IScoringModel> _models;
    private readonly ImmutableArray<int> _perInstrument;
    private readonly ImmutableArray<int> _ordered;
    private readonly ImmutableArray<IBarLearner> _perInstrumentLearners;
    private readonly ImmutableArray<IBarLearner> _orderedLearners;
    private readonly Dictionary<(string Model, string Symbol), ModelScore> _latest = [];
    private List<FeatureVector>? _vectors;

    /// <summary>
    /// A layer of <paramref name="models"/> and <paramref name="learners"/>. <paramref name="ahead"/> names the models
    /// and learners that run ahead in <see cref="UpdateAll(IReadOnlyList{Observed{IObservation}}, IReadOnlyList{PreEnriched?}?, Action{int, Reflected})"/>
    /// (default: every one marked <see cref="IPerInstrument"/>); a learner and the model it trains must be named
    /// together. Where each runs never changes an output, only how the work is shared between the two cores.
    /// </summary>
    public ModelLayerScorer(
        FeatureEngine features,
        IFeatureStore store,
        ImmutableArray<IScoringModel> models,
        MetaBeliefStacker stacker,
        ImmutableArray<IBarLearner> learners = default,
        IReadOnlyCollection<IPerInstrument>? ahead = null)
    {
        _features = features;
        _store = store;
        _models = models;
        _stacker = stacker;
        var all = learners.IsDefault ? [] : learners;
        bool Ahead(object member) => member is IPerInstrument marked && (ahead is null || ahead.Contains(marked));
        if (ahead?.FirstOrDefault(m => !models.Any(x => ReferenceEquals(x, m)) && !all.Any(x => ReferenceEquals(x, m))) is { } stranger)
            throw new ArgumentException($"{stranger} runs ahead but is not one of the layer's models or learners", nameof(ahead));
        _perInstrument = [.. Enumerable.Range(0, models.Length).Where(i => Ahead(models[i]))];
        _ordered = [.. Enumerable.Range(0, models.Length).Where(i => !Ahead(models[i]))];
        _perInstrumentLearners = [.. all.Where(Ahead)];
        _orderedLearners = [.. all.Where(l => !Ahead(l))];
    }

    public FeatureEngine Features => _features;

    public MetaBeliefStacker Stacker => _stacker;

    public ImmutableArray<IScoringModel> Models => _models;

    /// <summary>The latest score of every model and instrument, in the ordinal order of <c>model|symbol</c>.</summary>
    public IReadOnlyCollection<ModelScore> LatestScores =>
        [.. _latest.OrderBy(e => e.Key.Model + "|" + e.Key.Symbol, StringComparer.Ordinal).Select(e => e.Value)];

    /// <summary>The scores the models gave at the last bar (empty when the last observation was not an accepted bar).</summary>
    public IReadOnlyList<ModelScore> LastScores { get; private set; } = [];

    /// <summary>Keeps every decision point's feature vector for the offline lake (off unless asked for).</summary>
    public void RecordVectors() => _vectors ??= [];

    /// <summary>The feature vectors recorded since <see cref="RecordVectors"/>.</summary>
    public IReadOnlyList<FeatureVector> RecordedVectors => _vectors ?? [];

    public IReadOnlyList<ConvictionVector> Update(Observed<IObservation> observation) => Update(observation, null);

    /// <summary>As <see cref="Update(Observed{IObservation})"/>, weighting social attention by pre-enrichment (swarms, spam).</summary>
    public IReadOnlyList<ConvictionVector> Update(Observed<IObservation> observation, PreEnriched? enriched)
    {
        return Finish(Reflect(observation, enriched)).Convictions;
    }

    /// <summary>
    /// Reflects <paramref name="observations"/> (with pre-enrichment's verdicts, when given, index for index) as that
    /// many <see cref="Update(Observed{IObservation}, PreEnriched?)"/> calls in order would, with the same outputs, on
    /// two cores when the machine has them (see <see cref="UpdateAll(IReadOnlyList{Observed{IObservation}}, IReadOnlyList{PreEnriched?}?, Action{int, Reflected})"/>).
    /// Returns one result per observation.
    /// </summary>
    public IReadOnlyList<Reflected> UpdateAll(IReadOnlyList<Observed<IObservation>> observations, IReadOnlyList<PreEnriched?>? enriched = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var results = new Reflected[observations.Count];
        UpdateAll(observations, enriched, (i, reflected) => results[i] = reflected);
        return results;
    }

    /// <summary>
    /// As <see cref="UpdateAll(IReadOnlyList{Observed{IObservation}}, IReadOnlyList{PreEnriched?}?)"/>, handing each
    /// observation's result to <paramref name="onReflected"/> (its index, what the layer made of it) in observation
    /// order as soon as it is known, so a caller can journal and let go of it. With enough observations and two cores,
    /// the per-instrument step of each bar runs ahead on this thread and a second thread follows with the
    /// cross-instrument learners and the stacker, calling <paramref name="onReflected"/>; this returns when both are done.
    /// </summary>
    public void UpdateAll(IReadOnlyList<Observed<IObservation>> observations, IReadOnlyList<PreEnriched?>? enriched, Action<int, Reflected> onReflected)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(onReflected);
        if (enriched is not null && enriched.Count != observations.Count)
            throw new ArgumentException($"{enriched.Count} pre-enrichment verdicts for {observations.Count} observations", nameof(enriched));
        if (observations.Count < PipelineMinimum || Environment.ProcessorCount < 2)
        {
            for (var i = 0; i < observations.Count; i++)
                onReflected(i, Finish(Reflect(observations[i], enriched?[i])));
            return;
        }
        Pipelined(observations, enriched, onReflected);
    }

    private void Pipelined(IReadOnlyList<Observed<IObservation>> observations, IReadOnlyList<PreEnriched?>? enriched, Action<int, Reflected> onReflected)
    {
        // Every observation passes through the queue, bars as drafts and the rest as nothing, so results leave in order.
        var drafts = new ConcurrentQueue<(int Index, BarDraft? Draft)>();
        var stop = 0; // 1: nothing more will be queued
        var decided = 0L;
        var second = Task.Factory.StartNew(
            () =>
            {
                // Spins rather than blocks: a draft is a few microseconds of work, a wake-up would cost as much.
                var spin = new SpinWait();
                while (true)
                {
                    if (drafts.TryDequeue(out var next))
                    {
                        onReflected(next.Index, Finish(next.Draft));
                        Volatile.Write(ref decided, next.Index + 1L);
                        spin = default;
                    }
                    else if (Volatile.Read(ref stop) == 1 && drafts.IsEmpty)
                    {
                        return;
                    }
                    else
                    {
                        spin.SpinOnce(sleep1Threshold: -1);
                    }
                }
            },
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            var spin = new SpinWait();
            for (var i = 0; i < observations.Count && !second.IsCompleted; i++)
            {
                // A bounded lead: drafts waiting long enough to survive a collection would make every collection dearer.
                while (i - Volatile.Read(ref decided) >= MaxLead && !second.IsCompleted)
                    spin.SpinOnce(sleep1Threshold: -1);
                drafts.Enqueue((i, Reflect(observations[i], enriched?[i])));
            }
        }
        finally
        {
            // Whatever happened here, the second thread finishes what it was given before this returns or throws.
            Volatile.Write(ref stop, 1);
            ((IAsyncResult)second).AsyncWaitHandle.WaitOne();
        }
        second.GetAwaiter().GetResult();
    }

    /// <summary>The first step: features, the snapshot, and the per-instrument learners and models; null when the observation is no accepted bar.</summary>
    private BarDraft? Reflect(Observed<IObservation> observation, PreEnriched? enriched)
    {
        var update = enriched is null ? _features.Update(observation, _store) : _features.Update(observation, enriched, _store);
        if (update.Rejected is not null || observation.Value is not PriceBar bar)
            return null;

        var vector = WithMacro(_store.Snapshot(bar.Symbol, bar.TsEvent));
        _vectors?.Add(vector);
        foreach (var learner in _perInstrumentLearners)
            learner.Observe(bar, vector);
        var scores = new ModelScore?[_models.Length];
        foreach (var i in _perInstrument)
            scores[i] = _models[i].Score(vector);
        return new BarDraft(observation.EventId, bar, vector, scores);
    }

    /// <summary>The second step of a bar (nothing for an observation that was none), which becomes the last scores.</summary>
    private Reflected Finish(BarDraft? draft)
    {
        var reflected = draft is null ? Reflected.None : Decide(draft);
        LastScores = reflected.Scores;
        return reflected;
    }

    /// <summary>The second step, in observation order: what learns across instruments, then the stacker.</summary>
    private Reflected Decide(BarDraft draft)
    {
        var (bar, vector, slots) = (draft.Bar, draft.Vector, draft.Scores);
        _stacker.Observe(bar);
        foreach (var learner in _orderedLearners)
            learner.Observe(bar, vector);
        foreach (var i in _ordered)
            slots[i] = _models[i].Score(vector);

        var scores = new List<ModelScore>(slots.Length);
        foreach (var score in slots)
        {
            if (score is not null)
            {
                scores.Add(score);
                _latest[(score.ModelId, bar.Symbol)] = score;
            }
        }
        var conviction = _stacker.Stack(vector, scores, bar.Close, AssetClass.Of(bar), [draft.EventId]);
        return new Reflected(scores, conviction);
    }

    // Macro series live under a pseudo-symbol: every instrument's decision sees the economy as of its time.
    private FeatureVector WithMacro(FeatureVector vector)
    {
        var macro = _store.Snapshot(FeatureNames.MacroSymbol, vector.AsOf);
        return macro.Values.IsEmpty ? vector : vector with { Values = vector.Values.SetItems(macro.Values) };
    }

    /// <summary>A bar after its first step: its features and the per-instrument models' scores, by model index.</summary>
    private sealed record BarDraft(EventId EventId, PriceBar Bar, FeatureVector Vector, ModelScore?[] Scores);
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
