using Vanta.Markets.Models.Anomaly;

namespace Vanta.Markets.Tests.Models.Anomaly;

public sealed class IsolationForestTests
{
    [Theory]
    // c(n) = 2 (ln(n - 1) + 0.5772156649) - 2 (n - 1) / n, worked out by hand (python: math.log):
    [InlineData(3, 1.207392357586557)]     // 2 (0.693147 + 0.577216) - 4/3
    [InlineData(4, 1.8516559071362195)]    // 2 (1.098612 + 0.577216) - 6/4
    [InlineData(10, 3.7488804844724397)]   // 2 (2.197225 + 0.577216) - 18/10
    [InlineData(256, 10.244770920116851)]  // 2 (5.541264 + 0.577216) - 510/256
    [InlineData(2, 1.0)]
    [InlineData(1, 0.0)]
    [InlineData(0, 0.0)]
    public void Average_path_length_c_n_matches_hand_computed_values(int n, double expected)
    {
        Assert.Equal(expected, IsolationForest.AveragePathLength(n), 12);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(256)]
    [InlineData(4096)]
    public void Score_is_one_half_when_the_mean_path_equals_c_n_and_tends_to_one_and_zero(int n)
    {
        var c = IsolationForest.AveragePathLength(n);

        Assert.Equal(0.5, IsolationForest.AnomalyScore(c, n), 15);
        Assert.Equal(1.0, IsolationForest.AnomalyScore(0, n), 15);
        Assert.True(IsolationForest.AnomalyScore(0.01 * c, n) > 0.99);
        Assert.True(IsolationForest.AnomalyScore(20 * c, n) < 1e-5);
        Assert.True(IsolationForest.AnomalyScore(0.9 * c, n) > IsolationForest.AnomalyScore(1.1 * c, n));
    }

    [Fact]
    public void Rows_that_cannot_be_split_all_have_path_c_psi_and_score_exactly_one_half()
    {
        // Every row equal: no attribute varies, so each tree is one external node of psi rows, and E[h] = c(psi).
        var rows = Enumerable.Range(0, 300).Select(_ => new[] { 1.5, -2.0 }).ToList();

        var forest = IsolationForest.Fit(rows, new IsolationForestOptions(), new Random(3));

        Assert.Equal(256, forest.SampleSize);
        Assert.Equal(IsolationForest.AveragePathLength(256), forest.PathLength([1.5, -2.0]), 12);
        Assert.Equal(0.5, forest.Score([1.5, -2.0]), 12);
        Assert.Equal(100, forest.NodeCount);
    }

    [Fact]
    public void Sub_sample_and_height_limit_follow_psi()
    {
        var random = new Random(11);
        var big = IsolationForest.Fit(Gaussian.Cloud(random, 1000, 2), new IsolationForestOptions(), random);
        var small = IsolationForest.Fit(Gaussian.Cloud(random, 100, 2), new IsolationForestOptions { Trees = 7 }, random);

        Assert.Equal((256, 8, 100), (big.SampleSize, big.HeightLimit, big.Trees));
        Assert.Equal((100, 7, 7), (small.SampleSize, small.HeightLimit, small.Trees));
    }

    [Fact]
    public void An_obvious_outlier_scores_above_0_6_and_far_above_the_inliers()
    {
        var random = new Random(2008);
        var rows = Gaussian.Cloud(random, 1000, 3);
        rows.Add([8, 8, 8]);

        var forest = IsolationForest.Fit(rows, new IsolationForestOptions(), new Random(1));
        var inliers = rows.Take(1000).Select(r => forest.Score(r)).ToArray();
        var outlier = forest.Score([8, 8, 8]);

        Assert.True(outlier > 0.6, $"outlier {outlier}");
        Assert.True(inliers.Average() < 0.5, $"inlier mean {inliers.Average()}");
        Assert.True(outlier - inliers.Average() > 0.2, $"outlier {outlier}, inlier mean {inliers.Average()}");
        Assert.True(outlier > inliers.Max(), $"outlier {outlier}, inlier max {inliers.Max()}");
    }

    [Fact]
    public void Scores_lie_strictly_between_zero_and_one()
    {
        var random = new Random(5);
        var rows = Gaussian.Cloud(random, 600, 4);
        var forest = IsolationForest.Fit(rows, new IsolationForestOptions(), random);

        var probes = rows.Concat([[0, 0, 0, 0], [1e6, -1e6, 1e6, -1e6], [-3, 3, -3, 3]]);

        Assert.All(probes, p => Assert.InRange(forest.Score(p), double.Epsilon, 1 - 1e-12));
    }

    [Fact]
    public void The_same_seed_gives_the_same_scores_and_another_seed_other_scores()
    {
        var rows = Gaussian.Cloud(new Random(9), 500, 2);

        var a = IsolationForest.Fit(rows, new IsolationForestOptions(), new Random(42));
        var b = IsolationForest.Fit(rows, new IsolationForestOptions(), new Random(42));
        var c = IsolationForest.Fit(rows, new IsolationForestOptions(), new Random(43));

        Assert.Equal(rows.Select(r => a.Score(r)), rows.Select(r => b.Score(r)));
        Assert.NotEqual(rows.Select(r => a.Score(r)), rows.Select(r => c.Score(r)));
    }

    [Fact]
    public void Bad_input_is_refused_rather_than_scored()
    {
        var rows = new List<double[]> { new[] { 1.0, 2.0 }, new[] { 2.0, 3.0 }, new[] { 3.0, double.NaN } };

        Assert.Throws<ArgumentException>(() => IsolationForest.Fit(rows, new IsolationForestOptions(), new Random(1)));
        Assert.Throws<ArgumentException>(() => IsolationForest.Fit([[1.0]], new IsolationForestOptions(), new Random(1)));
        Assert.Throws<ArgumentException>(() => IsolationForest.Fit([[1.0], [1.0, 2.0]], new IsolationForestOptions(), new Random(1)));

        var forest = IsolationForest.Fit(rows.Take(2).ToList(), new IsolationForestOptions(), new Random(1));
        Assert.Throws<ArgumentException>(() => forest.Score([double.PositiveInfinity, 1.0]));
        Assert.Throws<ArgumentException>(() => forest.Score([1.0]));
    }
}
