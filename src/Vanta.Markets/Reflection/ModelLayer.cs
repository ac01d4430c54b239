using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Markets.Features;
using Vanta.Markets.Models;
using Vanta.Markets.Models.Anomaly;
using Vanta.Markets.Models.Direction;
using Vanta.Markets.Models.Forecast;
using Vanta.Markets.Models.Insider;
using Vanta.Markets.Models.Signals;
using Vanta.Markets.Reflection.Stacking;

namespace Vanta.Markets.Reflection;

/// <summary>Feeds the walk-forward direction trainer each bar with the features known at it.</summary>
public sealed class DirectionLearner(WalkForwardTrainer trainer) : IBarLearner
{
    public WalkForwardTrainer Trainer => trainer;

    public void Observe(PriceBar bar, FeatureVector features) => trainer.Observe(features, bar.Close);
}

/// <summary>Feeds the exponential-smoothing forecaster each close.</summary>
public sealed class ForecastLearner(ExponentialSmoothingForecaster forecaster) : IBarLearner, IPerInstrument
{
    public void Observe(PriceBar bar, FeatureVector features) => forecaster.Observe(bar.Symbol, bar.TsEvent, bar.Close);
}

/// <summary>The model layer: features, the ensemble and the stacker, wired for one node from <see cref="ModelsConfig"/>.</summary>
public static class ModelLayer
{
    /// <summary>
    /// The layer of <see cref="ModelsConfig.Default"/>. <paramref name="stacker"/> and <paramref name="direction"/>, when
    /// given, replace the options the default config would make (tests, benchmarks, <c>vanta models eval</c>).
    /// </summary>
    public static ModelLayerScorer CreateDefault(
        ITextSentimentModel sentiment, StackerOptions? stacker = null, DirectionOptions? direction = null, DirectionPrefits? prefits = null) =>
        Build(ModelsConfig.Default, sentiment, stacker, direction, prefits);

    /// <summary>
    /// The layer <paramref name="config"/> describes: its enabled models, stacker and learner cadences. With
    /// <paramref name="prefits"/> (see <see cref="StartPrefits"/>) the direction model takes fits computed ahead on
    /// other cores instead of fitting in line; the outputs are the same.
    /// </summary>
    public static ModelLayerScorer Create(ModelsConfig config, ITextSentimentModel sentiment, DirectionPrefits? prefits = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Build(config, sentiment, null, null, prefits);
    }

    /// <summary>
    /// Starts fitting, on the thread pool, every direction training window a run of <paramref name="config"/> over
    /// <paramref name="observations"/> (known in full, in the run's order) will reach; null when the direction model is off.
    /// </summary>
    public static DirectionPrefits? StartPrefits(ModelsConfig config, IReadOnlyList<IObservation> observations)
    {
        var prefits = PrefitsFor(config);
        prefits?.Start(observations);
        return prefits;
    }

    /// <summary>Prefits for a layer of <paramref name="config"/>, not started yet; null when the direction model is off.</summary>
    public static DirectionPrefits? PrefitsFor(ModelsConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.IsEnabled(ModelsConfig.Direction) ? DirectionPrefits.For(config.ToDirectionOptions()) : null;
    }

    private static ModelLayerScorer Build(
        ModelsConfig config, ITextSentimentModel sentiment, StackerOptions? stacker, DirectionOptions? direction, DirectionPrefits? prefits)
    {
        var models = ImmutableArray.CreateBuilder<IScoringModel>();
        var learners = ImmutableArray.CreateBuilder<IBarLearner>();
        var ahead = new List<IPerInstrument>();
        foreach (var id in ModelsConfig.KnownModels.Where(config.IsEnabled))
        {
            switch (id)
            {
                case ModelsConfig.Momentum:
                    models.Add(new MomentumModel());
                    break;
                case ModelsConfig.InsiderFlow:
                    models.Add(new InsiderFlowModel());
                    break;
                case ModelsConfig.InsiderGraph:
                    models.Add(new InsiderGraphModel());
                    break;
                case ModelsConfig.SocialSentiment:
                    models.Add(new SocialSentimentModel());
                    break;
                case ModelsConfig.Direction:
                    var trainer = new WalkForwardTrainer(direction ?? config.ToDirectionOptions(), prefits);
                    models.Add(trainer.Model);
                    learners.Add(new DirectionLearner(trainer));
                    break;
                case ModelsConfig.Forecast:
                    var forecaster = new ExponentialSmoothingForecaster();
                    models.Add(forecaster);
                    learners.Add(new ForecastLearner(forecaster));
                    break;
                case ModelsConfig.Anomaly:
                    var anomaly = new AnomalyLearner(config.ToAnomalyOptions());
                    models.Add(anomaly.Model);
                    learners.Add(anomaly);
                    ahead.AddRange([anomaly, (IPerInstrument)anomaly.Model]);
                    break;
                default:
                    throw new InvalidOperationException($"no builder for model {id}");
            }
        }
        return new ModelLayerScorer(
            FeatureEngine.Create(sentiment), new InMemoryFeatureStore(), models.ToImmutable(),
            new MetaBeliefStacker(stacker ?? config.ToStackerOptions()), learners.ToImmutable(),
            // What runs ahead of the stacker when UpdateAll pipelines: the features and the forests, about half of a bar's
            // work each side on the sample tape (docs/performance.md); the small per-instrument models run with the stacker.
            ahead);
    }
}
