using System.Collections.Immutable;
using Vanta.Markets.Reflection;

namespace Vanta.Markets.Tests.Reflection;

public sealed class ConvictionMathTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "0.5")]
    [InlineData("-3", "-0.75")]
    [InlineData("0.25", "0.2")]
    public void Squash_is_x_over_one_plus_abs_x(string x, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            ConvictionMath.Squash(decimal.Parse(x, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Components_inside_the_range_are_left_alone()
    {
        var components = Components(("a", 0.4m), ("b", -0.2m));

        Assert.Same(components, ConvictionMath.Clamp(components, 6));
    }

    [Fact]
    public void Clamped_components_are_scaled_and_still_add_up_to_exactly_one()
    {
        // 0.7 x 3 = 2.1; each scaled to 0.333333 leaves 0.000001, given to the first of the tied largest.
        var clamped = ConvictionMath.Clamp(Components(("a", 0.7m), ("b", 0.7m), ("c", 0.7m)), 6);

        Assert.Equal([0.333334m, 0.333333m, 0.333333m], clamped.Values);
        Assert.Equal(1m, clamped.Values.Sum());
    }

    [Fact]
    public void Negative_sums_clamp_to_exactly_minus_one()
    {
        var clamped = ConvictionMath.Clamp(Components(("a", -0.8m), ("b", -0.6m)), 6);

        Assert.Equal([-0.571429m, -0.428571m], clamped.Values);
        Assert.Equal(-1m, clamped.Values.Sum());
    }

    private static ImmutableSortedDictionary<string, decimal> Components(params (string Key, decimal Value)[] items) =>
        items.ToImmutableSortedDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);
}
