using System.Collections.Immutable;
using Vanta.Markets.Features;
using Vanta.Markets.Models.Insider;

namespace Vanta.Markets.Tests.Models.Insider;

public sealed class InsiderGraphModelTests
{
    private static readonly DateTimeOffset At = new(2019, 11, 1, 21, 0, 0, TimeSpan.Zero);

    private static readonly InsiderGraphModel Model = new();

    private static FeatureVector Vector(decimal? buyers = null, decimal? weighted = null, decimal? net = null, decimal? sellers = null)
    {
        var values = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        if (buyers is { } b)
            values[FeatureNames.InsiderClusterBuyers14d] = b;
        if (weighted is { } w)
            values[FeatureNames.InsiderRoleWeightedNetUsd30d] = w;
        if (net is { } n)
            values[FeatureNames.InsiderNetBuyUsd30d] = n;
        if (sellers is { } s)
            values[InsiderGraphModel.ClusterSellers14d] = s;
        values[FeatureNames.Momentum20d] = 0.08m;
        return new FeatureVector("AAPL", At, values.ToImmutable());
    }

    [Fact]
    public void It_is_named_and_versioned_in_the_insider_family()
    {
        Assert.Equal(("insider-graph@1", "insider"), (Model.Id, Model.Family));
    }

    [Fact]
    public void A_buying_cluster_adds_to_the_dollar_flow()
    {
        // u = 3: flow = 2*3/4 = 1.5; 3 buyers: cluster = 0.5*(3-1) = 1.0; x = 2.5; score = 2.5/3.5 = 0.7142857 -> 0.714286.
        // flow 1.5/3.5 = 0.4285714 -> 0.428571, cluster 1/3.5 = 0.2857143 -> 0.285714; residue 0.000001 to the flow.
        var score = Model.Score(Vector(buyers: 3m, weighted: 3_000_000m, net: 4_100_000m))!;

        Assert.Equal(0.714286m, score.Score);
        Assert.Equal(0.428572m, score.Contributions[FeatureNames.InsiderRoleWeightedNetUsd30d]);
        Assert.Equal(0.285714m, score.Contributions[FeatureNames.InsiderClusterBuyers14d]);
        Assert.Equal(score.Score, score.Contributions.Values.Sum());
        Assert.Equal("AAPL insider cluster: 3 insiders bought in 14 days; net +$4.1M in 30 days (role-weighted +$3.0M)", score.Rationale);
        Assert.Equal(("AAPL", At), (score.Symbol, score.AsOf));
    }

    [Fact]
    public void A_sale_counts_half_and_never_more_than_minus_one_before_squashing()
    {
        // u = -10: flow = 0.5 * 2*(-10)/11 = -10/11; x = -10/11; score = (-10/11)/(21/11) = -10/21 = -0.476190.
        var score = Model.Score(Vector(buyers: 0m, weighted: -10_000_000m, net: -12_000_000m))!;

        Assert.Equal(-0.476190m, score.Score);
        Assert.Equal(-0.476190m, Assert.Single(score.Contributions).Value);
        Assert.Equal("AAPL insider flow: net -$12.0M in 30 days (role-weighted -$10.0M)", score.Rationale);
    }

    [Fact]
    public void A_selling_cluster_is_negative()
    {
        // u = -1: flow = 0.5 * (-2/2) = -0.5; 3 sellers: -0.25*(3-1) = -0.5; x = -1; score = -0.5, halves -0.25 each.
        var score = Model.Score(Vector(buyers: 0m, weighted: -1_000_000m, net: -1_000_000m, sellers: 3m))!;

        Assert.Equal(-0.5m, score.Score);
        Assert.Equal(-0.25m, score.Contributions[FeatureNames.InsiderRoleWeightedNetUsd30d]);
        Assert.Equal(-0.25m, score.Contributions[InsiderGraphModel.ClusterSellers14d]);
        Assert.StartsWith("AAPL insider cluster: 3 insiders sold in 14 days; net -$1.0M", score.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void A_buying_cluster_against_a_large_sale_shows_both_terms()
    {
        // u = -3: flow = 0.5 * (-6/4) = -0.75; 2 buyers: +0.5; x = -0.25; score = -0.25/1.25 = -0.2; flow -0.6, cluster +0.4.
        var score = Model.Score(Vector(buyers: 2m, weighted: -3_000_000m))!;

        Assert.Equal(-0.2m, score.Score);
        Assert.Equal(-0.6m, score.Contributions[FeatureNames.InsiderRoleWeightedNetUsd30d]);
        Assert.Equal(0.4m, score.Contributions[FeatureNames.InsiderClusterBuyers14d]);
        Assert.Equal("AAPL insider cluster: 2 insiders bought in 14 days; role-weighted net -$3.0M in 30 days", score.Rationale);
    }

    [Fact]
    public void Without_role_weighted_dollars_it_reads_the_plain_net()
    {
        // u = 1: flow = 2/2 = 1; x = 1; score 0.5.
        var score = Model.Score(Vector(net: 1_000_000m))!;

        Assert.Equal(0.5m, score.Score);
        Assert.Equal(0.5m, score.Contributions[FeatureNames.InsiderNetBuyUsd30d]);
    }

    [Fact]
    public void Cluster_size_is_capped_but_reported_as_it_is()
    {
        // 9 buyers count as 5: cluster = 0.5*4 = 2; no dollars; score = 2/3 = 0.666667.
        var score = Model.Score(Vector(buyers: 9m, weighted: 0m, net: 0m))!;

        Assert.Equal(0.666667m, score.Score);
        Assert.Equal(0.666667m, score.Contributions[FeatureNames.InsiderClusterBuyers14d]);
        Assert.StartsWith("AAPL insider cluster: 9 insiders bought in 14 days", score.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_buyer_is_no_cluster()
    {
        // u = 0.2: flow = 0.4/1.2 = 0.333333...; x = 1/3; score = (1/3)/(4/3) = 0.25.
        var score = Model.Score(Vector(buyers: 1m, weighted: 200_000m, net: 250_000m))!;

        Assert.Equal(0.25m, score.Score);
        Assert.False(score.Contributions.ContainsKey(FeatureNames.InsiderClusterBuyers14d));
        Assert.Equal("AAPL insider flow: net +$250.0K in 30 days (role-weighted +$200.0K)", score.Rationale);
    }

    [Fact]
    public void It_abstains_when_insiders_did_nothing_or_nothing_is_known()
    {
        Assert.Null(Model.Score(Vector()));
        Assert.Null(Model.Score(Vector(buyers: 0m, weighted: 0m, net: 0m)));
        Assert.Null(Model.Score(Vector(buyers: 1m, weighted: 0m, net: 0m)));
    }

    [Fact]
    public void Scores_stay_inside_minus_one_to_one_and_reasons_add_up()
    {
        foreach (var buyers in new[] { 0m, 1m, 2m, 3m, 7m, 50m })
        {
            foreach (var sellers in new[] { 0m, 2m, 6m })
            {
                foreach (var usd in new[] { -1e12m, -5e6m, -1m, 0m, 1m, 7e5m, 1e12m })
                {
                    if (Model.Score(Vector(buyers, usd, usd, sellers)) is not { } score)
                        continue;
                    Assert.InRange(score.Score, -1m, 1m);
                    Assert.Equal(score.Score, score.Contributions.Values.Sum());
                }
            }
        }
    }

    [Fact]
    public void Money_is_short_and_signed()
    {
        Assert.Equal(["+$4.1M", "-$850.0K", "+$1.2B", "+$12"],
            new[] { 4_100_000m, -850_000m, 1_234_000_000m, 12m }.Select(InsiderGraphModel.Money));
    }
}
