using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Executor.Brokers.Paper;
using Vanta.Executor.Orders;
using static Vanta.Executor.Tests.Builders;

namespace Vanta.Executor.Tests.Brokers.Paper;

public sealed class PaperBrokerTests
{
    [Fact]
    public async Task Market_order_is_submitted_accepted_and_rests()
    {
        var broker = new PaperBroker();
        var order = Market("AAPL", OrderSide.Buy, 10m, CloseOf(1));

        var reports = await broker.SubmitAsync(order);

        Assert.Equal([OrderStatus.Submitted, OrderStatus.Accepted], reports.Select(r => r.Event.Status));
        Assert.All(reports, r => Assert.Equal((order.OrderId, order.ClientOrderId, CloseOf(1)), (r.Event.OrderId, r.Event.ClientOrderId, r.Event.Ts)));
        Assert.All(reports, r => Assert.Null(r.Fill));
        Assert.Equal([order], broker.RestingOrders);
    }

    [Theory]
    [InlineData(0, OrderType.Market, "invalid_quantity: quantity must be positive (was 0)")]
    [InlineData(-5, OrderType.Market, "invalid_quantity: quantity must be positive (was -5)")]
    [InlineData(5, (OrderType)9, "unsupported_order_type: 9 orders are not supported by the paper venue")]
    [InlineData(5, OrderType.Limit, "invalid_limit_price: a limit order needs a positive limit price (was none)")]
    public async Task Invalid_order_is_rejected_with_a_reason_code(int quantity, OrderType type, string reason)
    {
        var broker = new PaperBroker();
        var order = Market("AAPL", OrderSide.Buy, quantity, CloseOf(1)) with { Type = type };

        var report = Assert.Single(await broker.SubmitAsync(order));

        Assert.Equal((OrderStatus.Rejected, reason), (report.Event.Status, report.Event.Reason));
        Assert.Empty(broker.RestingOrders);
    }

    [Fact]
    public async Task Second_submit_of_a_client_order_id_is_rejected()
    {
        var broker = new PaperBroker();
        var order = Market("AAPL", OrderSide.Buy, 10m, CloseOf(1));
        await broker.SubmitAsync(order);

        var report = Assert.Single(await broker.SubmitAsync(order));

        Assert.Equal(OrderStatus.Rejected, report.Event.Status);
        Assert.StartsWith(PaperRejections.DuplicateClientOrderId, report.Event.Reason, StringComparison.Ordinal);
        Assert.Single(broker.RestingOrders);
    }

    [Fact]
    public async Task Fills_at_the_next_bar_open_never_on_the_submitting_bar()
    {
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: 10m));
        var order = Market("AAPL", OrderSide.Buy, 10m, CloseOf(1));
        await broker.SubmitAsync(order);

        // The bar the decision was made on (it started before the order existed) does not fill it.
        Assert.Empty(broker.OnBar(Bar("AAPL", 1, open: 100m, close: 101m)));
        var report = Assert.Single(broker.OnBar(Bar("AAPL", 2, open: 102m, close: 104m)));

        // 102 x (1 + 10/10000) = 102.102
        var fill = Assert.IsType<Fill>(report.Fill);
        Assert.Equal((OrderSide.Buy, 10m, 102.102m, 0m, Day(2)), (fill.Side, fill.Quantity, fill.Price, fill.Fee, fill.Ts));
        Assert.Equal(OrderIds.FillIdFor(order.OrderId, Day(2)), fill.FillId);
        Assert.Equal((order.OrderId, order.ClientOrderId, CoreVault, "AAPL"), (fill.OrderId, fill.ClientOrderId, fill.VaultId, fill.Symbol));
        Assert.Equal((OrderStatus.Filled, 10m, 102.102m, Day(2)), (report.Event.Status, report.Event.FilledQuantity, report.Event.AveragePrice, report.Event.Ts));
        Assert.Empty(broker.RestingOrders);
        Assert.Empty(broker.OnBar(Bar("AAPL", 3, 105m, 106m)));
    }

    [Fact]
    public async Task Bar_starting_exactly_at_the_order_time_does_not_fill_it()
    {
        var broker = new PaperBroker();
        await broker.SubmitAsync(Market("AAPL", OrderSide.Buy, 10m, Day(2)));

        Assert.Empty(broker.OnBar(Bar("AAPL", 2, 100m, 101m)));
        Assert.Single(broker.OnBar(Bar("AAPL", 3, 100m, 101m)));
    }

    [Fact]
    public async Task Orders_never_fill_on_a_bar_of_another_symbol()
    {
        var broker = new PaperBroker();
        await broker.SubmitAsync(Market("AAPL", OrderSide.Buy, 10m, CloseOf(1)));
        await broker.SubmitAsync(Market("MSFT", OrderSide.Sell, 3m, CloseOf(1)));

        var msft = Assert.Single(broker.OnBar(Bar("MSFT", 2, 400m, 401m)));

        Assert.Equal("MSFT", msft.Fill!.Symbol);
        Assert.Equal("AAPL", Assert.Single(broker.RestingOrders).Symbol);
    }

    [Fact]
    public async Task Bad_bar_with_no_open_leaves_the_order_resting()
    {
        var broker = new PaperBroker();
        await broker.SubmitAsync(Market("AAPL", OrderSide.Buy, 10m, CloseOf(1)));

        Assert.Empty(broker.OnBar(Bar("AAPL", 2, 0m, 101m)));
        Assert.Single(broker.RestingOrders);
    }

    [Theory]
    // 33.3333 x 1.0007 = 33.35663331 -> 33.3566 ; 33.3333 x 0.9993 = 33.30996669 -> 33.3100
    [InlineData(OrderSide.Buy, 33.3333, 7, 33.3566)]
    [InlineData(OrderSide.Sell, 33.3333, 7, 33.3100)]
    [InlineData(OrderSide.Buy, 50, 0, 50)]
    public async Task Slippage_moves_the_open_against_the_order_and_rounds_to_four_places(OrderSide side, double open, int bps, double expected)
    {
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: bps));
        await broker.SubmitAsync(Market("AAPL", side, 1m, CloseOf(1)));

        var fill = Assert.Single(broker.OnBar(Bar("AAPL", 2, (decimal)open, 40m))).Fill!;

        Assert.Equal((decimal)expected, fill.Price);
    }

    [Theory]
    // per share 0.005 x 100 = 0.50 -> minimum 1.00
    [InlineData(100, 0.005, 1, 0, 1.00)]
    // 0.005 x 1000 = 5.00 over the minimum
    [InlineData(1000, 0.005, 1, 0, 5.00)]
    // 1 bp of 100 x 50 = 5000 -> 0.50
    [InlineData(100, 0, 0, 1, 0.50)]
    // both: 0.01 x 3 + 2 bp of 150 = 0.03 + 0.03 = 0.06
    [InlineData(3, 0.01, 0, 2, 0.06)]
    // 1 bp of 7 x 50 = 350 -> 0.035 exactly
    [InlineData(7, 0, 0, 1, 0.035)]
    public async Task Fees_follow_the_options(int quantity, double perShare, double minimum, double bps, double expected)
    {
        var options = new PaperBrokerOptions(SlippageBps: 0m, FeePerShare: (decimal)perShare, MinimumFeePerOrder: (decimal)minimum, FeeBps: (decimal)bps);
        var broker = new PaperBroker(options);
        await broker.SubmitAsync(Market("AAPL", OrderSide.Buy, quantity, CloseOf(1)));

        var fill = Assert.Single(broker.OnBar(Bar("AAPL", 2, 50m, 51m))).Fill!;

        Assert.Equal((decimal)expected, fill.Fee);
    }

    [Fact]
    public void Negative_costs_are_a_configuration_bug() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaperBroker(new PaperBrokerOptions(SlippageBps: -1m)));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Volume_participation_outside_zero_to_one_is_a_configuration_bug(double participation) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaperBroker(new PaperBrokerOptions(VolumeParticipation: (decimal)participation)));

    [Fact]
    public void Flat_costs_and_a_fee_model_together_are_a_configuration_bug()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new PaperBroker(new PaperBrokerOptions(FeePerShare: 0.005m, FeeModel: PerShareFeeModel.IbkrFixed)));

        Assert.Equal("FeeModel", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task Limit_order_without_a_positive_limit_is_rejected(int limit)
    {
        var broker = new PaperBroker();
        var order = PaperTestKit.Limit("AAPL", OrderSide.Buy, 5m, limit, CloseOf(1));

        var report = Assert.Single(await broker.SubmitAsync(order));

        Assert.Equal((OrderStatus.Rejected, $"invalid_limit_price: a limit order needs a positive limit price (was {limit})"), (report.Event.Status, report.Event.Reason));
    }

    [Fact]
    public async Task Unknown_time_in_force_is_rejected()
    {
        var broker = new PaperBroker();
        var order = Market("AAPL", OrderSide.Buy, 5m, CloseOf(1)) with { TimeInForce = (TimeInForce)7 };

        var report = Assert.Single(await broker.SubmitAsync(order));

        Assert.StartsWith(PaperRejections.UnsupportedTimeInForce + ": ", report.Event.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_options_keep_the_scale_of_quantities_and_prices()
    {
        // The trade log and journal print decimals with their scale: a full fill must report the order's own
        // quantity and the fill price itself, not a recomputed 10.50000000.
        var broker = new PaperBroker(new PaperBrokerOptions(FeePerShare: 0.005m, MinimumFeePerOrder: 1m));
        await broker.SubmitAsync(Market("AAPL", OrderSide.Buy, 10.50m, CloseOf(1)));

        var report = Assert.Single(broker.OnBar(Bar("AAPL", 2, 100.10m, 101m)));

        // 100.10 x 1.0005 = 100.150050 -> 100.1501 ; fee max(1, 0.005 x 10.50 = 0.05250) = 1
        Assert.Equal(("10.50", "100.1501", "1"), (report.Fill!.Quantity.ToString(CultureInfo.InvariantCulture),
            report.Fill.Price.ToString(CultureInfo.InvariantCulture), report.Fill.Fee.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(("10.50", "100.1501"), (report.Event.FilledQuantity.ToString(CultureInfo.InvariantCulture),
            report.Event.AveragePrice!.Value.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Cancel_of_a_resting_order_reports_cancelled_with_what_it_filled()
    {
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: 0m, VolumeParticipation: 0.1m));
        var check = new LifecycleCheck();
        var order = Market("AAPL", OrderSide.Buy, 100m, CloseOf(1)).Gtc();
        check.Track(order);
        check.Apply(await broker.SubmitAsync(order));
        check.Apply(broker.OnBar(PaperTestKit.Ohlc("AAPL", 2, 10m, 11m, 9m, 10m, volume: 400m)));

        var report = Assert.Single(check.Apply(broker.Cancel(order.ClientOrderId, CloseOf(2))));

        Assert.Equal((OrderStatus.Cancelled, 40m, 10m, CloseOf(2), "cancelled on request"),
            (report.Event.Status, report.Event.FilledQuantity, report.Event.AveragePrice, report.Event.Ts, report.Event.Reason));
        Assert.Null(report.Fill);
        Assert.Empty(broker.RestingOrders);
        Assert.Empty(broker.OnBar(PaperTestKit.Ohlc("AAPL", 3, 10m, 11m, 9m, 10m, volume: 400m)));
    }

    [Fact]
    public async Task Cancel_of_an_order_the_venue_is_not_working_reports_nothing()
    {
        var broker = new PaperBroker();
        var filled = Market("AAPL", OrderSide.Buy, 1m, CloseOf(1));
        await broker.SubmitAsync(filled);
        broker.OnBar(Bar("AAPL", 2, 10m, 10m));
        var rejected = Market("AAPL", OrderSide.Buy, 0m, CloseOf(2));
        await broker.SubmitAsync(rejected);

        Assert.Empty(broker.Cancel(filled.ClientOrderId, CloseOf(3)));
        Assert.Empty(broker.Cancel(rejected.ClientOrderId, CloseOf(3)));
        Assert.Empty(broker.Cancel(new("vanta-unknown"), CloseOf(3)));
    }

    [Fact]
    public async Task Cancel_dated_before_the_orders_last_report_is_a_bug()
    {
        var broker = new PaperBroker();
        var order = Market("AAPL", OrderSide.Buy, 1m, CloseOf(1));
        await broker.SubmitAsync(order);

        Assert.Throws<ArgumentOutOfRangeException>(() => broker.Cancel(order.ClientOrderId, CloseOf(1).AddSeconds(-1)));
        Assert.Single(broker.RestingOrders);
    }

    [Fact]
    public async Task Bar_with_any_bad_price_never_fills()
    {
        var broker = new PaperBroker();
        var check = new LifecycleCheck();
        var order = Market("AAPL", OrderSide.Buy, 10m, CloseOf(1));
        check.Track(order);
        check.Apply(await broker.SubmitAsync(order));

        Assert.Empty(broker.OnBar(PaperTestKit.Ohlc("AAPL", 2, 100m, 101m, 0m, 100m)));
        Assert.Empty(broker.OnBar(PaperTestKit.Ohlc("AAPL", 2, 100m, 101m, 99m, -1m, hours: 1)));
        Assert.Empty(broker.OnBar(PaperTestKit.Ohlc("AAPL", 2, 100m, 99m, 101m, 100m, hours: 2)));
        Assert.Empty(broker.OnBar(PaperTestKit.Ohlc("AAPL", 2, 100m, 101m, 99m, 100m, volume: -5m, hours: 3)));
        // A day order's day starts with the first bar it could trade on, so the bad bars did not start it.
        var report = Assert.Single(check.Apply(broker.OnBar(PaperTestKit.Ohlc("AAPL", 3, 100m, 101m, 99m, 100m))));
        Assert.Equal((OrderStatus.Filled, Day(3)), (report.Event.Status, report.Fill!.Ts));
    }
}
