using Microsoft.ML;
using Microsoft.ML.Data;
using Vanta.Markets.Models.Direction;

namespace Vanta.Markets.Tests.Models.Direction;

public sealed class DirectionModelTests
{
    private static readonly DirectionOptions Options = new(Horizon: 5, RetrainEvery: 150, Window: 600, MinExamples: 200);

    private static readonly Lazy<WalkForwardTrainer> Trained = new(() =>
        WalkForwardTrainerTests.Run(SyntheticTape.Learnable(seed: 23, symbols: 2, days: 200), Options));

    [Fact]
    public void An_untrained_model_abstains()
    {
        var model = new DirectionModel(Options);
        Assert.Null(model.Score(WalkForwardTrainerTests.Vector("X", 0, 0.1m)));
        Assert.Equal("direction-lgbm@1", model.Id);
        Assert.Equal("direction", model.Family);
    }

    [Fact]
    public void A_missing_feature_or_a_vector_older_than_the_training_makes_it_abstain()
    {
        var model = Trained.Value.Model;
        var full = WalkForwardTrainerTests.Vector("X", 400, 0.1m);
        Assert.NotNull(model.Score(full));
        Assert.Null(model.Score(full with { Values = full.Values.Remove("vol_20d") }));
        Assert.Null(model.Score(full with { AsOf = model.TrainedAsOf!.Value.AddDays(-1) }));
    }

    [Fact]
    public void The_same_vector_under_the_same_training_is_walked_once()
    {
        // The walk-forward trainer scores each bar's vector for its hit rate and the layer scores it again.
        var model = Trained.Value.Model;
        var vector = WalkForwardTrainerTests.Vector("X", 400, 0.1m);
        var first = model.Score(vector);
        Assert.Same(first, model.Score(vector));
        var equalCopy = vector with { };
        var again = model.Score(equalCopy);
        Assert.NotSame(first, again);
        Assert.Equal(first, again);
        Assert.Equal(first!.Rationale, again!.Rationale);
    }

    [Fact]
    public void Contributions_add_up_to_the_score_and_the_regime_feature_leads()
    {
        var model = Trained.Value.Model;
        var rows = SyntheticTape.Learnable(seed: 99, symbols: 1, days: 50);
        foreach (var (features, _) in rows)
        {
            var score = model.Score(features with { AsOf = features.AsOf.AddYears(5) })!;
            Assert.InRange(score.Score, -1m, 1m);
            Assert.Equal(score.Score, score.Contributions.Values.Sum());
            Assert.Equal(DirectionOptions.PriceFeatures.Append(DirectionModel.BiasKey).Order(StringComparer.Ordinal), score.Contributions.Keys);
            var top = score.Contributions.Where(c => c.Key != DirectionModel.BiasKey).MaxBy(c => Math.Abs(c.Value));
            Assert.StartsWith($"{features.Symbol} P(up 5d)=", score.Rationale);
            Assert.Contains($"; {top.Key} ", score.Rationale);
        }
        var mean = DirectionOptions.PriceFeatures.ToDictionary(
            f => f,
            f => rows.Average(r => Math.Abs(model.Score(r.Features with { AsOf = r.Features.AsOf.AddYears(5) })!.Contributions[f])));
        Assert.Equal("momentum_20d", mean.MaxBy(p => p.Value).Key);
    }

    [Fact]
    public void Its_probabilities_match_the_ml_net_model_it_was_copied_from()
    {
        var model = Trained.Value.Model;
        var fit = model.Fit!;
        var ml = new MLContext(seed: 1);
        var engine = ml.Model.CreatePredictionEngine<DirectionTraining.TrainingRow, Prediction>(
            fit.MlModel, inputSchemaDefinition: DirectionTraining.Schema(DirectionOptions.PriceFeatures.Length));

        foreach (var (features, _) in SyntheticTape.Learnable(seed: 31, symbols: 1, days: 40))
        {
            var x = DirectionOptions.PriceFeatures.Select(f => (float)features.Get(f)!.Value).ToArray();
            var expected = 2 * engine.Predict(new DirectionTraining.TrainingRow { Features = x }).Probability - 1;
            var score = model.Score(features with { AsOf = features.AsOf.AddYears(5) })!;
            Assert.InRange(Math.Abs(expected - (double)score.Score), 0, 2e-6); // float engine vs 6-decimal score
        }
    }

    private sealed class Prediction
    {
        public float Probability { get; set; }

        public float Score { get; set; }
    }
}
