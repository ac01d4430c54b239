using Vanta.Core.Domain;
using Vanta.Markets.Features;
using static Vanta.Markets.Tests.Features.FeatureKit;

namespace Vanta.Markets.Tests.Features;

public sealed class SocialFeatureComputerTests
{
    private static readonly TableSentiment Model = new(new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["good"] = 0.5m,
        ["bad"] = -0.5m,
        ["moon"] = 1m,
        ["wild"] = 3m,
    });

    [Fact]
    public void Velocity_sentiment_dispersion_and_swarm_share_of_the_last_day()
    {
        var computer = new SocialFeatureComputer(Model);
        var store = new InMemoryFeatureStore();
        var now = Day(10);
        // Fourteen plain mentions in the seven days before the last 24 hours: a daily mean of 2.
        for (var k = 0; k < 14; k++)
            computer.Update(Obs(Post(now.AddHours(-25 - (12 * k)), "old", "ACME")), Attention.Full, store);
        // A mention 8 days back or more is outside every window.
        computer.Update(Obs(Post(now.AddDays(-8), "old", "ACME")), Attention.Full, store);
        computer.Update(Obs(Post(now.AddHours(-3), "good", "ACME")), Attention.Full, store);
        computer.Update(Obs(Post(now.AddHours(-2), "bad", "ACME")), Attention.Full, store);
        var last = computer.Update(Obs(Post(now, "moon", "ACME")), new Attention(0.5m, Swarm: true), store);

        // Last day: weights 1, 1, 0.5 = 2.5; velocity 2.5 / 2 = 1.25. Weighted mean (0.5 - 0.5 + 0.5) / 2.5 = 0.2;
        // variance (1 x 0.3^2 + 1 x 0.7^2 + 0.5 x 0.8^2) / 2.5 = 0.9 / 2.5 = 0.36, stdev 0.6. Swarm: 1 of 3 mentions.
        var f = store.Snapshot("ACME", now);
        Assert.Equal(FeatureUpdate.Wrote(5), last);
        Assert.Equal(2.5m, f.Get(FeatureNames.Mentions1d));
        Assert.Equal(1.25m, f.Get(FeatureNames.MentionVelocity1d));
        Assert.Equal(0.2m, f.Get(FeatureNames.SentimentMean1d));
        Assert.Equal(0.6m, f.Get(FeatureNames.SentimentDispersion1d));
        Assert.Equal(0.3333333333m, f.Get(FeatureNames.SwarmShare1d));
    }

    [Fact]
    public void Velocity_without_history_divides_by_the_configured_floor()
    {
        var store = new InMemoryFeatureStore();
        new SocialFeatureComputer(Model).Update(Obs(Post(Day(0), "good", "ACME")), Attention.Full, store);
        new SocialFeatureComputer(Model, new SocialFeatureOptions(MinDailyBaseline: 0.5m))
            .Update(Obs(Post(Day(0), "good", "XYZ")), Attention.Full, store);

        Assert.Equal(1m, store.Snapshot("ACME", Day(0)).Get(FeatureNames.MentionVelocity1d));
        Assert.Equal(2m, store.Snapshot("XYZ", Day(0)).Get(FeatureNames.MentionVelocity1d));
        Assert.Equal(0m, store.Snapshot("ACME", Day(0)).Get(FeatureNames.SentimentDispersion1d));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("  ", "\n\t")]
    public void An_empty_text_is_refused_never_scored_and_never_counted(string title, string body)
    {
        var model = new TableSentiment();
        var store = new InMemoryFeatureStore();
        var post = Post(Day(0), title, "ACME") with { Body = body };
        var engine = new FeatureEngine([new SocialFeatureComputer(model)]);

        Assert.Equal(FeatureUpdate.Reject(FeatureRejectReason.EmptyText), engine.Update(Obs(post), store));
        Assert.Empty(model.Scored);
        Assert.Empty(store.Snapshot("ACME", Day(0)).Values);
        Assert.Equal(1, engine.Rejections.Count(FeatureRejectReason.EmptyText));
    }

    [Fact]
    public void A_post_naming_two_symbols_is_scored_once_and_counted_for_each()
    {
        var model = new TableSentiment(new Dictionary<string, decimal>(StringComparer.Ordinal) { ["title\nbody"] = 0.4m });
        var store = new InMemoryFeatureStore();
        var post = Post(Day(0), "title", "ACME", "xyz", "ACME") with { Body = "body" };

        Assert.Equal(FeatureUpdate.Wrote(10), new SocialFeatureComputer(model).Update(Obs(post), Attention.Full, store));
        Assert.Equal(["title\nbody"], model.Scored);
        Assert.Equal(0.4m, store.Snapshot("ACME", Day(0)).Get(FeatureNames.SentimentMean1d));
        Assert.Equal(1m, store.Snapshot("XYZ", Day(0)).Get(FeatureNames.Mentions1d));
    }

    [Fact]
    public void News_headlines_count_and_scores_are_clamped()
    {
        var store = new InMemoryFeatureStore();
        var news = new NewsItem("n1", "rss", "wild", "", "u", Day(0), ["ACME"]);
        new SocialFeatureComputer(Model).Update(Obs(news), Attention.Full, store);

        Assert.Equal(1m, store.Snapshot("ACME", Day(0)).Get(FeatureNames.SentimentMean1d));
    }

    [Fact]
    public void Zero_weight_mentions_count_for_swarm_share_but_give_no_sentiment()
    {
        var store = new InMemoryFeatureStore();
        new SocialFeatureComputer(Model).Update(Obs(Post(Day(0), "good", "ACME")), new Attention(0m, Swarm: true), store);
        var f = store.Snapshot("ACME", Day(0));

        Assert.Equal(0m, f.Get(FeatureNames.Mentions1d));
        Assert.Equal(1m, f.Get(FeatureNames.SwarmShare1d));
        Assert.Null(f.Get(FeatureNames.SentimentMean1d));
    }

    [Fact]
    public void A_post_without_symbols_is_refused_and_other_observations_are_ignored()
    {
        var computer = new SocialFeatureComputer(Model);
        var store = new InMemoryFeatureStore();

        Assert.Equal(FeatureUpdate.Reject(FeatureRejectReason.NoSymbol), computer.Update(Obs(Post(Day(0), "good")), Attention.Full, store));
        Assert.Equal(FeatureUpdate.Ignored, computer.Update(Obs(Bar(0, 1m)), Attention.Full, store));
    }

    [Fact]
    public void Values_expire_after_a_day()
    {
        var store = new InMemoryFeatureStore();
        new SocialFeatureComputer(Model).Update(Obs(Post(Day(0), "good", "ACME")), Attention.Full, store);

        Assert.NotEmpty(store.Snapshot("ACME", Day(1).AddTicks(-1)).Values);
        Assert.Empty(store.Snapshot("ACME", Day(1)).Values);
    }
}
