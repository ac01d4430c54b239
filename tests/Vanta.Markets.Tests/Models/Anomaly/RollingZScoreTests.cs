using Vanta.Markets.Models.Anomaly;

namespace Vanta.Markets.Tests.Models.Anomaly;

public sealed class RollingZScoreTests
{
    [Fact]
    public void Scores_each_value_against_the_previous_window_only()
    {
        var z = new RollingZScore(3);

        // Window {1, 2, 3}: mean 2, sample sd 1, so 10 is 8 deviations out; then {2, 3, 10}: mean 5, sd sqrt(19).
        Assert.Equal([null, null, null, 8.0], new[] { 1.0, 2, 3, 10 }.Select(z.Update).ToArray());
        Assert.Equal((5.0 - 5.0) / Math.Sqrt(19), z.Update(5.0)!.Value, 12);
    }

    [Fact]
    public void A_constant_window_has_no_score()
    {
        var z = new RollingZScore(4);
        foreach (var _ in Enumerable.Range(0, 4))
            z.Update(7);

        Assert.Null(z.Update(7));
        Assert.Null(z.Update(9));
        Assert.NotNull(z.Update(9));
    }

    [Theory]
    [InlineData(0.0, 20)]
    [InlineData(1e8, 20)]
    [InlineData(1e8, 250)]
    public void Streaming_scores_match_a_recomputation_from_scratch(double level, int window)
    {
        var values = Gaussian.Series(new Random(17), 3000, level, 1 + (level * 1e-3));
        var z = new RollingZScore(window);

        for (var i = 0; i < values.Length; i++)
        {
            var streamed = z.Update(values[i]);
            if (i < window)
            {
                Assert.Null(streamed);
                continue;
            }
            var previous = values[(i - window)..i];
            var mean = previous.Average();
            var sd = Math.Sqrt(previous.Sum(v => (v - mean) * (v - mean)) / (window - 1));
            Assert.Equal((values[i] - mean) / sd, streamed!.Value, 6);
        }
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RollingZScore(1));
        Assert.Throws<ArgumentException>(() => new RollingZScore(5).Update(double.NaN));
        Assert.Throws<ArgumentException>(() => new RollingZScore(5).Update(double.NegativeInfinity));
    }
}
