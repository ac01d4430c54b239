using System.Collections.Immutable;

namespace Vanta.Vaults.Engine;

/// <summary>Exposure limits of one vault as weights, and the fitting of a book inside them.</summary>
internal readonly record struct ExposureLimits(decimal PerName, decimal Gross, decimal Net)
{
    public const int Scale = 6;

    /// <summary>Running gross and net of a book, weight by weight, against these limits.</summary>
    public struct Tally(ExposureLimits limits)
    {
        private decimal _gross, _net;
        private bool _overName;

        public void Add(decimal weight)
        {
            // Once one name is over its limit the book cannot hold, so the sums no longer matter.
            if (_overName || Math.Abs(weight) > limits.PerName)
            {
                _overName = true;
                return;
            }
            _gross += Math.Abs(weight);
            _net += weight;
        }

        public readonly bool Holds => !_overName && _gross <= limits.Gross && Math.Abs(_net) <= limits.Net;
    }

    /// <summary>
    /// Clips each weight to the per-name limit, then scales the whole book down uniformly until gross and net fit.
    /// Uniform scaling keeps proportions; truncation towards zero never grows a weight, and the loop absorbs the
    /// one case it can (truncating shorts raises a long net).
    /// </summary>
    /// <remarks>Symbols are distinct and in ordinal order; the result keeps that order.</remarks>
    public List<(string Symbol, decimal Weight)> Fit(IReadOnlyList<(string Symbol, decimal Weight)> raw)
    {
        var perName = PerName;
        var clipped = new (string Symbol, decimal Weight)[raw.Count];
        decimal gross = 0m, sum = 0m;
        for (var i = 0; i < clipped.Length; i++)
        {
            var (symbol, w) = raw[i];
            clipped[i] = (symbol, Math.Sign(w) * Math.Min(Math.Abs(w), perName));
            gross += Math.Abs(clipped[i].Weight);
            sum += clipped[i].Weight;
        }
        var net = Math.Abs(sum);
        var scale = 1m;
        if (gross > Gross)
            scale = Gross / gross;
        if (net * scale > Net)
            scale = Math.Min(scale, Net / net);
        while (true)
        {
            var fitted = new List<(string Symbol, decimal Weight)>(clipped.Length);
            foreach (var (symbol, w) in clipped)
            {
                var v = decimal.Round(w * scale, Scale, MidpointRounding.ToZero);
                if (v != 0m)
                    fitted.Add((symbol, v));
            }
            if (Holds(fitted) || scale == 0m)
                return fitted;
            scale = Math.Max(0m, scale - 0.000001m);
        }
    }

    private bool Holds(List<(string Symbol, decimal Weight)> book)
    {
        var tally = new Tally(this);
        foreach (var (_, weight) in book)
            tally.Add(weight);
        return tally.Holds;
    }

    public static ImmutableSortedDictionary<string, decimal> Empty { get; } = ImmutableSortedDictionary.Create<string, decimal>(StringComparer.Ordinal);
}
