using Vanta.Markets.Features;

namespace Vanta.Markets.Tests.Features;

public sealed class FeatureMathTests
{
    [Theory]
    [InlineData("2", "1.4142135624")]
    [InlineData("0.0004", "0.02")]
    [InlineData("0", "0")]
    [InlineData("1e20", "10000000000")]
    [InlineData("0.000000000001", "0.000001")]
    public void Sqrt_is_exact_to_ten_places(string value, string root) =>
        Assert.Equal(decimal.Parse(root, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture),
            FeatureMath.Sqrt(decimal.Parse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Sqrt_of_a_negative_is_a_bug() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FeatureMath.Sqrt(-1m));

    [Fact]
    public void Sample_stdev_divides_by_n_minus_one()
    {
        // Mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, / 3 = 1.6667, root 1.2909944487.
        Assert.Equal(1.2909944487m, FeatureMath.SampleStdev([1m, 2m, 3m, 4m]));
        Assert.Equal(2.5m, FeatureMath.Mean([1m, 2m, 3m, 4m]));
    }
}
