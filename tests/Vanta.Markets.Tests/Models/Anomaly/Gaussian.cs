namespace Vanta.Markets.Tests.Models.Anomaly;

/// <summary>Normal draws from a seeded <see cref="Random"/> (Box-Muller), so every generated series is reproducible.</summary>
internal static class Gaussian
{
    public static double Next(Random random, double mean = 0, double sd = 1)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    public static double[] Series(Random random, int count, double mean = 0, double sd = 1) =>
        [.. Enumerable.Range(0, count).Select(_ => Next(random, mean, sd))];

    /// <summary>A cloud of <paramref name="count"/> points around the origin in <paramref name="dims"/> dimensions.</summary>
    public static List<double[]> Cloud(Random random, int count, int dims) =>
        [.. Enumerable.Range(0, count).Select(_ => Series(random, dims))];
}
