using System.Collections.Immutable;

namespace Vanta.Markets.Reflection;

/// <summary>
/// Decimal arithmetic for conviction scores. Everything is decimal so a replay on any machine gives the
/// same digits; there is no transcendental function, hence a rational squashing curve instead of tanh.
/// </summary>
public static class ConvictionMath
{
    /// <summary>Maps any value into (-1, 1), monotonically, with Squash(1) = 0.5: x / (1 + |x|).</summary>
    public static decimal Squash(decimal x) => x / (1m + Math.Abs(x));

    public static decimal Round(decimal value, int scale) => Math.Round(value, scale, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Makes rounded components whose sum lies in [-1, 1]. Components are already rounded to
    /// <paramref name="scale"/>; when their sum leaves the range they are scaled by 1/|sum|, re-rounded, and
    /// the rounding residue is given to the largest component (first key on a tie), so they add up to exactly ±1.
    /// </summary>
    public static ImmutableSortedDictionary<string, decimal> Clamp(ImmutableSortedDictionary<string, decimal> components, int scale)
    {
        var sum = components.Values.Sum();
        if (Math.Abs(sum) <= 1m)
            return components;

        var target = Math.Sign(sum);
        var factor = 1m / Math.Abs(sum);
        var scaled = components.ToImmutableSortedDictionary(c => c.Key, c => Round(c.Value * factor, scale), StringComparer.Ordinal);
        var residue = target - scaled.Values.Sum();
        var largest = scaled.OrderByDescending(c => Math.Abs(c.Value)).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
        return scaled.SetItem(largest, scaled[largest] + residue);
    }
}
