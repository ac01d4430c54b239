using System.Collections.Immutable;

namespace Vanta.Vaults.Engine;

/// <summary>Exposure limits of one vault as weights, and the fitting of a book inside them.</summary>
internal readonly record struct ExposureLimits(decimal PerName, decimal Gross, decimal Net)
{
    public const int Scale = 6;

    public bool Holds(IEnumerable<decimal> weights)
    {
        decimal gross = 0m, net = 0m;
        foreach (var w in weights)
        {
            if (Math.Abs(w) > PerName)
                return false;
            gross += Math.Abs(w);
            net += w;
        }
        return gross <= Gross && Math.Abs(net) <= Net;
    }

    /// <summary>
    /// Clips each weight to the per-name limit, then scales the whole book down uniformly until gross and net fit.
    /// Uniform scaling keeps proportions; truncation towards zero never grows a weight, and the loop absorbs the
    /// one case it can (truncating shorts raises a long net).
    /// </summary>
    public SortedDictionary<string, decimal> Fit(IReadOnlyDictionary<string, decimal> raw)
    {
        var perName = PerName;
        var clipped = raw.ToDictionary(kv => kv.Key, kv => Math.Sign(kv.Value) * Math.Min(Math.Abs(kv.Value), perName), StringComparer.Ordinal);
        var gross = clipped.Values.Sum(Math.Abs);
        var net = Math.Abs(clipped.Values.Sum());
        var scale = 1m;
        if (gross > Gross)
            scale = Gross / gross;
        if (net * scale > Net)
            scale = Math.Min(scale, Net / net);
        while (true)
        {
            var fitted = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var (symbol, w) in clipped)
            {
                var v = decimal.Round(w * scale, Scale, MidpointRounding.ToZero);
                if (v != 0m)
                    fitted[symbol] = v;
            }
            if (Holds(fitted.Values) || scale == 0m)
                return fitted;
            scale = Math.Max(0m, scale - 0.000001m);
        }
    }

    public static ImmutableSortedDictionary<string, decimal> Empty { get; } = ImmutableSortedDictionary.Create<string, decimal>(StringComparer.Ordinal);
}
