using Vanta.Core.Domain;
using Vanta.Markets.Features;
using static Vanta.Markets.Tests.Features.FeatureKit;

namespace Vanta.Markets.Tests.Features;

public sealed class MacroFeatureComputerTests
{
    private static readonly string Feature = FeatureNames.MacroChange("DGS10", 2);

    private static MacroObservation Obs10(int day, decimal? value, string series = "DGS10") =>
        new(series, DateOnly.FromDateTime(Day(day).UtcDateTime), value, default, default, Day(day), "fred");

    [Fact]
    public void Change_over_the_last_n_values_skipping_missing_ones()
    {
        var computer = new MacroFeatureComputer(new MacroFeatureOptions([new MacroSeries("DGS10", 2, TimeSpan.FromDays(3))]));
        var store = new InMemoryFeatureStore();
        FeatureUpdate Feed(MacroObservation o) => computer.Update(Obs(o), Attention.Full, store);

        Assert.Equal(FeatureUpdate.Wrote(0), Feed(Obs10(0, 1.0m)));
        Assert.Equal(FeatureUpdate.Reject(FeatureRejectReason.MissingValue), Feed(Obs10(1, null)));
        Assert.Equal(FeatureUpdate.Wrote(0), Feed(Obs10(2, 1.1m)));
        Assert.Equal(FeatureUpdate.Wrote(1), Feed(Obs10(3, 1.3m)));
        Assert.Equal(0.3m, store.Snapshot(FeatureNames.MacroSymbol, Day(3)).Get(Feature)); // 1.3 - 1.0: the missing day is no value
        Feed(Obs10(4, 1.2m));
        Assert.Equal(0.1m, store.Snapshot(FeatureNames.MacroSymbol, Day(4)).Get(Feature)); // 1.2 - 1.1
        Assert.Null(store.Snapshot(FeatureNames.MacroSymbol, Day(7)).Get(Feature));        // TTL 3 days
        Assert.Equal("macro_dgs10_chg_2", Feature);
    }

    [Fact]
    public void A_revision_or_replay_is_stale_and_unconfigured_series_are_ignored()
    {
        var computer = new MacroFeatureComputer(MacroFeatureOptions.Daily);
        var store = new InMemoryFeatureStore();

        computer.Update(Obs(Obs10(5, 1m)), Attention.Full, store);
        Assert.Equal(FeatureUpdate.Reject(FeatureRejectReason.StaleObservation), computer.Update(Obs(Obs10(5, 2m)), Attention.Full, store));
        Assert.Equal(FeatureUpdate.Reject(FeatureRejectReason.StaleObservation), computer.Update(Obs(Obs10(4, 2m)), Attention.Full, store));
        Assert.Equal(FeatureUpdate.Ignored, computer.Update(Obs(Obs10(6, 2m, "UNRATE")), Attention.Full, store));
        Assert.Equal(FeatureUpdate.Ignored, new MacroFeatureComputer(new MacroFeatureOptions()).Update(Obs(Obs10(6, 2m)), Attention.Full, store));
    }
}
