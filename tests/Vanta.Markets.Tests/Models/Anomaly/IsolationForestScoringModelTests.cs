using System.Collections.Immutable;
using Vanta.Markets.Features;
using Vanta.Markets.Models.Anomaly;

namespace Vanta.Markets.Tests.Models.Anomaly;

public sealed class IsolationForestScoringModelTests
{
    private static readonly DateTimeOffset Start = new(2019, 1, 2, 21, 0, 0, TimeSpan.Zero);

    private static FeatureVector Vector(int day, decimal? ret, decimal? volumeZ, decimal? vol)
    {
        var values = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        if (ret is { } r)
            values["ret_1d"] = r;
        if (volumeZ is { } z)
            values["volume_z_20d"] = z;
        if (vol is { } v)
            values["vol_20d"] = v;
        values["mom_20d"] = 0.05m;
        return new FeatureVector("SPY", Start.AddDays(day), values.ToImmutable());
    }

    /// <summary>A year of ordinary days: returns near 0 (sd 1%), volume z near 0, volatility near 1%.</summary>
    private static List<FeatureVector> History()
    {
        var random = new Random(31);
        return [.. Enumerable.Range(0, 300).Select(d => Vector(d,
            (decimal)Math.Round(Gaussian.Next(random, 0, 0.01), 5),
            (decimal)Math.Round(Gaussian.Next(random), 3),
            (decimal)Math.Round(0.01 + Math.Abs(Gaussian.Next(random, 0, 0.001)), 5)))];
    }

    private static readonly IsolationForestScoringModel Model =
        IsolationForestScoringModel.Fit(History(), new IsolationForestOptions(), new Random(5));

    [Fact]
    public void It_is_named_and_versioned_in_the_anomaly_family()
    {
        Assert.Equal(("anomaly-iforest@1", "anomaly"), (Model.Id, Model.Family));
        Assert.Equal(Start.AddDays(299), Model.TrainedThrough);
    }

    [Fact]
    public void An_ordinary_day_scores_zero()
    {
        var score = Model.Score(Vector(300, -0.002m, 0.1m, 0.0101m))!;

        Assert.Equal(0m, score.Score);
        Assert.Equal(0m, score.Contributions["anomaly_iforest"]);
        Assert.EndsWith(": ordinary", score.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unusual_down_day_is_a_caution_proportional_to_s_minus_one_half()
    {
        var vector = Vector(300, -0.045m, 5.2m, 0.03m);
        var s = IsolationForest.Fit(
                [.. History().Select(v => new[] { (double)v.Values["ret_1d"], (double)v.Values["volume_z_20d"], (double)v.Values["vol_20d"] })],
                new IsolationForestOptions(), new Random(5))
            .Score([-0.045, 5.2, 0.03]);

        var score = Model.Score(vector)!;

        Assert.True(s > 0.6, $"s = {s}");
        Assert.Equal(Math.Round((decimal)-Math.Min(1, 2 * (s - 0.5)), 6), score.Score);
        Assert.Equal(score.Score, score.Contributions.Values.Sum());
        Assert.Equal(("SPY", vector.AsOf, "anomaly-iforest@1"), (score.Symbol, score.AsOf, score.ModelId));
        Assert.StartsWith("SPY anomaly s=", score.Rationale, StringComparison.Ordinal);
        Assert.Contains("ret_1d -4.50%", score.Rationale, StringComparison.Ordinal);
        Assert.Contains("unusual down day, caution -", score.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unusual_up_day_is_named_but_not_read_as_bullish()
    {
        var score = Model.Score(Vector(300, 0.05m, 5m, 0.03m))!;

        Assert.Equal(0m, score.Score);
        Assert.EndsWith("unusual, not a down day: no direction", score.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_features_or_a_vector_older_than_the_training_data_give_no_score()
    {
        Assert.Null(Model.Score(Vector(300, -0.05m, null, 0.03m)));
        Assert.Null(Model.Score(FeatureVector.Empty("SPY", Start.AddDays(300))));
        Assert.Null(Model.Score(Vector(100, -0.05m, 5m, 0.03m)));
    }

    [Fact]
    public void Fitting_skips_incomplete_vectors()
    {
        var history = History();
        history.Add(Vector(400, null, 1m, 0.01m));

        var model = IsolationForestScoringModel.Fit(history, new IsolationForestOptions(), new Random(5));

        Assert.Equal(Start.AddDays(299), model.TrainedThrough);
        Assert.NotNull(model.Score(Vector(300, 0.001m, 0m, 0.01m)));
    }
}
