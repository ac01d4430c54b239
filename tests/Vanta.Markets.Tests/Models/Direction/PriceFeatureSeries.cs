using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Markets.Features;

namespace Vanta.Markets.Tests.Models.Direction;

/// <summary>
/// Test stand-in for the feature layer: the direction model's seven price features computed from one symbol's
/// bars, each from that bar and earlier ones only. A feature without enough history is absent.
/// </summary>
internal sealed class PriceFeatureSeries
{
    private readonly List<PriceBar> _bars = [];

    public FeatureVector Next(PriceBar bar)
    {
        _bars.Add(bar);
        var values = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        var t = _bars.Count - 1;
        if (t >= 1)
        {
            values["ret_1d"] = Return(1);
            values["gap_1d"] = bar.Open / _bars[t - 1].Close - 1m;
        }
        if (t >= 5)
            values["ret_5d"] = Return(5);
        if (t >= 20)
        {
            values["ret_20d"] = Return(20);
            var returns = Enumerable.Range(t - 19, 20).Select(i => (double)(_bars[i].Close / _bars[i - 1].Close - 1m)).ToList();
            values["vol_20d"] = (decimal)StdDev(returns);
            var volumes = Enumerable.Range(t - 20, 20).Select(i => (double)_bars[i].Volume).ToList();
            var sd = StdDev(volumes);
            if (sd > 0)
                values["volume_z_20d"] = (decimal)(((double)bar.Volume - volumes.Average()) / sd);
            values["momentum_20d"] = bar.Close / Enumerable.Range(t - 19, 20).Average(i => _bars[i].Close) - 1m;
        }
        return new FeatureVector(bar.Symbol, bar.TsEvent, values.ToImmutable());
    }

    private decimal Return(int days) => _bars[^1].Close / _bars[^(days + 1)].Close - 1m;

    private static double StdDev(List<double> xs)
    {
        var mean = xs.Average();
        return Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1));
    }
}

/// <summary>Seeded synthetic bars whose forward return is partly predictable from one feature.</summary>
internal static class SyntheticTape
{
    public static readonly DateTimeOffset Start = new(2020, 1, 2, 21, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Each symbol has a hidden regime s = ±1 that flips with probability 0.05 a day; the daily return is
    /// 0.4%·s plus noise of 0.5%, and <c>momentum_20d</c> shows the regime through noise. The other features are noise.
    /// Returned day by day, symbols in order within a day, as (features at the close, close).
    /// </summary>
    public static List<(FeatureVector Features, decimal Close)> Learnable(int seed, int symbols, int days)
    {
        var random = new Random(seed);
        var closes = Enumerable.Repeat(100m, symbols).ToArray();
        var regimes = Enumerable.Range(0, symbols).Select(_ => random.Next(2) == 0 ? -1 : 1).ToArray();
        var rows = new List<(FeatureVector, decimal)>(symbols * days);
        for (var d = 0; d < days; d++)
        {
            for (var s = 0; s < symbols; s++)
            {
                if (random.NextDouble() < 0.05)
                    regimes[s] = -regimes[s];
                closes[s] = Math.Round(closes[s] * (decimal)(1 + 0.004 * regimes[s] + 0.005 * Gaussian(random)), 6);
                var values = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
                foreach (var name in new[] { "ret_1d", "ret_5d", "ret_20d", "vol_20d", "volume_z_20d", "gap_1d" })
                    values[name] = Math.Round((decimal)Gaussian(random), 6);
                values["momentum_20d"] = Math.Round((decimal)(regimes[s] + 0.8 * Gaussian(random)), 6);
                rows.Add((new FeatureVector($"S{s:00}", Start.AddDays(d), values.ToImmutable()), closes[s]));
            }
        }
        return rows;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
