namespace Vanta.Markets.Features;

/// <summary>
/// Decimal statistics for the feature computers. Every result is rounded to <see cref="Scale"/> decimal places
/// (midpoint away from zero), so a replay writes the same digits on every machine.
/// </summary>
public static class FeatureMath
{
    /// <summary>Decimal places of every computed feature value.</summary>
    public const int Scale = 10;

    /// <summary><paramref name="value"/> rounded to <see cref="Scale"/> places.</summary>
    public static decimal Round(decimal value) => Math.Round(value, Scale, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Square root in decimal: a start from <see cref="Math.Sqrt(double)"/> (IEEE 754 square root is correctly
    /// rounded, so the same on every platform; relative error about 1e-16), then two Newton steps
    /// x = (x + v / x) / 2 in decimal (each squares the relative error: the first already reaches decimal's 28
    /// digits, the second absorbs the double conversion), then <see cref="Round"/>. A fixed number of steps, because
    /// iterating until x stops changing can oscillate in the last digit. Throws on a negative input: a bug, not data.
    /// </summary>
    public static decimal Sqrt(decimal value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        if (value == 0m)
            return 0m;
        var x = (decimal)Math.Sqrt((double)value);
        x = (x + (value / x)) / 2m;
        x = (x + (value / x)) / 2m;
        return Round(x);
    }

    /// <summary>Arithmetic mean; the span must not be empty.</summary>
    public static decimal Mean(ReadOnlySpan<decimal> values)
    {
        var sum = 0m;
        foreach (var v in values)
            sum += v;
        return sum / values.Length;
    }

    /// <summary>
    /// Sample standard deviation (divisor n - 1) of at least two values, as sqrt((n S2 - S1^2) / (n (n - 1))) with
    /// S1 the sum and S2 the sum of squares. For inputs of up to about twelve decimal places (the rounded returns and
    /// the volumes the computers pass) every sum and product is exact in decimal, so there is no cancellation error,
    /// and it costs one division before the root instead of one per value.
    /// </summary>
    public static decimal SampleStdev(ReadOnlySpan<decimal> values)
    {
        decimal s1 = 0m, s2 = 0m;
        foreach (var v in values)
        {
            s1 += v;
            s2 += v * v;
        }
        var n = (decimal)values.Length;
        var spread = (n * s2) - (s1 * s1);
        return spread <= 0m ? 0m : Sqrt(spread / (n * (n - 1m)));
    }
}
