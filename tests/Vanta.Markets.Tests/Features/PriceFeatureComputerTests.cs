using Vanta.Core.Domain;
using Vanta.Markets.Features;
using static Vanta.Markets.Tests.Features.FeatureKit;

namespace Vanta.Markets.Tests.Features;

public sealed class PriceFeatureComputerTests
{
    // History deep enough to look back at every bar of a test.
    private static (PriceFeatureComputer Computer, InMemoryFeatureStore Store) Run(IEnumerable<PriceBar> bars)
    {
        var computer = new PriceFeatureComputer();
        var store = new InMemoryFeatureStore(historyPerFeature: 64);
        foreach (var bar in bars)
            Assert.Null(computer.Update(Obs(bar), Attention.Full, store).Rejected);
        return (computer, store);
    }

    [Fact]
    public void Returns_and_momentum_over_a_ramp_of_closes()
    {
        // Closes 100, 101, ..., 120 on 21 consecutive days; the last bar opens at 118.
        var bars = Enumerable.Range(0, 21).Select(i => Bar(i, 100m + i, open: i == 20 ? 118m : null)).ToList();
        var (_, store) = Run(bars);
        var f = store.Snapshot("ACME", Day(20));

        Assert.Equal(0.0084033613m, f.Get(FeatureNames.Return1d));      // 120 / 119 - 1
        Assert.Equal(0.0434782609m, f.Get(FeatureNames.Return5d));      // 120 / 115 - 1
        Assert.Equal(0.2m, f.Get(FeatureNames.Return20d));              // 120 / 100 - 1
        Assert.Equal(0.0859728507m, f.Get(FeatureNames.Momentum20d));   // 120 / mean(101..120) = 120 / 110.5 - 1
        Assert.Equal(-0.0084033613m, f.Get(FeatureNames.Gap));          // 118 / 119 - 1
        Assert.Equal(1m, f.Get(FeatureNames.DaysSincePrevBar));
        Assert.Null(f.Get(FeatureNames.VolumeZ20d));                    // constant volume: stdev 0, no z-score
    }

    [Fact]
    public void Features_appear_once_enough_bars_are_known()
    {
        var (_, store) = Run(Enumerable.Range(0, 21).Select(i => Bar(i, 100m + i)));

        Assert.Empty(store.Snapshot("ACME", Day(0)).Values);
        Assert.Equal([FeatureNames.DaysSincePrevBar, FeatureNames.Gap, FeatureNames.Return1d], store.Snapshot("ACME", Day(1)).Values.Keys);
        Assert.NotNull(store.Snapshot("ACME", Day(5)).Get(FeatureNames.Return5d));
        Assert.Null(store.Snapshot("ACME", Day(18)).Get(FeatureNames.Momentum20d));
        Assert.NotNull(store.Snapshot("ACME", Day(19)).Get(FeatureNames.Momentum20d));
        Assert.Null(store.Snapshot("ACME", Day(19)).Get(FeatureNames.Return20d));
        Assert.Equal(0.2m, store.Snapshot("ACME", Day(20)).Get(FeatureNames.Return20d));
    }

    [Fact]
    public void Realised_volatility_and_volume_z_score()
    {
        // Closes alternate 100, 125: returns +0.25 and -0.2, ten of each; mean 0.025, squared deviations
        // 20 x 0.050625 = 1.0125, / 19, root 0.2308451292. Volumes alternate 100, 300 for twenty bars (mean 200,
        // sample stdev sqrt(20 x 100^2 / 19) = 102.5978352085), then 500: z = 300 / 102.5978352085 = 2.9240383034.
        var bars = Enumerable.Range(0, 21)
            .Select(i => Bar(i, i % 2 == 0 ? 100m : 125m, volume: i == 20 ? 500m : i % 2 == 0 ? 100m : 300m));
        var (_, store) = Run(bars);
        var f = store.Snapshot("ACME", Day(20));

        Assert.Equal(0.2308451292m, f.Get(FeatureNames.Volatility20d));
        Assert.Equal(2.9240383034m, f.Get(FeatureNames.VolumeZ20d));
    }

    [Fact]
    public void Volume_z_score_is_unit_free_and_survives_huge_volumes()
    {
        // The same pattern as above in units of 1e20 shares: squares of such volumes would overflow decimal.
        var bars = Enumerable.Range(0, 21)
            .Select(i => Bar(i, 100m, volume: (i == 20 ? 500m : i % 2 == 0 ? 100m : 300m) * 1e20m));
        var (_, store) = Run(bars);

        Assert.Equal(2.9240383034m, store.Snapshot("ACME", Day(20)).Get(FeatureNames.VolumeZ20d));
    }

    [Fact]
    public void A_gap_of_missing_days_is_measured_over_bars_and_noted()
    {
        var (_, store) = Run([Bar(0, 100m), Bar(1, 110m), Bar(8, 99m, open: 121m)]);
        var f = store.Snapshot("ACME", Day(8));

        Assert.Equal(7m, f.Get(FeatureNames.DaysSincePrevBar));
        Assert.Equal(-0.1m, f.Get(FeatureNames.Return1d)); // against the previous bar, 110, seven days earlier
        Assert.Equal(0.1m, f.Get(FeatureNames.Gap));
        Assert.Null(store.Snapshot("ACME", Day(7)).Get(FeatureNames.Return1d)); // day 1's values expired after 4 days
    }

    public static TheoryData<PriceBar, FeatureRejectReason> BadBars() => new()
    {
        { Bar(3, 0m), FeatureRejectReason.NonPositivePrice },
        { Bar(3, 100m) with { Open = -1m }, FeatureRejectReason.NonPositivePrice },
        { Bar(3, 100m) with { Low = 0m }, FeatureRejectReason.NonPositivePrice },
        { Bar(3, 100m) with { High = 90m, Low = 95m }, FeatureRejectReason.HighBelowLow },
        { Bar(3, 100m, volume: -5m), FeatureRejectReason.NegativeVolume },
        { Bar(2, 500m), FeatureRejectReason.DuplicateBar },
        { Bar(1, 500m), FeatureRejectReason.OutOfOrderBar },
        { Bar(3, 100m) with { Symbol = "" }, FeatureRejectReason.NoSymbol },
    };

    [Theory]
    [MemberData(nameof(BadBars))]
    public void A_bad_bar_is_refused_with_its_reason_and_moves_no_feature(PriceBar bad, FeatureRejectReason reason)
    {
        var (computer, store) = Run([Bar(0, 100m), Bar(1, 101m), Bar(2, 102m)]);
        var before = store.Snapshot("ACME", Day(3));

        Assert.Equal(FeatureUpdate.Reject(reason), computer.Update(Obs(bad), Attention.Full, store));
        Assert.Equal(before.Values, store.Snapshot("ACME", Day(3)).Values);

        // The next good bar is measured against the last good one, as if the bad bar never came.
        computer.Update(Obs(Bar(4, 112.2m)), Attention.Full, store);
        Assert.Equal(0.1m, store.Snapshot("ACME", Day(4)).Get(FeatureNames.Return1d));
        Assert.Equal(2m, store.Snapshot("ACME", Day(4)).Get(FeatureNames.DaysSincePrevBar));
    }

    [Fact]
    public void Symbols_are_independent()
    {
        var (_, store) = Run([Bar(0, 100m), Bar(0, 50m, symbol: "XYZ"), Bar(1, 110m), Bar(1, 40m, symbol: "XYZ")]);

        Assert.Equal(0.1m, store.Snapshot("ACME", Day(1)).Get(FeatureNames.Return1d));
        Assert.Equal(-0.2m, store.Snapshot("XYZ", Day(1)).Get(FeatureNames.Return1d));
    }

    [Fact]
    public void Ttl_overrides_apply_per_feature()
    {
        var ttl = new FeatureTtl(TimeSpan.FromDays(4), System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(
            StringComparer.Ordinal, [KeyValuePair.Create(FeatureNames.Gap, TimeSpan.FromHours(1))]));
        var computer = new PriceFeatureComputer(new PriceFeatureOptions(ttl));
        var store = new InMemoryFeatureStore();
        computer.Update(Obs(Bar(0, 100m)), Attention.Full, store);
        computer.Update(Obs(Bar(1, 100m)), Attention.Full, store);

        var later = store.Snapshot("ACME", Day(1).AddHours(2));
        Assert.Null(later.Get(FeatureNames.Gap));
        Assert.Equal(0m, later.Get(FeatureNames.Return1d));
    }
}
