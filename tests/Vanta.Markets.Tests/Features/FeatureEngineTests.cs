using Vanta.Core.Domain;
using Vanta.Markets.Features;
using static Vanta.Markets.Tests.Features.FeatureKit;

namespace Vanta.Markets.Tests.Features;

public sealed class FeatureEngineTests
{
    [Fact]
    public void A_bad_bar_reaches_no_computer_and_is_logged_with_its_reason()
    {
        var engine = FeatureEngine.Create(new TableSentiment());
        var store = new InMemoryFeatureStore();
        engine.Update(Obs(Trade(0, "P", 10m, 10m)), store);
        engine.Update(Obs(Bar(1, 100m)), store);
        var bad = Obs(Bar(2, 100m) with { Close = -1m });

        Assert.Equal(FeatureUpdate.Reject(FeatureRejectReason.NonPositivePrice), engine.Update(bad, store));
        Assert.Equal(Day(1), store.Latest("ACME", FeatureNames.InsiderNetBuyUsd30d, Day(2))?.AsOf); // the insider roll did not run
        engine.Update(Obs(Bar(1, 100m)), store);

        Assert.Equal(2, engine.Rejections.Total);
        Assert.Equal([FeatureRejectReason.NonPositivePrice, FeatureRejectReason.DuplicateBar], engine.Rejections.Counts.Keys);
        Assert.Equal(bad.EventId, engine.Rejections.Recent[0].EventId);
        Assert.Equal(("ACME", Day(2)), (engine.Rejections.Recent[0].Symbol, engine.Rejections.Recent[0].TsEvent));
    }

    [Fact]
    public void A_bar_updates_price_and_insider_features_together()
    {
        var engine = FeatureEngine.Create(new TableSentiment());
        var store = new InMemoryFeatureStore();
        engine.Update(Obs(Bar(0, 100m)), store);
        engine.Update(Obs(Trade(0, "P", 10m, 10m)), store);

        Assert.Equal(FeatureUpdate.Wrote(7), engine.Update(Obs(Bar(1, 105m)), store)); // 3 price + 4 insider
        var f = store.Snapshot("ACME", Day(1));
        Assert.Equal(0.05m, f.Get(FeatureNames.Return1d));
        Assert.Equal(100m, f.Get(FeatureNames.InsiderNetBuyUsd30d));
    }

    [Fact]
    public void Pre_enrichment_weight_and_swarm_flag_reach_the_social_features_and_duplicates_are_skipped()
    {
        var engine = FeatureEngine.Create(new TableSentiment());
        var store = new InMemoryFeatureStore();
        var post = Post(Day(0), "to the moon", "ACME");
        var swarm = new Vanta.Markets.Enrichment.PreEnriched(post, default, Vanta.Markets.Enrichment.EnrichmentFlags.Swarm, null!, 0.25m, null);
        var duplicate = swarm with { Flags = Vanta.Markets.Enrichment.EnrichmentFlags.Duplicate };

        engine.Update(Obs(post), swarm, store);
        Assert.Equal(FeatureUpdate.Ignored, engine.Update(Obs(post), duplicate, store));

        var f = store.Snapshot("ACME", Day(0));
        Assert.Equal(0.25m, f.Get(FeatureNames.Mentions1d));
        Assert.Equal(1m, f.Get(FeatureNames.SwarmShare1d));
    }

    [Fact]
    public void The_rejection_log_keeps_the_most_recent_within_its_capacity()
    {
        var log = new FeatureRejections(capacity: 2);
        for (var i = 0; i < 3; i++)
            log.Add(new FeatureRejection(new Vanta.Core.Ids.EventId("e" + i), "ACME", Day(i), FeatureRejectReason.EmptyText));

        Assert.Equal(3, log.Count(FeatureRejectReason.EmptyText));
        Assert.Equal([Day(1), Day(2)], log.Recent.Select(r => r.TsEvent));
    }
}
