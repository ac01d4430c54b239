using Vanta.Markets.Features;
using static Vanta.Markets.Tests.Features.FeatureKit;

namespace Vanta.Markets.Tests.Features;

public sealed class InsiderFeatureComputerTests
{
    private readonly InsiderFeatureComputer _computer = new();
    private readonly InMemoryFeatureStore _store = new();

    private FeatureUpdate Feed(Vanta.Core.Domain.IObservation o) => _computer.Update(Obs(o), Attention.Full, _store);

    private (decimal? Net, decimal? Buyers, decimal? Weighted) At(int day)
    {
        var f = _store.Snapshot("ACME", Day(day));
        return (f.Get(FeatureNames.InsiderNetBuyUsd30d), f.Get(FeatureNames.InsiderClusterBuyers14d),
            f.Get(FeatureNames.InsiderRoleWeightedNetUsd30d));
    }

    [Fact]
    public void Net_cluster_and_role_weighted_buying_roll_with_the_windows()
    {
        Feed(Trade(1, "P", 1000m, 10m, "officer:CEO", owner: "1"));          // +10,000, weight 1
        Feed(Trade(5, "P", 2000m, 10m, "director", owner: "2"));             // +20,000, weight 0.75
        Feed(Trade(10, "S", 500m, 20m, "ten_percent_owner", owner: "3"));    // -10,000, weight 0.5
        Assert.Equal(FeatureUpdate.Wrote(4), Feed(Trade(12, "P", 100m, 10m, "other:Trustee", owner: "4"))); // +1,000, 0.25

        // Net 10,000 + 20,000 - 10,000 + 1,000; weighted 10,000 + 15,000 - 5,000 + 250; buyers 1, 2 and 4.
        Assert.Equal((21_000m, 3m, 20_250m), At(12));
        Assert.Equal((20_000m, 2m, 20_000m), At(10));        // buyers 1 and 2 only, so far
        // A bar on day 20 rolls the 14-day cluster window to (6, 20]: only owner 4 is left.
        Feed(Bar(20, 100m));
        Assert.Equal((21_000m, 1m, 20_250m), At(20));
        // Day 32: the 30-day window (2, 32] has lost the officer's purchase.
        Feed(Bar(32, 100m));
        Assert.Equal((11_000m, 0m, 10_250m), At(32));
        // Day 50: the window is empty, written as zero once; later bars write nothing.
        Assert.Equal(FeatureUpdate.Wrote(4), Feed(Bar(50, 100m)));
        Assert.Equal((0m, 0m, 0m), At(50));
        Assert.Equal(FeatureUpdate.Wrote(0), Feed(Bar(51, 100m)));
    }

    [Fact]
    public void Only_priced_open_market_trades_count()
    {
        Assert.Equal(FeatureUpdate.Ignored, Feed(Trade(1, "A", 1000m, 0m)));                  // a grant
        Assert.Equal(FeatureUpdate.Ignored, Feed(Trade(1, "M", 1000m, 5m)));                  // an exercise
        Assert.Equal(FeatureUpdate.Ignored, Feed(Trade(1, "P", 1000m, 5m, derivative: true)));
        Assert.Equal(FeatureUpdate.Reject(FeatureRejectReason.UnpricedTrade), Feed(Trade(1, "P", 1000m, null)));
        Assert.Equal(FeatureUpdate.Reject(FeatureRejectReason.UnpricedTrade), Feed(Trade(1, "S", 0m, 5m)));
        Assert.Equal(FeatureUpdate.Reject(FeatureRejectReason.NoSymbol), Feed(Trade(1, "P", 10m, 5m, symbol: "")));
        Assert.Empty(_store.Snapshot("ACME", Day(1)).Values);
        Assert.Equal(FeatureUpdate.Ignored, Feed(Bar(2, 100m))); // no trades in the window: nothing to roll
    }

    [Fact]
    public void A_joint_filing_counts_each_reporting_owner_as_a_buyer()
    {
        Feed(Trade(1, "P", 10m, 10m, owner: "0001234567,0007654321"));
        Feed(Trade(2, "P", 10m, 10m, owner: "1234567")); // the same insider, unpadded

        Assert.Equal(2m, At(2).Buyers);
    }

    [Fact]
    public void Distinct_sellers_make_the_sell_cluster_and_roll_with_its_window()
    {
        decimal? Sellers(int day) => _store.Snapshot("ACME", Day(day)).Get(FeatureNames.InsiderClusterSellers14d);

        Feed(Trade(1, "S", 100m, 10m, owner: "1"));
        Feed(Trade(3, "S", 100m, 10m, owner: "0000000002,3")); // a joint filing: two sellers
        Feed(Trade(4, "S", 50m, 10m, owner: "1"));             // the same insider again
        Feed(Trade(5, "P", 100m, 10m, owner: "4"));            // a buyer is not a seller

        Assert.Equal(3m, Sellers(5));
        Assert.Equal(1m, _store.Snapshot("ACME", Day(5)).Get(FeatureNames.InsiderClusterBuyers14d));
        Assert.Equal(1m, Sellers(2)); // as of day 2 only owner 1 had sold
        // A bar on day 16 rolls the 14-day window to (2, 16]: owner 1's day-4 sale and the joint filing remain.
        Feed(Bar(16, 100m));
        Assert.Equal(3m, Sellers(16));
        // Day 18: (4, 18] holds no sale.
        Feed(Bar(18, 100m));
        Assert.Equal(0m, Sellers(18));
    }

    [Theory]
    [InlineData("officer:CEO", "1.0")]
    [InlineData("director,officer:CFO", "1.0")]
    [InlineData("director", "0.75")]
    [InlineData("ten_percent_owner,director", "0.75")]
    [InlineData("ten_percent_owner", "0.5")]
    [InlineData("other:Trustee", "0.25")]
    [InlineData("", "0.25")]
    public void Role_weight_is_the_highest_of_the_insiders_roles(string relationship, string weight) =>
        Assert.Equal(decimal.Parse(weight, System.Globalization.CultureInfo.InvariantCulture), InsiderRoleWeights.Default.For(relationship));
}
