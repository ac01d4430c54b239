using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.Lean;
using Vanta.Markets.Features;
using Vanta.Markets.Tape;

namespace Vanta.Markets.Tests.Features;

/// <summary>The feature engine over the bundled sample tape (14 symbols of daily bars, Apple's 2019 Form 4s, Reddit).</summary>
public sealed class SampleTapeFeatureTests
{
    private static readonly Lazy<List<Observed<IObservation>>> Tape = new(() =>
    {
        var replay = new TapeReader().Read(TapeManifest.Load(TestData.SampleTape).Manifest!);
        return [.. replay.Observations.Select(o => new Observed<IObservation>(
            new EventId(ContentHash.Id(replay.Documents[o.DocumentIndex].Sha256, o.Position.ToString(CultureInfo.InvariantCulture))),
            o.Observation))];
    });

    private static (FeatureEngine Engine, InMemoryFeatureStore Store) Run(IEnumerable<Observed<IObservation>> observations, int history = 8)
    {
        var engine = FeatureEngine.Create(new TableSentiment());
        var store = new InMemoryFeatureStore(history);
        foreach (var o in observations)
            engine.Update(o, store);
        return (engine, store);
    }

    [Fact]
    public void Every_bar_is_accepted_and_every_symbol_ends_with_all_price_features()
    {
        var (engine, store) = Run(Tape.Value);
        var bars = Tape.Value.Select(o => o.Value).OfType<PriceBar>().ToList();

        Assert.Equal(14 * 1006, bars.Count);
        Assert.All(
            new[] { FeatureRejectReason.NonPositivePrice, FeatureRejectReason.HighBelowLow, FeatureRejectReason.NegativeVolume,
                FeatureRejectReason.DuplicateBar, FeatureRejectReason.OutOfOrderBar },
            reason => Assert.Equal(0, engine.Rejections.Count(reason)));
        var last = bars.Max(b => b.TsEvent);
        Assert.All(bars.Select(b => b.Symbol).Distinct(), symbol =>
        {
            var f = store.Snapshot(symbol, last);
            Assert.All(
                new[] { FeatureNames.Return1d, FeatureNames.Return5d, FeatureNames.Return20d, FeatureNames.Volatility20d,
                    FeatureNames.VolumeZ20d, FeatureNames.Gap, FeatureNames.Momentum20d, FeatureNames.DaysSincePrevBar },
                name => Assert.NotNull(f.Get(name)));
            Assert.InRange(f.Get(FeatureNames.Volatility20d)!.Value, 0.001m, 0.1m);
        });
    }

    [Fact]
    public void Aapl_insider_selling_of_august_2019_matches_the_filings()
    {
        var (_, store) = Run(Tape.Value, history: 4096);
        var f = store.Snapshot("AAPL", new DateTimeOffset(2019, 8, 28, 20, 0, 0, TimeSpan.Zero));

        // Open-market sales public in the 30 days: Levinson 17,500 x 201.69 and Cook's 129,555 x 205.75 +
        // 132,113 x 206.55 + 3,492 x 207.13, no purchases: -58,196,754.36 (the same figure as the first scorer).
        Assert.Equal(-58_196_754.36m, f.Get(FeatureNames.InsiderNetBuyUsd30d));
        Assert.Equal(0m, f.Get(FeatureNames.InsiderClusterBuyers14d));
        Assert.True(f.Get(FeatureNames.InsiderRoleWeightedNetUsd30d) < 0m);
    }

    [Fact]
    public void The_first_aapl_bars_give_hand_computed_returns()
    {
        var doc = TestData.Document(LeanDailyParser.SourceKind, Path.Combine(TestData.SampleTape, "lean", "daily", "AAPL.csv"), "AAPL.csv");
        var (_, store) = Run(new LeanDailyParser().Parse(doc).Observations.Select(FeatureKit.Obs), history: 4096);
        var jan5 = store.Snapshot("AAPL", new DateTimeOffset(2016, 1, 5, 21, 0, 0, TimeSpan.Zero));

        // 2016-01-04 close 105.35; 2016-01-05 open 105.7, close 102.71 (raw prices, no factor files).
        Assert.Equal(-0.0250593261m, jan5.Get(FeatureNames.Return1d)); // 102.71 / 105.35 - 1
        Assert.Equal(0.0033222591m, jan5.Get(FeatureNames.Gap));      // 105.7 / 105.35 - 1
        Assert.Equal(1m, jan5.Get(FeatureNames.DaysSincePrevBar));
    }

    [Theory]
    [InlineData("2016-03-15T21:00:00Z")]
    [InlineData("2017-07-03T17:00:00Z")]
    [InlineData("2019-08-28T20:00:00Z")]
    [InlineData("2019-12-31T00:00:00Z")]
    public void A_snapshot_is_the_same_whether_or_not_later_observations_were_fed(string at)
    {
        var cut = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
        var (_, full) = Run(Tape.Value, history: 4096);
        var (_, prefix) = Run(Tape.Value.Where(o => o.Value.TsEvent <= cut), history: 4096);

        foreach (var symbol in new[] { "AAPL", "SPY", "IBM" })
        {
            var expected = prefix.Snapshot(symbol, cut);
            Assert.NotEmpty(expected.Values);
            Assert.Equal(expected.Values, full.Snapshot(symbol, cut).Values);
        }
    }
}
