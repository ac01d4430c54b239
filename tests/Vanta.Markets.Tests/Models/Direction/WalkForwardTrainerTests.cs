using System.Collections.Immutable;
using Vanta.Markets.Features;
using Vanta.Markets.Models.Direction;
using Xunit.Abstractions;

namespace Vanta.Markets.Tests.Models.Direction;

public sealed class WalkForwardTrainerTests(ITestOutputHelper output)
{
    private static readonly DirectionOptions Small = new(Horizon: 5, RetrainEvery: 150, Window: 600, MinExamples: 200);

    [Fact]
    public void No_example_is_labelled_before_its_horizon_has_passed()
    {
        var options = Small with { MinExamples = 10_000, Window = 10_000 };
        var trainer = new WalkForwardTrainer(options);
        var barTimes = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        foreach (var (features, close) in SyntheticTape.Learnable(seed: 3, symbols: 2, days: 60))
        {
            var times = barTimes.TryGetValue(features.Symbol, out var list) ? list : barTimes[features.Symbol] = [];
            times.Add(features.AsOf);
            var step = trainer.Observe(features, close);

            // The bar N bars ago (and only that one) is labelled now, with this bar's time.
            Assert.Equal(times.Count > options.Horizon ? 1 : 0, step.Labelled);
            Assert.All(trainer.Window, e =>
            {
                Assert.True(e.LabelledAsOf <= features.AsOf);
                var bars = barTimes[e.Symbol];
                Assert.Equal(bars[bars.IndexOf(e.FeaturesAsOf) + options.Horizon], e.LabelledAsOf);
            });
            var mine = trainer.Window.Where(e => e.Symbol == features.Symbol).ToList();
            if (times.Count > options.Horizon)
                Assert.Equal(times[^(options.Horizon + 1)], mine[^1].FeaturesAsOf);
            else
                Assert.Empty(mine);
        }
        Assert.Equal(2 * (60 - options.Horizon), trainer.Window.Count);
    }

    [Fact]
    public void Labels_are_the_sign_of_the_return_over_the_horizon()
    {
        var trainer = new WalkForwardTrainer(new DirectionOptions(Horizon: 2, MinExamples: 100, Window: 100));
        decimal[] closes = [10m, 11m, 9m, 12m, 12m, 8m];
        for (var i = 0; i < closes.Length; i++)
            trainer.Observe(Vector("X", i, 0.1m), closes[i]);

        // Day t is labelled at day t+2: 10->9 down, 11->12 up, 9->12 up, 12->8 down.
        Assert.Equal([false, true, true, false], trainer.Window.Select(e => e.Up));
        Assert.Equal([0, 1, 2, 3], trainer.Window.Select(e => (int)(e.FeaturesAsOf - SyntheticTape.Start).TotalDays));
    }

    [Fact]
    public void A_flat_return_gives_no_example_and_bad_bars_are_refused()
    {
        var trainer = new WalkForwardTrainer(new DirectionOptions(Horizon: 1, MinExamples: 100, Window: 100));
        trainer.Observe(Vector("X", 0, 0.1m), 10m);
        Assert.Equal(0, trainer.Observe(Vector("X", 1, 0.1m), 10m).Labelled);
        Assert.NotNull(trainer.Observe(Vector("X", 1, 0.1m), 11m).Rejected);
        Assert.NotNull(trainer.Observe(Vector("X", 0, 0.1m), 11m).Rejected);
        Assert.NotNull(trainer.Observe(Vector("X", 2, 0.1m), 0m).Rejected);
        Assert.Equal(1, trainer.Observe(Vector("X", 2, 0.1m), 11m).Labelled);
        Assert.Single(trainer.Window);
    }

    [Fact]
    public void Retrains_after_every_k_labelled_examples_and_abstains_before_the_first()
    {
        var trainer = new WalkForwardTrainer(new DirectionOptions(Horizon: 5, RetrainEvery: 10, Window: 40, MinExamples: 20, MinimumExampleCountPerLeaf: 5));
        var retrainedAt = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            // A close pattern with both signs in every window and no flat 5-day return.
            var step = trainer.Observe(Vector("X", i, i % 3 / 10m), 100m + i * 37 % 11);
            if (step.Retrained)
                retrainedAt.Add(trainer.Stats.Labelled);
            if (trainer.Stats.Trainings == 0)
                Assert.Null(step.Score);
            else
                Assert.NotNull(step.Score);
        }
        Assert.Equal([20, 30, 40, 50, 60, 70, 80, 90], retrainedAt);
        Assert.Equal(40, trainer.Window.Count);
        Assert.Equal(40, trainer.Model.TrainedOn);
    }

    [Fact]
    public void Retrains_every_m_days_when_asked()
    {
        var trainer = new WalkForwardTrainer(new DirectionOptions(Horizon: 5, RetrainEvery: 1000, RetrainEveryDays: 7, Window: 40, MinExamples: 20, MinimumExampleCountPerLeaf: 5));
        var trainedOn = new List<DateTimeOffset>();
        foreach (var (features, close) in SyntheticTape.Learnable(seed: 5, symbols: 1, days: 60))
        {
            if (trainer.Observe(features, close).Retrained)
                trainedOn.Add(features.AsOf);
        }
        Assert.True(trainedOn.Count >= 5);
        Assert.All(trainedOn.Zip(trainedOn.Skip(1)), p => Assert.Equal(7, (p.Second - p.First).TotalDays));
    }

    [Fact]
    public void Walk_forward_accuracy_beats_chance_on_a_learnable_series()
    {
        var trainer = Run(SyntheticTape.Learnable(seed: 11, symbols: 3, days: 400), Small);

        var stats = trainer.Stats;
        output.WriteLine($"trainings {stats.Trainings}, predictions {stats.Predictions}, hit rate {stats.HitRate:0.000}");
        Assert.True(stats.Trainings >= 5, $"trainings {stats.Trainings}");
        Assert.True(stats.Predictions > 800, $"predictions {stats.Predictions}");
        Assert.True(stats.HitRate > 0.62, $"hit rate {stats.HitRate}");
    }

    [Fact]
    public void Same_seed_same_scores()
    {
        var rows = SyntheticTape.Learnable(seed: 7, symbols: 2, days: 250);
        var first = Scores(rows);
        var second = Scores(rows);

        Assert.True(first.Count(s => s is not null) > 100);
        Assert.Equal(first, second);
    }

    internal static WalkForwardTrainer Run(IEnumerable<(FeatureVector Features, decimal Close)> rows, DirectionOptions options)
    {
        var trainer = new WalkForwardTrainer(options);
        foreach (var (features, close) in rows)
            trainer.Observe(features, close);
        return trainer;
    }

    private static List<string?> Scores(List<(FeatureVector Features, decimal Close)> rows)
    {
        var trainer = new WalkForwardTrainer(Small);
        return rows.Select(r => trainer.Observe(r.Features, r.Close).Score)
            .Select(s => s is null ? null : s.Score + "|" + string.Join(",", s.Contributions.Select(c => c.Key + "=" + c.Value)))
            .ToList();
    }

    internal static FeatureVector Vector(string symbol, int day, decimal value) =>
        new(symbol, SyntheticTape.Start.AddDays(day), DirectionOptions.PriceFeatures.ToImmutableSortedDictionary(n => n, _ => value, StringComparer.Ordinal));
}
