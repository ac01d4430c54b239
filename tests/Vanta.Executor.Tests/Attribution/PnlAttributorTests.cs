using Vanta.Core.Domain;
using Vanta.Executor.Attribution;

namespace Vanta.Executor.Tests.Attribution;

public sealed class PnlAttributorTests
{
    private static readonly ModelFamilies Families = new([
        KeyValuePair.Create("m1", "price"), KeyValuePair.Create("m2", "insider"), KeyValuePair.Create("m3", "price")]);

    /// <summary>
    /// A (strong_bull 0.7; reasons m1 0.5, m2 0.2) buys 100 at 50, fee 1, before any close: marked at its fill price.
    /// Day 1 closes at 51. B (bull 0.3; m2 0.3, m3 -0.1) adds 50 at 52, fee 1; day 2 closes at 53. C (bear -0.3; m1)
    /// sells 60 at 54, fee 1; day 3 closes at 52.
    /// </summary>
    private static AttributionJournal TwoBuysAndAPartialClose()
    {
        var journal = new AttributionJournal();
        var a = journal.Decide("core", "AAPL", 0.7m, 1, ("m1", 0.5m), ("m2", 0.2m));
        journal.Fill(a, OrderSide.Buy, 100m, 50m, 1m, day: 1);
        journal.Bar("AAPL", 1, 51m);
        var b = journal.Decide("core", "AAPL", 0.3m, 1, ("m2", 0.3m), ("m3", -0.1m));
        journal.Fill(b, OrderSide.Buy, 50m, 52m, 1m, day: 2);
        journal.Bar("AAPL", 2, 53m);
        var c = journal.Decide("core", "AAPL", -0.3m, 2, ("m1", -0.3m));
        journal.Fill(c, OrderSide.Sell, 60m, 54m, 1m, day: 3);
        journal.Bar("AAPL", 3, 52m);
        return journal;
    }

    [Fact]
    public void Two_buys_marks_and_a_partial_close_credit_each_holder()
    {
        var journal = TwoBuysAndAPartialClose();

        var pnl = journal.Attribute(Families);

        // A: marked 50 -> 51 on 100: +100; fee 1.
        // B: opens 50 at 52 against the close 51: -50; holds 150 from 51 to 53: +300; fee 1.
        //    C's sale closes 60 of what B held: realised 60 x (54 - 50.666...) = 200 (kept to 12 places), and the
        //    closed quantity's unrealised is reversed: the sale's cash effect against the mark, 60 x (54 - 53) = 60,
        //    less the realised 200 = -140.
        // C: fee 1; holds 90 from 53 to 52: -90.
        Assert.Equal(new PnlFigures(0m, 100m, 1m), pnl.ByBand["strong_bull"]);
        Assert.Equal(new PnlFigures(200m, 110m, 1m), pnl.ByBand["bull"]);
        Assert.Equal(new PnlFigures(0m, -90m, 1m), pnl.ByBand["bear"]);
        Assert.Equal(new PnlFigures(200m, 120m, 3m), pnl.Total);
        Assert.Equal(317m, pnl.Total.Total);
        Assert.Equal(pnl.Total, Assert.Single(pnl.ByVault, v => v.Key == "core").Value);

        // Equity = cash + 90 x 52 = (1,000,000 - 5,001 - 2,601 + 3,239) + 4,680.
        var ledger = journal.Ledgers["core"];
        Assert.Equal(ledger.Equity - ledger.Capital, pnl.Total.Total);
        Assert.Equal(ledger.FeesPaid, pnl.Total.Fees);
        Assert.Equal(Math.Round(ledger.RealizedPnl, 12), pnl.Total.Realized);
        Assert.Equal(Math.Round(ledger.UnrealizedPnl, 12), pnl.Total.Unrealized);

        // Days: 100 - 1; -50 + 300 - 1; 200 - 140 - 90 - 1.
        Assert.Equal([99m, 249m, -31m], pnl.Daily.Select(d => d.Total.Total));
        Assert.Equal([new DateOnly(2024, 3, 4), new DateOnly(2024, 3, 5), new DateOnly(2024, 3, 6)], pnl.Daily.Select(d => d.Date));
    }

    [Fact]
    public void Models_share_by_their_absolute_reasons_and_families_add_their_models()
    {
        var pnl = TwoBuysAndAPartialClose().Attribute(Families);

        // A splits 5:2 (m1, m2): unrealised 100 -> 71.428571428571 + 28.571428571429, fee 1 -> 0.714285714286 + 0.285714285714.
        // B splits 3:1 (m2, |m3|), per day: day 2 unrealised 250 -> 187.5 + 62.5, fee 0.75 + 0.25;
        //   day 3 realised 200 -> 150 + 50, unrealised -140 -> -105 - 35.
        // C is all m1: unrealised -90, fee 1.
        Assert.Equal(new PnlFigures(0m, -18.571428571429m, 1.714285714286m), pnl.ByModel["m1"]);
        Assert.Equal(new PnlFigures(150m, 111.071428571429m, 1.035714285714m), pnl.ByModel["m2"]);
        Assert.Equal(new PnlFigures(50m, 27.5m, 0.25m), pnl.ByModel["m3"]);
        Assert.Equal(new PnlFigures(50m, 8.928571428571m, 1.964285714286m), pnl.BySource["price"]);
        Assert.Equal(pnl.ByModel["m2"], pnl.BySource["insider"]);
        Assert.Equal(2, pnl.BySource.Count);
    }

    [Fact]
    public void A_trade_through_zero_closes_for_the_holder_and_opens_for_the_new_intent()
    {
        var journal = new AttributionJournal();
        var a = journal.Decide("core", "XYZ", 0.25m, 1, ("m1", 0.25m));
        journal.Fill(a, OrderSide.Buy, 10m, 10m, 0m, day: 1);
        journal.Bar("XYZ", 1, 12m);
        var b = journal.Decide("core", "XYZ", -0.65m, 1, ("m2", -0.65m));
        journal.Fill(b, OrderSide.Sell, 15m, 11m, 0.5m, day: 2);
        journal.Bar("XYZ", 2, 13m);

        var pnl = journal.Attribute(Families);

        // A: +20 marked; closes 10 at 11: realised 10, reversal 10 x (11 - 12) - 10 = -20.
        // B: opens -5 at 11 against 12: -5; fee 0.5; holds -5 from 12 to 13: -5.
        Assert.Equal(new PnlFigures(10m, 0m, 0m), pnl.ByBand["bull"]);
        Assert.Equal(new PnlFigures(0m, -10m, 0.5m), pnl.ByBand["strong_bear"]);
        var ledger = journal.Ledgers["core"];
        Assert.Equal(ledger.Equity - ledger.Capital, pnl.Total.Total);
        Assert.Equal(-0.5m, pnl.Total.Total);
        Assert.Equal(ledger.UnrealizedPnl, pnl.Total.Unrealized);
    }

    [Fact]
    public void A_fill_without_its_order_or_conviction_in_the_journal_is_unlinked()
    {
        var journal = new AttributionJournal();
        journal.OrphanFill("core", "XYZ", OrderSide.Buy, 10m, 10m, 1m, day: 1);
        var lost = journal.IntentFor("growth", "XYZ", 0.4m, 1, new Core.Ids.SignalId("not-journaled"));
        journal.Fill(lost, OrderSide.Buy, 10m, 10m, 1m, day: 1);
        journal.Bar("XYZ", 1, 11m);

        var pnl = journal.Attribute(Families);

        Assert.Equal(new PnlFigures(0m, 10m, 1m), pnl.ByBand["unlinked"]);
        Assert.Equal(new PnlFigures(0m, 10m, 1m), pnl.ByBand["bull"]);
        Assert.Equal(new PnlFigures(0m, 20m, 2m), Assert.Single(pnl.ByModel).Value);
        Assert.Equal("unlinked", Assert.Single(pnl.BySource).Key);
        Assert.Equal(["core", "growth"], pnl.ByVault.Keys);
    }

    [Fact]
    public void Reasons_all_zero_fall_back_to_the_model_weights_and_unknown_models_are_other()
    {
        var journal = new AttributionJournal();
        var a = journal.Decide("core", "XYZ", 0m, 1, ("m1", 0m), ("zz-retired", 0m));
        journal.Fill(a, OrderSide.Buy, 10m, 10m, 0m, day: 1);
        journal.Bar("XYZ", 1, 11m);

        var pnl = journal.Attribute(Families);

        Assert.Equal(new PnlFigures(0m, 5m, 0m), pnl.ByModel["m1"]);
        Assert.Equal(new PnlFigures(0m, 5m, 0m), pnl.BySource["other"]);
        Assert.Equal(new PnlFigures(0m, 10m, 0m), pnl.ByBand["neutral"]);
    }

    [Fact]
    public void A_fill_of_no_quantity_is_refused_naming_the_event()
    {
        var journal = new AttributionJournal();
        var fill = new Fill(new Core.Ids.FillId("f0"), new Core.Ids.OrderId("o"), new Core.Ids.ClientOrderId("c"),
            Builders.CoreVault, "XYZ", OrderSide.Buy, 0m, 10m, 0m, Builders.Day1);
        var envelope = Core.Envelopes.Envelope.Create(Core.Envelopes.EventKinds.Fill, fill, fill.Ts, fill.Ts, new("t", Core.Envelopes.Role.Executor));

        var error = Assert.Throws<InvalidDataException>(() => PnlAttributor.Attribute([.. journal.Envelopes, envelope], Families));

        Assert.Contains(envelope.EventId.Value, error.Message);
        Assert.Contains("f0", error.Message);
    }

    [Theory]
    [InlineData("-1", "strong_bear")]
    [InlineData("-0.6", "strong_bear")]
    [InlineData("-0.599999", "bear")]
    [InlineData("-0.2", "bear")]
    [InlineData("-0.199999", "neutral")]
    [InlineData("0", "neutral")]
    [InlineData("0.199999", "neutral")]
    [InlineData("0.2", "bull")]
    [InlineData("0.599999", "bull")]
    [InlineData("0.6", "strong_bull")]
    [InlineData("1", "strong_bull")]
    public void Bands_have_closed_outer_edges(string score, string band) =>
        Assert.Equal(band, ConvictionBands.Of(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)));
}
