using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Markets.Features;
using Vanta.Markets.Models;
using Vanta.Markets.Reflection.Stacking;

namespace Vanta.Markets.Tests.Reflection.Stacking;

public sealed class MetaBeliefStackerTests
{
    private static readonly DateTimeOffset T0 = new(2019, 1, 2, 21, 0, 0, TimeSpan.Zero);
    private static readonly ImmutableSortedDictionary<string, decimal> None = ImmutableSortedDictionary<string, decimal>.Empty;

    private static ModelScore Score(string model, string family, decimal score, DateTimeOffset at) =>
        new(model, family, "AAPL", score, None, "", at);

    private static FeatureVector Features(DateTimeOffset at, params (string Name, decimal Value)[] values) =>
        new("AAPL", at, values.ToImmutableSortedDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));

    private static PriceBar Bar(int day, decimal close) =>
        new("AAPL", T0.AddDays(day).AddHours(-6.5), T0.AddDays(day), close, close, close, close, 1000m, "test");

    [Fact]
    public void Equal_weights_average_the_scores_and_the_reasons_add_up_exactly()
    {
        var stacker = new MetaBeliefStacker(new StackerOptions());
        var c = stacker.Stack(Features(T0), [Score("a@1", "price", 0.6m, T0), Score("b@1", "insider", -0.2m, T0)], 100m, "equity", [new EventId("e1")])!;

        // (1 * 0.6 + 1 * -0.2) / 2 = 0.2, split as 0.3 and -0.1.
        Assert.Equal(0.2m, c.ConvictionScore);
        Assert.Equal(0.3m, c.ReasonVector["a@1"]);
        Assert.Equal(-0.1m, c.ReasonVector["b@1"]);
        Assert.Equal(c.ConvictionScore, c.ReasonVector.Values.Sum());
        Assert.Equal(["equity"], c.RoutingTags.AsEnumerable());
        Assert.StartsWith("AAPL +0.20: ", c.Rationale);
    }

    [Fact]
    public void The_model_that_called_the_move_gains_weight_after_the_horizon_and_not_before()
    {
        var stacker = new MetaBeliefStacker(new StackerOptions { HorizonBars = 2 });
        stacker.Observe(Bar(0, 100m));
        stacker.Stack(Features(T0), [Score("bull@1", "price", 0.8m, T0), Score("bear@1", "price", -0.8m, T0)], 100m, "equity", []);
        stacker.Observe(Bar(1, 105m));
        Assert.Equal(0L, stacker.Weights.Updates);

        stacker.Observe(Bar(2, 110m));

        Assert.Equal(1L, stacker.Weights.Updates);
        Assert.True(stacker.Weights.WeightOf("bull@1") > stacker.Weights.WeightOf("bear@1"));
        // 2 * exp(0.24) / (exp(0.24) + exp(-0.24)) = 2 * 1.271249 / 2.057877 = 1.235497; fixed share 2% of the
        // learners' mass (2) spread evenly: 0.98 * 1.235497 + 0.02 * 1 = 1.230787.
        Assert.InRange(stacker.Weights.WeightOf("bull@1"), 1.23078m, 1.23079m);
        var entry = Assert.Single(stacker.Leaderboard.Entries(stacker.Weights), e => e.ModelId == "bull@1");
        Assert.Equal((1, 1, 1m), (entry.Judged, entry.Hits, entry.HitRate));
    }

    [Fact]
    public void A_pinned_weight_never_learns()
    {
        var options = new StackerOptions { HorizonBars = 1, WeightOverrides = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("bear@1", 0.5m)]) };
        var stacker = new MetaBeliefStacker(options);
        stacker.Observe(Bar(0, 100m));
        stacker.Stack(Features(T0), [Score("bull@1", "price", 0.8m, T0), Score("bear@1", "price", -0.8m, T0)], 100m, "equity", []);
        stacker.Observe(Bar(1, 120m));
        Assert.Equal(0.5m, stacker.Weights.WeightOf("bear@1"));
    }

    [Fact]
    public void Small_moves_keep_the_published_belief_and_large_ones_replace_it()
    {
        var stacker = new MetaBeliefStacker(new StackerOptions { HysteresisBand = 0.05m });
        var first = stacker.Stack(Features(T0), [Score("a@1", "price", 0.40m, T0)], 100m, "equity", [])!;
        var held = stacker.Stack(Features(T0.AddDays(1)), [Score("a@1", "price", 0.43m, T0.AddDays(1))], 100m, "equity", [])!;
        var moved = stacker.Stack(Features(T0.AddDays(2)), [Score("a@1", "price", 0.50m, T0.AddDays(2))], 100m, "equity", [])!;

        Assert.Equal(0.40m, held.ConvictionScore);
        Assert.Equal(first.ReasonVector, held.ReasonVector);
        Assert.Equal(T0.AddDays(1), held.IssuedAt);
        Assert.Equal(0.50m, moved.ConvictionScore);
    }

    [Fact]
    public void Ttl_follows_the_dominant_family_and_tags_name_clusters_and_cascades()
    {
        var stacker = new MetaBeliefStacker(new StackerOptions());
        var features = Features(T0, ("insider_cluster_buyers_14d", 3m), (FeatureNames.InsiderNetBuyUsd30d, 4_100_000m), ("mention_velocity_1d", 4m), ("sentiment_mean_1d", 0.3m), ("momentum_20d", 0.08m));
        var c = stacker.Stack(features, [Score("insider-flow@1", "insider", 0.9m, T0), Score("a@1", "price", 0.1m, T0)], 100m, "equity", [])!;

        Assert.Equal(TimeSpan.FromDays(10), c.Ttl);
        Assert.Equal(T0.AddDays(10), c.ExpiresAt);
        Assert.Equal(["equity", "insider-cluster", "retail-cascade"], c.RoutingTags.AsEnumerable());
        Assert.Equal("AAPL +0.50: 3 insiders bought $4.1M net in 30 days; 20-day momentum +8.0%; chatter x4.0, sentiment +0.30; insider-flow@1 +0.45", c.Rationale);
    }

    [Fact]
    public void Spearman_matches_hand_computed_values()
    {
        Assert.Equal(1m, Math.Round(ModelLeaderboard.Spearman([(1m, 10m), (2m, 20m), (3m, 35m)]), 6));
        Assert.Equal(-1m, Math.Round(ModelLeaderboard.Spearman([(1m, 3m), (2m, 2m), (3m, 1m)]), 6));
        // Ranks x = 1,2,3,4 and y = 2,1,4,3: d^2 = 1+1+1+1 = 4, rho = 1 - 6*4/(4*15) = 0.6.
        Assert.Equal(0.6m, Math.Round(ModelLeaderboard.Spearman([(1m, 2m), (2m, 1m), (3m, 4m), (4m, 3m)]), 6));
    }
}
