using Vanta.Core.Domain;
using Vanta.Executor.Brokers.Paper;
using static Vanta.Executor.Tests.Brokers.Paper.PaperTestKit;
using static Vanta.Executor.Tests.Builders;

namespace Vanta.Executor.Tests.Brokers.Paper;

public sealed class PaperFeeModelTests
{
    [Theory]
    // 0.005 x 100 = 0.50 -> the $1.00 minimum (1% of 5,000 = 50 does not bind)
    [InlineData(100, 50, 1.00)]
    // 0.005 x 1,000 = 5.00
    [InlineData(1000, 50, 5.00)]
    // 0.005 x 333 = 1.665, kept to 4 places
    [InlineData(333, 20, 1.665)]
    // 100 at $0.25: minimum 1.00 but at most 1% of 25 = 0.25, and the cap wins
    [InlineData(100, 0.25, 0.25)]
    // 2,000 at $0.30: 0.005 x 2,000 = 10.00, capped at 1% of 600 = 6.00
    [InlineData(2000, 0.30, 6.00)]
    public void Ibkr_fixed_charges_per_share_with_a_minimum_and_a_one_percent_cap(int quantity, double price, double expected)
    {
        var fee = PerShareFeeModel.IbkrFixed.Fee(new PaperExecution("AAPL", OrderSide.Buy, quantity, (decimal)price, Liquidity.Taker));

        Assert.Equal((decimal)expected, fee);
    }

    [Theory]
    // 100 @ 150.25 = 15,025: SEC 15,025 x 27.80 / 1e6 = 0.417695 -> 0.42 ; TAF 100 x 0.000166 = 0.0166 -> 0.02
    [InlineData(100, 150.25, 0.44)]
    // 60,000 @ 10 = 600,000: SEC 16.68 exactly ; TAF 9.96 capped at 8.30
    [InlineData(60000, 10, 24.98)]
    // 1 @ 1: SEC 0.0000278 -> 0.01 ; TAF 0.000166 -> 0.01 : both round up to a whole cent
    [InlineData(1, 1, 0.02)]
    // 50,000 @ 20 = 1,000,000: SEC 27.80 ; TAF 8.30 exactly (50,000 x 0.000166)
    [InlineData(50000, 20, 36.10)]
    public void Alpaca_passes_the_sec_fee_and_finra_taf_on_sells_rounded_up_to_the_cent(int quantity, double price, double expected)
    {
        var model = AlpacaRegulatoryFeeModel.Default;

        Assert.Equal((decimal)expected, model.Fee(new PaperExecution("AAPL", OrderSide.Sell, quantity, (decimal)price, Liquidity.Taker)));
        Assert.Equal(0m, model.Fee(new PaperExecution("AAPL", OrderSide.Buy, quantity, (decimal)price, Liquidity.Taker)));
    }

    [Fact]
    public void Alpaca_sec_rate_is_configurable()
    {
        // 100 @ 150.25 with an SEC rate of $8.00 per million: 15,025 x 8 / 1e6 = 0.1202 -> 0.13 ; TAF 0.02
        var model = new AlpacaRegulatoryFeeModel(SecFeePerMillion: 8.00m);

        Assert.Equal(0.15m, model.Fee(new PaperExecution("AAPL", OrderSide.Sell, 100m, 150.25m, Liquidity.Taker)));
    }

    [Theory]
    // 0.5 BTC @ 40,000 = 20,000: Coinbase maker 0.40% = 80, taker 0.60% = 120 ; Bybit 0.1% = 20 either way
    [InlineData("coinbase", Liquidity.Maker, 80)]
    [InlineData("coinbase", Liquidity.Taker, 120)]
    [InlineData("bybit", Liquidity.Maker, 20)]
    [InlineData("bybit", Liquidity.Taker, 20)]
    public void Maker_taker_charges_bps_of_the_notional_by_liquidity(string venue, Liquidity liquidity, int expected)
    {
        var model = venue == "coinbase" ? MakerTakerFeeModel.Coinbase : MakerTakerFeeModel.BybitSpot;

        Assert.Equal(expected, model.Fee(new PaperExecution("BTC-USD", OrderSide.Sell, 0.5m, 40000m, liquidity)));
    }

    [Fact]
    public void Maker_taker_fee_keeps_four_places()
    {
        // 0.00123457 x 43,210.12 = 53.3458... ; 60 bps = 0.32007... -> 0.3201
        var fee = MakerTakerFeeModel.Coinbase.Fee(new PaperExecution("BTC-USD", OrderSide.Buy, 0.00123457m, 43210.12m, Liquidity.Taker));

        Assert.Equal(0.3201m, fee);
    }

    [Fact]
    public void Flat_model_is_built_from_the_options_when_no_model_is_set()
    {
        Assert.Equal(new FlatFeeModel(0.005m, 1m, 2m), new PaperBrokerOptions(FeePerShare: 0.005m, MinimumFeePerOrder: 1m, FeeBps: 2m).Fees());
        Assert.Same(PerShareFeeModel.IbkrFixed, new PaperBrokerOptions(FeeModel: PerShareFeeModel.IbkrFixed).Fees());
    }

    [Fact]
    public void Negative_fee_settings_are_a_configuration_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PerShareFeeModel(-0.005m, 1m, 0.01m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlpacaRegulatoryFeeModel(TafMaximum: -1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MakerTakerFeeModel(-1m, 10m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlatFeeModel(FeeBps: -1m));
    }

    [Fact]
    public async Task Market_order_pays_taker_and_a_resting_limit_order_pays_maker()
    {
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: 0m, FeeModel: MakerTakerFeeModel.Coinbase));
        await broker.SubmitAsync(Market("BTC-USD", OrderSide.Buy, 0.5m, CloseOf(1)));
        await broker.SubmitAsync(Limit("BTC-USD", OrderSide.Buy, 0.5m, 39000m, CloseOf(1)));

        // Opens at 40,000 and trades down to 38,500: the market order takes at the open, the limit rests and is hit at 39,000.
        var reports = broker.OnBar(Ohlc("BTC-USD", 2, 40000m, 40100m, 38500m, 39500m));

        // 0.6% of 20,000 = 120 ; 0.4% of 19,500 = 78
        Assert.Equal([(40000m, 120m), (39000m, 78m)], reports.Select(r => (r.Fill!.Price, r.Fill.Fee)));
    }

    [Fact]
    public async Task Limit_order_through_its_price_at_the_first_open_pays_taker_and_later_gaps_pay_maker()
    {
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: 0m, FeeModel: MakerTakerFeeModel.Coinbase));
        await broker.SubmitAsync(Limit("BTC-USD", OrderSide.Buy, 1m, 41000m, CloseOf(1)));
        await broker.SubmitAsync(Limit("BTC-USD", OrderSide.Buy, 1m, 39000m, CloseOf(1), TimeInForce.Gtc));

        // Day 2 opens at 40,000, already under the first order's limit: it crossed the book on arrival (taker).
        var marketable = Assert.Single(broker.OnBar(Ohlc("BTC-USD", 2, 40000m, 40500m, 39500m, 40000m))).Fill!;
        // The second rested through day 2; day 3 gaps under it and it fills at the open, as a resting order (maker).
        var resting = Assert.Single(broker.OnBar(Ohlc("BTC-USD", 3, 38000m, 38500m, 37500m, 38000m))).Fill!;

        // 0.6% of 40,000 = 240 ; 0.4% of 38,000 = 152
        Assert.Equal((40000m, 240m), (marketable.Price, marketable.Fee));
        Assert.Equal((38000m, 152m), (resting.Price, resting.Fee));
    }

    [Fact]
    public async Task Partial_fills_are_charged_one_by_one()
    {
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: 0m, VolumeParticipation: 0.1m, FeeModel: PerShareFeeModel.IbkrFixed));
        await broker.SubmitAsync(Market("AAPL", OrderSide.Buy, 300m, CloseOf(1)).Gtc());

        var first = Assert.Single(broker.OnBar(Ohlc("AAPL", 2, 50m, 51m, 49m, 50m, volume: 2500m))).Fill!;
        var second = Assert.Single(broker.OnBar(Ohlc("AAPL", 3, 50m, 51m, 49m, 50m, volume: 10000m))).Fill!;

        // 250 x 0.005 = 1.25 ; then the last 50 x 0.005 = 0.25 -> the $1.00 minimum again
        Assert.Equal([(250m, 1.25m), (50m, 1.00m)], new[] { (first.Quantity, first.Fee), (second.Quantity, second.Fee) });
    }
}
