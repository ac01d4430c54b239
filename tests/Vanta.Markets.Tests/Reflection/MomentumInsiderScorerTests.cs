using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Serialization;
using Vanta.Core.Stages;
using Vanta.Markets.Reflection;

namespace Vanta.Markets.Tests.Reflection;

public sealed class MomentumInsiderScorerTests
{
    private static readonly MomentumInsiderOptions TwoBars = new() { LookbackBars = 2 };
    private static readonly DateTimeOffset Day1 = new(2019, 5, 1, 20, 0, 0, TimeSpan.Zero);

    private static Observed<IObservation> Bar(int day, decimal close, string symbol = "AAPL")
    {
        var at = Day1.AddDays(day - 1);
        return Observe(new PriceBar(symbol, at.AddHours(-6.5), at, close, close, close, close, 1000m, "test"));
    }

    private static Observed<IObservation> Trade(int day, string owner, string code, decimal shares, decimal? price, string symbol = "AAPL")
    {
        var at = Day1.AddDays(day - 1).AddHours(2);
        return Observe(new InsiderTransaction("doc", "4", "0000320193", "Apple Inc.", symbol, owner, "Owner " + owner, "officer",
            false, "Common Stock", DateOnly.FromDateTime(at.UtcDateTime), code, shares, price, code is "S" or "F" ? "D" : "A",
            null, "D", at, []));
    }

    private static Observed<IObservation> Observe(IObservation observation)
    {
        var json = observation switch
        {
            PriceBar b => JsonSerializer.Serialize(b, VantaJsonContext.Default.PriceBar),
            InsiderTransaction t => JsonSerializer.Serialize(t, VantaJsonContext.Default.InsiderTransaction),
            _ => throw new ArgumentException("unexpected observation", nameof(observation)),
        };
        return new Observed<IObservation>(new EventId(ContentHash.Id(json)), observation);
    }

    [Fact]
    public void Nothing_is_issued_until_the_lookback_is_warm()
    {
        var scorer = new MomentumInsiderScorer(TwoBars);

        Assert.Empty(scorer.Update(Bar(1, 100m)));
        Assert.Empty(scorer.Update(Bar(2, 105m)));
        Assert.Single(scorer.Update(Bar(3, 110m)));
    }

    [Fact]
    public void Momentum_alone_is_the_squashed_return_times_its_weight()
    {
        var scorer = new MomentumInsiderScorer(TwoBars);
        scorer.Update(Bar(1, 100m));
        scorer.Update(Bar(2, 105m));
        var bar = Bar(3, 110m);
        var conviction = Assert.Single(scorer.Update(bar));

        // Return 110/100 - 1 = 0.10 = one MomentumScale: squash(1) = 0.5, x 0.6 = 0.3.
        Assert.Equal(0.3m, conviction.ReasonVector["momentum_2d"]);
        Assert.Equal(0m, conviction.ReasonVector["insider_net_buying_30d"]);
        Assert.Equal(0.3m, conviction.ConvictionScore);
        Assert.Equal("AAPL", conviction.Symbol);
        Assert.Equal<string>(["equity"], conviction.RoutingTags.AsEnumerable());
        Assert.Equal<EventId>([bar.EventId], conviction.Parents.AsEnumerable());
        Assert.Equal(0.6m, conviction.ContributingModels["momentum@1"]);
        Assert.Equal(0.4m, conviction.ContributingModels["insider-flow@1"]);
    }

    [Fact]
    public void Open_market_insider_flow_adds_a_component_and_lineage_and_grants_are_ignored()
    {
        var scorer = new MomentumInsiderScorer(TwoBars);
        scorer.Update(Bar(1, 100m));
        scorer.Update(Bar(2, 105m));
        scorer.Update(Bar(3, 110m));
        var buy = Trade(3, "1", "P", 10_000m, 100m);      // +1,000,000
        var sale = Trade(3, "2", "S", 5_000m, 120m);      //   -600,000
        var exercise = Trade(3, "3", "M", 50_000m, 20m);  // compensation: ignored
        Assert.Empty(scorer.Update(buy));
        Assert.Empty(scorer.Update(sale));
        Assert.Empty(scorer.Update(exercise));
        var bar = Bar(4, 99m);
        var conviction = Assert.Single(scorer.Update(bar));

        // Momentum: 99/105 - 1 = -0.0571428...; /0.10 = -0.571428...; squash = -0.363636...; x 0.6 = -0.218182.
        Assert.Equal(-0.218182m, conviction.ReasonVector["momentum_2d"]);
        // Insider: net 400,000 / 1,000,000 = 0.4; squash = 0.4 / 1.4 = 0.285714...; x 0.4 = 0.114286.
        Assert.Equal(0.114286m, conviction.ReasonVector["insider_net_buying_30d"]);
        Assert.Equal(-0.103896m, conviction.ConvictionScore);
        Assert.Equal(conviction.ConvictionScore, conviction.ReasonVector.Values.Sum());
        Assert.Equal<string>(["equity", "insider-cluster"], conviction.RoutingTags.AsEnumerable());
        Assert.Equal<EventId>([bar.EventId, buy.EventId, sale.EventId], conviction.Parents.AsEnumerable());
    }

    [Fact]
    public void A_trade_without_price_is_valued_at_the_close_and_one_insider_is_no_cluster()
    {
        var scorer = new MomentumInsiderScorer(TwoBars);
        scorer.Update(Bar(1, 100m));
        scorer.Update(Bar(2, 100m));
        scorer.Update(Trade(2, "1", "S", 10_000m, null));
        var conviction = Assert.Single(scorer.Update(Bar(3, 100m)));

        // -10,000 x 100 = -1,000,000: squash(-1) = -0.5, x 0.4 = -0.2; momentum 0.
        Assert.Equal(-0.2m, conviction.ConvictionScore);
        Assert.Equal<string>(["equity"], conviction.RoutingTags.AsEnumerable());
    }

    [Fact]
    public void Insider_trades_leave_the_window_thirty_days_after_they_became_public()
    {
        var scorer = new MomentumInsiderScorer(new MomentumInsiderOptions { LookbackBars = 1 });
        scorer.Update(Bar(1, 100m));
        scorer.Update(Trade(1, "1", "P", 10_000m, 100m)); // public on day 1 at 22:00

        Assert.Equal(0.2m, scorer.Update(Bar(30, 100m))[0].ReasonVector["insider_net_buying_30d"]); // 28 d 22 h later
        Assert.Equal(0.2m, scorer.Update(Bar(31, 100m))[0].ReasonVector["insider_net_buying_30d"]); // 29 d 22 h later
        var after = scorer.Update(Bar(32, 100m))[0];                                                 // 30 d 22 h later
        Assert.Equal(0m, after.ReasonVector["insider_net_buying_30d"]);
        Assert.Single(after.Parents);
    }

    [Fact]
    public void A_conviction_expires_its_ttl_after_the_bar_that_issued_it()
    {
        var scorer = new MomentumInsiderScorer(TwoBars);
        scorer.Update(Bar(1, 100m));
        scorer.Update(Bar(2, 100m));
        var conviction = Assert.Single(scorer.Update(Bar(3, 100m)));

        Assert.Equal(Day1.AddDays(2), conviction.IssuedAt);
        Assert.Equal(TimeSpan.FromDays(4), conviction.Ttl);
        Assert.Equal(Day1.AddDays(6), conviction.ExpiresAt);
        Assert.True(conviction.IsLiveAt(Day1.AddDays(6).AddTicks(-1)));
        Assert.False(conviction.IsLiveAt(Day1.AddDays(6)));
    }

    [Fact]
    public void Components_that_exceed_one_are_clamped_and_still_add_up()
    {
        var scorer = new MomentumInsiderScorer(new MomentumInsiderOptions { LookbackBars = 1, MomentumWeight = 1m, InsiderWeight = 1m });
        scorer.Update(Bar(1, 100m));
        scorer.Update(Trade(1, "1", "P", 30_000m, 100m)); // 3,000,000: squash(3) = 0.75
        var conviction = Assert.Single(scorer.Update(Bar(2, 130m))); // return 0.30: squash(3) = 0.75

        // 0.75 + 0.75 = 1.5 is scaled by 1/1.5 to 0.5 + 0.5.
        Assert.Equal(0.5m, conviction.ReasonVector["momentum_1d"]);
        Assert.Equal(0.5m, conviction.ReasonVector["insider_net_buying_30d"]);
        Assert.Equal(1m, conviction.ConvictionScore);
    }

    [Fact]
    public void Symbols_are_independent_and_a_redelivered_bar_issues_nothing()
    {
        var scorer = new MomentumInsiderScorer(TwoBars);
        scorer.Update(Bar(1, 100m));
        scorer.Update(Bar(2, 100m));
        scorer.Update(Bar(1, 50m, "IBM"));
        scorer.Update(Trade(2, "1", "P", 100_000m, 10m, "IBM"));
        var bar = Bar(3, 100m);
        var first = Assert.Single(scorer.Update(bar));

        Assert.Empty(scorer.Update(bar));
        Assert.Equal(0m, first.ConvictionScore); // IBM's insider buying does not touch AAPL
        Assert.Empty(scorer.Update(Bar(2, 50m, "IBM")));
    }

    [Fact]
    public void The_same_inputs_give_the_same_signal_ids_and_bytes()
    {
        static string Run()
        {
            var scorer = new MomentumInsiderScorer(TwoBars);
            var issued = new List<ConvictionVector>();
            foreach (var o in new[] { Bar(1, 100m), Bar(2, 103m), Trade(2, "1", "P", 1_000m, 103m), Bar(3, 101m), Bar(4, 107m) })
                issued.AddRange(scorer.Update(o));
            return string.Join('\n', issued.Select(c => JsonSerializer.Serialize(c, VantaJsonContext.Default.ConvictionVector)));
        }

        var once = Run();
        Assert.Equal(once, Run());
        Assert.Equal(2, once.Split('\n').Length);
        Assert.Contains("\"signal_id\":\"", once);
    }

    [Fact]
    public void Signal_id_depends_on_symbol_time_score_and_parents()
    {
        var parents = System.Collections.Immutable.ImmutableArray.Create(new EventId("a"), new EventId("b"));
        var id = MomentumInsiderScorer.SignalIdOf("AAPL", Day1, 0.5m, parents);

        Assert.Equal(id, MomentumInsiderScorer.SignalIdOf("AAPL", Day1, 0.500000m, parents));
        Assert.NotEqual(id, MomentumInsiderScorer.SignalIdOf("IBM", Day1, 0.5m, parents));
        Assert.NotEqual(id, MomentumInsiderScorer.SignalIdOf("AAPL", Day1.AddDays(1), 0.5m, parents));
        Assert.NotEqual(id, MomentumInsiderScorer.SignalIdOf("AAPL", Day1, 0.4m, parents));
        Assert.NotEqual(id, MomentumInsiderScorer.SignalIdOf("AAPL", Day1, 0.5m, parents[..1]));
    }

    [Fact]
    public void Impossible_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MomentumInsiderScorer(new MomentumInsiderOptions { LookbackBars = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MomentumInsiderScorer(new MomentumInsiderOptions { MomentumScale = 0m }));
    }
}
