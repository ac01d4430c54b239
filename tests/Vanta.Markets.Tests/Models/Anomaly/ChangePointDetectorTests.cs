using Vanta.Markets.Models.Anomaly;

namespace Vanta.Markets.Tests.Models.Anomaly;

public sealed class ChangePointDetectorTests
{
    private static ChangePointStep[] Run(ChangePointDetector detector, IEnumerable<double> series) =>
        [.. series.Select(x => detector.Update([x]))];

    [Fact]
    public void A_mean_shift_at_a_known_index_resets_the_run_length_within_a_few_steps()
    {
        const int shift = 150;
        var random = new Random(7);
        var series = Gaussian.Series(random, shift).Concat(Gaussian.Series(random, 100, mean: 3)).ToArray();

        var steps = Run(new ChangePointDetector(1, new ChangePointOptions()), series);

        // Before the shift the run grows with the series: step t (1-based) has run length t.
        for (var t = 10; t <= shift; t++)
            Assert.Equal(t, steps[t - 1].MapRunLength);
        // Within five observations of the new regime the most likely run starts at the shift (here at the second
        // one: a single high value could be an outlier), and a recent change becomes the likelier explanation.
        var detected = Enumerable.Range(1, 5).First(k => steps[shift + k - 1].MapRunLength == k);
        Assert.InRange(detected, 1, 3);
        Assert.True(steps[shift - 1].ChangePointProbability < 0.1);
        Assert.True(steps.Skip(shift).Take(5).Max(s => s.ChangePointProbability) > 0.5);
        // From then on the run counts the observations since the shift.
        for (var k = 10; k <= 100; k++)
            Assert.Equal(k, steps[shift + k - 1].MapRunLength);
    }

    [Fact]
    public void A_stationary_series_has_no_change_point()
    {
        var series = Gaussian.Series(new Random(21), 1000, mean: 0.3, sd: 0.8);

        var steps = Run(new ChangePointDetector(1, new ChangePointOptions()), series);

        // The run counts from the series start and no recent change is ever the likelier explanation. A stretch of
        // stationary data can by chance look like its own regime for a moment: with this seed, at one step of the
        // 1000 (t = 365) the most likely single run length is 26, yet even there a recent change has P = 0.005.
        var fromStart = Enumerable.Range(10, steps.Length - 9).Count(t => steps[t - 1].MapRunLength == t);
        Assert.True(fromStart >= 0.99 * (steps.Length - 9), $"{fromStart} steps counted from the start");
        Assert.Equal(1000, steps[^1].MapRunLength);
        for (var t = 10; t <= steps.Length; t++)
            Assert.True(steps[t - 1].ChangePointProbability < 0.5, $"t={t}: {steps[t - 1].ChangePointProbability}");
    }

    [Fact]
    public void A_change_of_variance_alone_is_detected()
    {
        var random = new Random(99);
        var series = Gaussian.Series(random, 200, sd: 0.5).Concat(Gaussian.Series(random, 100, sd: 3)).ToArray();

        var steps = Run(new ChangePointDetector(1, new ChangePointOptions()), series);

        Assert.Equal(200, steps[199].MapRunLength);
        Assert.InRange(steps[229].MapRunLength, 20, 32);
    }

    [Fact]
    public void A_shift_in_one_attribute_of_two_is_detected()
    {
        var random = new Random(4);
        var detector = new ChangePointDetector(2, new ChangePointOptions());
        var steps = Enumerable.Range(0, 300)
            .Select(i => detector.Update([Gaussian.Next(random), Gaussian.Next(random, i < 200 ? 0 : -2.5)]))
            .ToArray();

        Assert.Equal(200, steps[199].MapRunLength);
        Assert.Equal(50, steps[249].MapRunLength);
    }

    [Fact]
    public void Pruning_bounds_memory_and_still_finds_a_late_change()
    {
        var random = new Random(12);
        var detector = new ChangePointDetector(1, new ChangePointOptions { MaxRunLengths = 200 });

        var maxHeld = 0;
        foreach (var x in Gaussian.Series(random, 20_000))
        {
            detector.Update([x]);
            maxHeld = Math.Max(maxHeld, detector.Hypotheses);
        }
        var after = Run(detector, Gaussian.Series(random, 20, mean: 3));

        Assert.Equal(200, maxHeld);
        Assert.Equal(20_020, detector.Observations);
        Assert.Equal(20, after[^1].MapRunLength);
    }

    [Fact]
    public void Without_a_cap_negligible_run_lengths_are_still_pruned_after_a_change()
    {
        var random = new Random(8);
        var detector = new ChangePointDetector(1, new ChangePointOptions { MaxRunLengths = 100_000 });
        Run(detector, Gaussian.Series(random, 500));
        var before = detector.Hypotheses;

        Run(detector, Gaussian.Series(random, 50, mean: 8));

        // Every hypothesis that spans the jump has negligible mass and is gone.
        Assert.True(before > 400, $"before: {before}");
        Assert.True(detector.Hypotheses <= 55, $"after: {detector.Hypotheses}");
    }

    [Fact]
    public void The_series_start_is_not_a_change_point()
    {
        var steps = Run(new ChangePointDetector(1, new ChangePointOptions()), [0.1, -0.2, 0.05]);

        Assert.Equal([1, 2, 3], steps.Select(s => s.MapRunLength));
        Assert.All(steps, s => Assert.True(s.ChangePointProbability < 0.05, s.ToString()));
    }

    [Fact]
    public void Log_gamma_matches_known_values()
    {
        Assert.Equal(0.5 * Math.Log(Math.PI), SpecialFunctions.LogGamma(0.5), 12);
        Assert.Equal(0.0, SpecialFunctions.LogGamma(1), 12);
        Assert.Equal(Math.Log(362880), SpecialFunctions.LogGamma(10), 12);
        Assert.Equal(Math.Log(Math.Sqrt(Math.PI) / 2), SpecialFunctions.LogGamma(1.5), 12);
    }

    [Fact]
    public void Bad_input_and_settings_are_refused()
    {
        var detector = new ChangePointDetector(2, new ChangePointOptions());

        Assert.Throws<ArgumentException>(() => detector.Update([1.0, double.NaN]));
        Assert.Throws<ArgumentException>(() => detector.Update([1.0]));
        Assert.Equal(0, detector.Observations);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChangePointDetector(1, new ChangePointOptions { HazardLambda = 0.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChangePointDetector(1, new ChangePointOptions { PriorBeta = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChangePointDetector(1, new ChangePointOptions { MaxRunLengths = 1 }));
    }
}
