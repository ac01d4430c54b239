using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Markets.Features;
using Vanta.Markets.Models;
using Vanta.Markets.Models.Anomaly;

namespace Vanta.Markets.Tests.Models.Anomaly;

public sealed class AnomalyLearnerTests
{
    private static readonly DateTimeOffset Start = new(2019, 1, 2, 21, 0, 0, TimeSpan.Zero);

    private static readonly AnomalyLearnerOptions Small = new(FitEvery: 10, Window: 50, MinRows: 30, Trees: 25, SubsampleSize: 32, Seed: 3);

    private static (PriceBar Bar, FeatureVector Vector) Day(string symbol, int day, Random random, bool shock = false)
    {
        var at = Start.AddDays(day);
        var values = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        values["ret_1d"] = shock ? -0.08m : (decimal)Math.Round(Gaussian.Next(random, 0, 0.01), 5);
        values["volume_z_20d"] = shock ? 6m : (decimal)Math.Round(Gaussian.Next(random), 3);
        values["vol_20d"] = shock ? 0.04m : (decimal)Math.Round(0.01 + Math.Abs(Gaussian.Next(random, 0, 0.001)), 5);
        var bar = new PriceBar(symbol, at.AddDays(-1), at, 100m, 101m, 99m, 100m, 1_000m, "test");
        return (bar, new FeatureVector(symbol, at, values.ToImmutable()));
    }

    private static List<(PriceBar Bar, FeatureVector Vector)> Tape(int days, int shockDay = -1)
    {
        var random = new Random(41);
        var tape = new List<(PriceBar, FeatureVector)>();
        for (var d = 0; d < days; d++)
        {
            foreach (var symbol in new[] { "AAA", "BBB" })
                tape.Add(Day(symbol, d, random, d == shockDay && symbol == "AAA"));
        }
        return tape;
    }

    /// <summary>What the model layer does each bar: the learner observes, then the model scores the same vector.</summary>
    private static List<ModelScore?> Run(AnomalyLearner learner, IEnumerable<(PriceBar Bar, FeatureVector Vector)> tape)
    {
        var scores = new List<ModelScore?>();
        foreach (var (bar, vector) in tape)
        {
            learner.Observe(bar, vector);
            var forest = learner.Current(vector.Symbol);
            if (forest is not null)
                Assert.True(forest.TrainedThrough < vector.AsOf, $"forest trained through {forest.TrainedThrough} scores {vector.AsOf}");
            scores.Add(learner.Model.Score(vector));
        }
        return scores;
    }

    [Fact]
    public void It_is_anomaly_iforest_and_abstains_until_the_first_fit()
    {
        var learner = new AnomalyLearner(Small);
        var tape = Tape(40);
        var scores = Run(learner, tape);

        Assert.Equal(("anomaly-iforest@1", "anomaly"), (learner.Model.Id, learner.Model.Family));
        // 30 rows of a symbol are needed: its first 30 bars are not scored, the 31st is (fitted on the 30 before it).
        Assert.All(scores.Take(60), Assert.Null);
        Assert.All(scores.Skip(60), s => Assert.NotNull(s));
        Assert.Equal(Start.AddDays(29), learner.Fits[0].Through);
        Assert.Equal(Start.AddDays(30), learner.Fits[0].At);
    }

    [Fact]
    public void Every_fit_window_ends_before_the_bar_at_which_it_is_grown_and_refits_follow_the_cadence()
    {
        var learner = new AnomalyLearner(Small);
        Run(learner, Tape(200));

        Assert.NotEmpty(learner.Fits);
        Assert.All(learner.Fits, f =>
        {
            Assert.True(f.Through < f.At);
            Assert.InRange(f.Rows, Small.MinRows, Small.Window);
        });
        var aaa = learner.Fits.Where(f => f.Symbol == "AAA").ToList();
        Assert.Equal(Enumerable.Range(1, aaa.Count), aaa.Select(f => f.Number));
        // First fit after 30 rows, then one every 10 bars: bars 30, 40, ..., 190.
        Assert.Equal(Enumerable.Range(0, 17).Select(i => Start.AddDays(30 + 10 * i)), aaa.Select(f => f.At));
        Assert.All(aaa.Skip(2), f => Assert.Equal(50, f.Rows));
        Assert.All(aaa.Skip(2), f => Assert.Equal(f.At.AddDays(-50), f.From));
    }

    [Fact]
    public void Scores_never_depend_on_later_bars()
    {
        var tape = Tape(150);
        var full = Run(new AnomalyLearner(Small), tape);
        var cut = Run(new AnomalyLearner(Small), tape.Take(170));

        Assert.Equal(cut.Select(s => s?.Score), full.Take(170).Select(s => s?.Score));
        Assert.Equal(cut.Select(s => s?.Rationale), full.Take(170).Select(s => s?.Rationale));
    }

    [Fact]
    public void A_symbols_scores_do_not_depend_on_other_symbols()
    {
        var tape = Tape(120);
        var both = Run(new AnomalyLearner(Small), tape);
        var alone = Run(new AnomalyLearner(Small), tape.Where(t => t.Bar.Symbol == "AAA"));

        Assert.Equal(alone.Select(s => s?.Score), both.Where((_, i) => tape[i].Bar.Symbol == "AAA").Select(s => s?.Score));
    }

    [Fact]
    public void The_same_seed_and_tape_give_the_same_forests_and_another_seed_other_ones()
    {
        var tape = Tape(150);
        var a = new AnomalyLearner(Small);
        var b = new AnomalyLearner(Small);
        var c = new AnomalyLearner(Small with { Seed = 4 });
        Run(a, tape);
        Run(b, tape);
        Run(c, tape);
        var probe = new[] { -0.03, 3.0, 0.02 };

        Assert.Equal(a.Fits, b.Fits);
        Assert.Equal(
            new[] { "AAA", "BBB" }.Select(s => a.Current(s)!.Score(Probe(s, probe))!.Score),
            new[] { "AAA", "BBB" }.Select(s => b.Current(s)!.Score(Probe(s, probe))!.Score));
        Assert.Equal(AnomalyLearner.SeedOf(23, "AAPL", 1), AnomalyLearner.SeedOf(23, "AAPL", 1));
        Assert.NotEqual(AnomalyLearner.SeedOf(23, "AAPL", 1), AnomalyLearner.SeedOf(24, "AAPL", 1));
        Assert.NotEqual(
            a.Current("AAA")!.Score(Probe("AAA", probe))!.Score,
            c.Current("AAA")!.Score(Probe("AAA", probe))!.Score);
    }

    [Fact]
    public void A_forest_grown_ahead_is_the_one_its_window_and_seed_give_even_with_incomplete_rows_in_between()
    {
        // After every bar, an incomplete row of the same symbol an hour later: it must not change the window.
        var tape = Tape(100).SelectMany(t => new (PriceBar Bar, FeatureVector Vector)[]
        {
            t,
            (t.Bar, t.Vector with { AsOf = t.Vector.AsOf.AddHours(1), Values = t.Vector.Values.Remove("vol_20d") }),
        }).ToList();
        var learner = new AnomalyLearner(Small);
        Run(learner, tape);

        var fit = learner.Fits.Last(f => f.Symbol == "AAA");
        var rows = tape.Select(t => t.Vector)
            .Where(v => v.Symbol == "AAA" && v.Values.Count == 3 && v.AsOf >= fit.From && v.AsOf <= fit.Through)
            .Select(v => IsolationForestScoringModel.FeatureNames.Select(n => (double)v.Values[n]).ToArray())
            .ToList();
        var expected = new IsolationForestScoringModel(
            IsolationForest.Fit(rows, new IsolationForestOptions { Trees = Small.Trees, SubsampleSize = Small.SubsampleSize },
                new Random(AnomalyLearner.SeedOf(Small.Seed, "AAA", fit.Number))),
            fit.Through);

        Assert.Equal(fit.Rows, rows.Count);
        foreach (var probe in new[] { new[] { -0.03, 3.0, 0.02 }, [0.0, 0.0, 0.01], [0.01, -1.0, 0.011] })
        {
            var (want, got) = (expected.Score(Probe("AAA", probe))!, learner.Current("AAA")!.Score(Probe("AAA", probe))!);
            Assert.Equal((want.Score, want.Rationale), (got.Score, got.Rationale));
        }
    }

    [Fact]
    public void A_shock_after_the_first_fit_is_flagged_as_a_caution()
    {
        var learner = new AnomalyLearner(Small);
        var tape = Tape(80, shockDay: 70);
        var scores = Run(learner, tape);
        var shock = scores[(70 * 2)]!;

        Assert.Equal("AAA", shock.Symbol);
        Assert.True(shock.Score < -0.2m, shock.Rationale);
        Assert.Equal(shock.Score, shock.Contributions["anomaly_iforest"]);
    }

    [Fact]
    public void Incomplete_or_repeated_rows_are_not_collected()
    {
        var learner = new AnomalyLearner(Small with { MinRows = 2, Window = 10 });
        var random = new Random(1);
        var (bar, vector) = Day("AAA", 0, random);
        learner.Observe(bar, vector with { Values = vector.Values.Remove("vol_20d") });
        learner.Observe(bar, vector);
        learner.Observe(bar, vector);
        var (bar1, vector1) = Day("AAA", 1, random);
        learner.Observe(bar1, vector1);
        Assert.Empty(learner.Fits);
        var (bar2, vector2) = Day("AAA", 2, random);
        learner.Observe(bar2, vector2);

        var fit = Assert.Single(learner.Fits);
        Assert.Equal((2, Start, Start.AddDays(1)), (fit.Rows, fit.From, fit.Through));
    }

    private static FeatureVector Probe(string symbol, double[] row) => new(symbol, Start.AddYears(5),
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new KeyValuePair<string, decimal>[]
        {
            new("ret_1d", (decimal)row[0]), new("volume_z_20d", (decimal)row[1]), new("vol_20d", (decimal)row[2]),
        }));
}
