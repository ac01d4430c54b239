using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Markets.Features;
using Vanta.Markets.Models;
using Vanta.Markets.Models.Direction;
using Vanta.Markets.Models.Forecast;
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
public sealed class ForecastLearner(ExponentialSmoothingForecaster forecaster) : IBarLearner
{
    public void Observe(PriceBar bar, FeatureVector features) => forecaster.Observe(bar.Symbol, bar.TsEvent, bar.Close);
}

/// <summary>The default model layer: features, the ensemble and the stacker, wired for one node.</summary>
public static class ModelLayer
{
    public static ModelLayerScorer CreateDefault(ITextSentimentModel sentiment, StackerOptions? stacker = null, DirectionOptions? direction = null)
    {
        var trainer = new WalkForwardTrainer(direction ?? new DirectionOptions());
        var forecaster = new ExponentialSmoothingForecaster();
        ImmutableArray<IScoringModel> models =
        [
            new MomentumModel(),
            new InsiderFlowModel(),
            new SocialSentimentModel(),
            trainer.Model,
            forecaster,
        ];
        return new ModelLayerScorer(
            FeatureEngine.Create(sentiment), new InMemoryFeatureStore(), models, new MetaBeliefStacker(stacker ?? new StackerOptions()),
            [new DirectionLearner(trainer), new ForecastLearner(forecaster)]);
    }
}
