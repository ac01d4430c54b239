using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Markets.Reflection;
using Vanta.Markets.Tape;

namespace Vanta.Markets.Tests.Reflection;

/// <summary>The scorer over the whole bundled tape, as <c>vanta run</c> feeds it.</summary>
public sealed class SampleTapeScoringTests
{
    private static readonly Lazy<(TapeReplay Replay, List<ConvictionVector> Convictions)> Scored = new(() =>
    {
        var loaded = TapeManifest.Load(TestData.SampleTape);
        var replay = new TapeReader().Read(loaded.Manifest!);
        var scorer = new MomentumInsiderScorer();
        var convictions = new List<ConvictionVector>();
        foreach (var o in replay.Observations)
        {
            // Stand-in ids for the envelopes the lead's pipeline will mint: unique per document and position.
            var id = new EventId(ContentHash.Id(replay.Documents[o.DocumentIndex].Sha256, o.Position.ToString(CultureInfo.InvariantCulture)));
            convictions.AddRange(scorer.Update(new Observed<IObservation>(id, o.Observation)));
        }
        return (replay, convictions);
    });

    [Fact]
    public void Every_warm_bar_issues_one_conviction_whose_reasons_add_up_exactly()
    {
        var convictions = Scored.Value.Convictions;

        Assert.Equal(14 * (1006 - 20), convictions.Count);
        Assert.All(convictions, c =>
        {
            Assert.Equal(c.ConvictionScore, c.ReasonVector.Values.Sum());
            Assert.InRange(c.ConvictionScore, -1m, 1m);
            Assert.Equal(["insider_net_buying_30d", "momentum_20d"], c.ReasonVector.Keys);
            Assert.Equal(c.IssuedAt + TimeSpan.FromDays(4), c.ExpiresAt);
        });
        Assert.Equal(convictions.Count, convictions.Select(c => c.SignalId).Distinct().Count());
    }

    [Fact]
    public void Aapl_after_the_august_2019_sales_carries_a_negative_insider_cluster()
    {
        var aapl = Scored.Value.Convictions.Single(c => c.Symbol == "AAPL" && c.IssuedAt == new DateTimeOffset(2019, 8, 28, 20, 0, 0, TimeSpan.Zero));

        // Open-market sales in the 30 days: Levinson 17,500 x 201.69 (public 2019-08-14) and Cook's three sales
        // (public 2019-08-27): 129,555 x 205.75 + 132,113 x 206.55 + 3,492 x 207.13. Net -58,196,754.36;
        // x = -58.19675436, squash = x / (1 + |x|), x 0.4 = -0.393243.
        Assert.Equal(-0.393243m, aapl.ReasonVector["insider_net_buying_30d"]);
        Assert.Equal<string>(["equity", "insider-cluster"], aapl.RoutingTags.AsEnumerable());
        Assert.Equal(5, aapl.Parents.Length); // the bar and four sales
        Assert.All(Scored.Value.Convictions.Where(c => c.Symbol != "AAPL"), c => Assert.Equal(0m, c.ReasonVector["insider_net_buying_30d"]));
    }
}
