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
    [InlineData(5, OrderType.Limit, "unsupported_order_type: Limit orders are not supported by the paper venue")]
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
}
