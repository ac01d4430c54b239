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
            // A zero adds nothing to either sum. Once one name is over its limit the book cannot hold, so the sums
            // no longer matter.
            if (weight == 0m)
                return;
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
        // +1 or -1 where a weight was clipped to the per-name limit: those all scale to one value, computed once.
        var atLimit = new sbyte[raw.Count];
        decimal gross = 0m, sum = 0m;
        for (var i = 0; i < clipped.Length; i++)
        {
            var (symbol, w) = raw[i];
            // Comparisons instead of sign x min(|w|, limit): the same value with the same scale (at the limit it is the
            // limit's, as Math.Min gives), without a multiplication.
            var c = w;
            if (w >= perName)
                (c, atLimit[i]) = (perName, 1);
            else if (w <= -perName)
                (c, atLimit[i]) = (-perName, -1);
            clipped[i] = (symbol, c);
            if (c == 0m)
                continue;
            gross += c < 0m ? -c : c;
            sum += c;
        }
        var net = Math.Abs(sum);
        var scale = 1m;
        if (gross > Gross)
            scale = Gross / gross;
        if (net * scale > Net)
            scale = Math.Min(scale, Net / net);
        var fitted = new List<(string Symbol, decimal Weight)>(clipped.Length);
        while (true)
        {
            // Scale and tally in one pass; multiplying by an exact 1 would change nothing, so it is skipped.
            var unscaled = scale == 1m && scale.Scale == 0;
            var up = decimal.Round(unscaled ? perName : perName * scale, Scale, MidpointRounding.ToZero);
            var down = decimal.Round(unscaled ? -perName : -perName * scale, Scale, MidpointRounding.ToZero);
            var tally = new Tally(this);
            fitted.Clear();
            for (var i = 0; i < clipped.Length; i++)
            {
                var (symbol, w) = clipped[i];
                if (w == 0m)
                    continue;
                var v = atLimit[i] > 0 ? up : atLimit[i] < 0 ? down : decimal.Round(unscaled ? w : w * scale, Scale, MidpointRounding.ToZero);
                if (v != 0m)
                {
                    fitted.Add((symbol, v));
                    tally.Add(v);
                }
            }
            if (tally.Holds || scale == 0m)
                return fitted;
            scale = Math.Max(0m, scale - 0.000001m);
        }
    }

    public static ImmutableSortedDictionary<string, decimal> Empty { get; } = ImmutableSortedDictionary.Create<string, decimal>(StringComparer.Ordinal);
}
