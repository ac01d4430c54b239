using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Stages;

namespace Vanta.Markets.Features;

/// <summary>One configured macro series: its FRED id, over how many observations to measure the change, and the TTL.</summary>
public sealed record MacroSeries(string SeriesId, int Observations, TimeSpan Ttl)
{
    /// <summary>The feature this series writes, e.g. <c>macro_dgs10_chg_5</c>.</summary>
    public string Feature => FeatureNames.MacroChange(SeriesId, Observations);
}

/// <summary>Options of <see cref="MacroFeatureComputer"/>: the series to follow (none by default).</summary>
public sealed record MacroFeatureOptions(ImmutableArray<MacroSeries> Series = default)
{
    /// <summary>10-year Treasury yield (DGS10), VIX (VIXCLS) and the 10y-2y spread (T10Y2Y), change over 5 observations, TTL 7 days.</summary>
    public static MacroFeatureOptions Daily { get; } = new([
        new MacroSeries("DGS10", 5, TimeSpan.FromDays(7)),
        new MacroSeries("VIXCLS", 5, TimeSpan.FromDays(7)),
        new MacroSeries("T10Y2Y", 5, TimeSpan.FromDays(7)),
    ]);
}

/// <summary>
/// Macro features from <see cref="MacroObservation"/>s of the configured series: the change of the value over the
/// last N observations (value now minus value N observations earlier, in the series' units), written under
/// <see cref="FeatureNames.MacroSymbol"/> as of the observation's event time. Missing values (FRED's <c>"."</c>) are
/// skipped, counted as <see cref="FeatureRejectReason.MissingValue"/>, so the N observations are N values. An
/// observation dated no later than the last one kept for its series (a revision or a replay) is refused as
/// <see cref="FeatureRejectReason.StaleObservation"/>. Series that are not configured are ignored.
/// </summary>
public sealed class MacroFeatureComputer : IFeatureComputer
{
    private readonly Dictionary<string, (MacroSeries Spec, Queue<(DateOnly Date, decimal Value)> Values)> _series =
        new(StringComparer.OrdinalIgnoreCase);

    public MacroFeatureComputer(MacroFeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var spec in options.Series.IsDefault ? [] : options.Series)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(spec.SeriesId);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(spec.Observations);
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(spec.Ttl, TimeSpan.Zero);
            _series.Add(spec.SeriesId, (spec, new Queue<(DateOnly, decimal)>(spec.Observations + 1)));
        }
    }

    public FeatureUpdate Update(Observed<IObservation> observation, Attention attention, IFeatureStore store)
    {
        if (observation.Value is not MacroObservation o || !_series.TryGetValue(o.SeriesId, out var series))
            return FeatureUpdate.Ignored;
        if (o.Value is not { } value)
            return FeatureUpdate.Reject(FeatureRejectReason.MissingValue);
        var (spec, values) = series;
        if (values.Count > 0 && o.Date <= values.Last().Date)
            return FeatureUpdate.Reject(FeatureRejectReason.StaleObservation);

        if (values.Count == spec.Observations + 1)
            values.Dequeue();
        values.Enqueue((o.Date, value));
        if (values.Count < spec.Observations + 1)
            return FeatureUpdate.Wrote(0);
        store.Put(FeatureNames.MacroSymbol, spec.Feature, FeatureMath.Round(value - values.Peek().Value), o.TsEvent, spec.Ttl);
        return FeatureUpdate.Wrote(1);
    }
}
