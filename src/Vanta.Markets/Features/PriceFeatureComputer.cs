using Vanta.Core.Domain;
using Vanta.Core.Stages;

namespace Vanta.Markets.Features;

/// <summary>Options of <see cref="PriceFeatureComputer"/>.</summary>
/// <param name="Ttl">Validity of price features; the default 4 days carries Friday's values over a long weekend.</param>
public sealed record PriceFeatureOptions(FeatureTtl? Ttl = null)
{
    /// <summary>The TTLs in force.</summary>
    public FeatureTtl Ttls => Ttl ?? new FeatureTtl(TimeSpan.FromDays(4));
}

/// <summary>
/// Price features from <see cref="PriceBar"/>s, per symbol: returns over 1, 5 and 20 bars, 20-bar realised
/// volatility, 20-bar volume z-score, the opening gap, 20-bar momentum and the days since the previous bar (see
/// <see cref="FeatureNames"/> for each definition). Everything is counted in bars, not calendar days: a bar after
/// a gap of missing days is compared with the previous bar, and <see cref="FeatureNames.DaysSincePrevBar"/> says
/// how far back that was. A feature is written once enough bars are known for it (ret_1d from the second bar,
/// the 20-bar features from the 21st).
/// </summary>
/// <remarks>
/// Refused, with a reason, and moving no feature: no symbol, a price of zero or less, high below low, negative
/// volume, a bar at the same time as the last one of its symbol (duplicate) or before it (out of order).
/// </remarks>
public sealed class PriceFeatureComputer(PriceFeatureOptions? options = null) : IFeatureComputer
{
    /// <summary>Bars kept per symbol: the newest and the twenty before it.</summary>
    internal const int Window = 21;

    /// <summary>Decimal places kept of each bar-to-bar return in the volatility window (features keep 10).</summary>
    internal const int ReturnScale = 12;

    private const decimal MaxVolumeUnits = 1_000_000_000_000m;

    private readonly FeatureTtl _ttl = Validated(options ?? new PriceFeatureOptions());
    private readonly Dictionary<string, BarHistory> _symbols = new(StringComparer.Ordinal);

    public FeatureUpdate Update(Observed<IObservation> observation, Attention attention, IFeatureStore store)
    {
        if (observation.Value is not PriceBar bar)
            return FeatureUpdate.Ignored;
        if (Check(bar) is { } bad)
            return FeatureUpdate.Reject(bad);
        if (!_symbols.TryGetValue(bar.Symbol, out var history))
            _symbols.Add(bar.Symbol, history = new BarHistory());
        else if (bar.TsEvent == history.LastAt)
            return FeatureUpdate.Reject(FeatureRejectReason.DuplicateBar);
        else if (bar.TsEvent < history.LastAt)
            return FeatureUpdate.Reject(FeatureRejectReason.OutOfOrderBar);

        var previousAt = history.LastAt;
        history.Add(bar);
        return FeatureUpdate.Wrote(Write(bar, previousAt, history, store));
    }

    private static FeatureRejectReason? Check(PriceBar bar)
    {
        if (bar.Symbol.Length == 0)
            return FeatureRejectReason.NoSymbol;
        if (bar.Open <= 0m || bar.High <= 0m || bar.Low <= 0m || bar.Close <= 0m)
            return FeatureRejectReason.NonPositivePrice;
        if (bar.High < bar.Low)
            return FeatureRejectReason.HighBelowLow;
        return bar.Volume < 0m ? FeatureRejectReason.NegativeVolume : null;
    }

    private int Write(PriceBar bar, DateTimeOffset? previousAt, BarHistory h, IFeatureStore store)
    {
        var written = 0;
        void Put(string name, decimal value)
        {
            store.Put(bar.Symbol, name, FeatureMath.Round(value), bar.TsEvent, _ttl.For(name));
            written++;
        }

        if (previousAt is not { } prev)
            return 0;
        var close = bar.Close;
        Put(FeatureNames.DaysSincePrevBar, (bar.TsEvent.UtcDateTime.Date - prev.UtcDateTime.Date).Days);
        Put(FeatureNames.Return1d, (close / h.CloseAgo(1)) - 1m);
        Put(FeatureNames.Gap, (bar.Open / h.CloseAgo(1)) - 1m);
        if (h.Count > 5)
            Put(FeatureNames.Return5d, (close / h.CloseAgo(5)) - 1m);
        if (h.Count >= 20)
        {
            var closes = 0m;
            for (var i = 0; i < 20; i++)
                closes += h.CloseAgo(i);
            Put(FeatureNames.Momentum20d, (close / (closes / 20m)) - 1m);
        }
        if (h.Count < Window)
            return written;

        Put(FeatureNames.Return20d, (close / h.CloseAgo(20)) - 1m);
        Span<decimal> returns = stackalloc decimal[20];
        for (var i = 0; i < 20; i++)
            returns[i] = h.ReturnAgo(i);
        Put(FeatureNames.Volatility20d, FeatureMath.SampleStdev(returns));

        // The z-score of this volume against the 20 bars before it. Volumes are first brought to at most 1e12 by a
        // power of ten (z does not change with the unit), so that the exact sums of squares cannot overflow.
        Span<decimal> volumes = stackalloc decimal[20];
        var max = 0m;
        for (var i = 0; i < 20; i++)
            max = Math.Max(max, volumes[i] = h.VolumeAgo(i + 1));
        var unit = 1m;
        while (Math.Max(max, h.VolumeAgo(0)) * unit > MaxVolumeUnits)
            unit *= 0.000001m;
        for (var i = 0; i < 20; i++)
            volumes[i] *= unit;
        var stdev = FeatureMath.SampleStdev(volumes);
        if (stdev > 0m)
            Put(FeatureNames.VolumeZ20d, ((h.VolumeAgo(0) * unit) - FeatureMath.Mean(volumes)) / stdev);
        return written;
    }

    private static FeatureTtl Validated(PriceFeatureOptions options)
    {
        options.Ttls.Validate();
        return options.Ttls;
    }

    /// <summary>The last <see cref="Window"/> closes and volumes of one symbol, in a ring.</summary>
    private sealed class BarHistory
    {
        private readonly decimal[] _closes = new decimal[Window];
        private readonly decimal[] _volumes = new decimal[Window];
        private readonly decimal[] _returns = new decimal[Window];
        private int _next;

        public int Count { get; private set; }

        public DateTimeOffset? LastAt { get; private set; }

        public void Add(PriceBar bar)
        {
            // Each bar-to-bar return is computed once, when its bar arrives.
            _returns[_next] = Count > 0 ? Math.Round((bar.Close / CloseAgo(0)) - 1m, ReturnScale, MidpointRounding.AwayFromZero) : 0m;
            _closes[_next] = bar.Close;
            _volumes[_next] = bar.Volume;
            _next = (_next + 1) % Window;
            Count = Math.Min(Count + 1, Window);
            LastAt = bar.TsEvent;
        }

        /// <summary>The close <paramref name="bars"/> bars before the newest (0: the newest).</summary>
        public decimal CloseAgo(int bars) => _closes[Index(bars)];

        public decimal VolumeAgo(int bars) => _volumes[Index(bars)];

        /// <summary>The return of the bar <paramref name="bars"/> bars before the newest over its predecessor.</summary>
        public decimal ReturnAgo(int bars) => _returns[Index(bars)];

        private int Index(int bars) => (_next - 1 - bars + (2 * Window)) % Window;
    }
}
