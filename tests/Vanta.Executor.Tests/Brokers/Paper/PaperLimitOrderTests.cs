using Vanta.Core.Domain;
using Vanta.Executor.Brokers.Paper;
using static Vanta.Executor.Tests.Brokers.Paper.PaperTestKit;
using static Vanta.Executor.Tests.Builders;

namespace Vanta.Executor.Tests.Brokers.Paper;

public sealed class PaperLimitOrderTests
{
    private readonly LifecycleCheck _check = new();

    [Theory]
    // Buy limit 100: the bar trades down to it (low 99.5) after opening above: fills at the limit.
    [InlineData(OrderSide.Buy, 100, 101, 102, 99.5, 100)]
    // Opens through the limit (gap down to 98): fills at the open, the better price.
    [InlineData(OrderSide.Buy, 100, 98, 99, 97, 98)]
    // Low exactly at the limit is a touch: it fills.
    [InlineData(OrderSide.Buy, 100, 101, 102, 100, 100)]
    // Sell limit 100: the bar trades up to it after opening below.
    [InlineData(OrderSide.Sell, 100, 99, 100.5, 98, 100)]
    // Opens through the limit (gap up to 103): fills at the open.
    [InlineData(OrderSide.Sell, 100, 103, 104, 102, 103)]
    public async Task Limit_order_fills_when_the_bar_crosses_it(OrderSide side, double limit, double open, double high, double low, double expected)
    {
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: 0m));
        var order = await SubmitAsync(broker, Limit("AAPL", side, 10m, (decimal)limit, CloseOf(1)));

        var report = Assert.Single(_check.Apply(broker.OnBar(Ohlc("AAPL", 2, (decimal)open, (decimal)high, (decimal)low, (decimal)open))));

        Assert.Equal((OrderStatus.Filled, 10m, (decimal)expected, Day(2)), (report.Event.Status, report.Fill!.Quantity, report.Fill.Price, report.Fill.Ts));
        Assert.Equal(OrderStatus.Filled, _check.StatusOf(order));
    }

    [Theory]
    [InlineData(OrderSide.Buy, 100, 101, 103, 100.01)]
    [InlineData(OrderSide.Sell, 100, 99, 99.99, 97)]
    public async Task Limit_order_the_bar_does_not_reach_rests(OrderSide side, double limit, double open, double high, double low)
    {
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: 0m));
        var order = await SubmitAsync(broker, Limit("AAPL", side, 10m, (decimal)limit, CloseOf(1)));

        Assert.Empty(broker.OnBar(Ohlc("AAPL", 2, (decimal)open, (decimal)high, (decimal)low, (decimal)open)));
        Assert.Equal([order], broker.RestingOrders);
    }

    [Theory]
    // Buy limit 100, open 99.98 with 5 bps: 99.98 x 1.0005 = 100.02999 -> 100.0300, over the limit: pays 100.
    [InlineData(OrderSide.Buy, 100, 99.98, 100)]
    // Buy limit 100, open 90: 90 x 1.0005 = 90.045, under the limit: pays the slipped open.
    [InlineData(OrderSide.Buy, 100, 90, 90.045)]
    // Sell limit 100, open 100.01: 100.01 x 0.9995 = 99.959995 -> 99.9600, under the limit: receives 100.
    [InlineData(OrderSide.Sell, 100, 100.01, 100)]
    [InlineData(OrderSide.Sell, 100, 110, 109.945)]
    public async Task Gap_through_pays_slippage_but_never_beyond_the_limit(OrderSide side, double limit, double open, double expected)
    {
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: 5m));
        await SubmitAsync(broker, Limit("AAPL", side, 10m, (decimal)limit, CloseOf(1)));
        var o = (decimal)open;

        var fill = Assert.Single(_check.Apply(broker.OnBar(Ohlc("AAPL", 2, o, o + 1m, o - 1m, o)))).Fill!;

        Assert.Equal((decimal)expected, fill.Price);
    }

    [Fact]
    public async Task Fill_at_the_limit_within_the_bar_has_no_slippage()
    {
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: 50m));
        await SubmitAsync(broker, Limit("AAPL", OrderSide.Buy, 10m, 95m, CloseOf(1)));

        var fill = Assert.Single(_check.Apply(broker.OnBar(Ohlc("AAPL", 2, 100m, 101m, 94m, 96m)))).Fill!;

        Assert.Equal(95m, fill.Price);
    }

    [Fact]
    public async Task Day_limit_order_not_filled_expires_at_the_end_of_its_trading_day()
    {
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: 0m));
        var order = await SubmitAsync(broker, Limit("AAPL", OrderSide.Buy, 10m, 90m, CloseOf(1)));

        // Two bars of day 2 (2024-03-05) that stay above the limit: the order works through both.
        Assert.Empty(broker.OnBar(Ohlc("AAPL", 2, 100m, 101m, 95m, 96m)));
        Assert.Empty(broker.OnBar(Ohlc("AAPL", 2, 96m, 97m, 91m, 92m, hours: 3)));
        // The first bar of day 3 ends it, even though this bar would have crossed the limit.
        var report = Assert.Single(_check.Apply(broker.OnBar(Ohlc("AAPL", 3, 88m, 89m, 85m, 86m))));

        Assert.Equal((OrderStatus.Expired, 0m, (decimal?)null, new DateTimeOffset(2024, 3, 6, 0, 0, 0, TimeSpan.Zero)),
            (report.Event.Status, report.Event.FilledQuantity, report.Event.AveragePrice, report.Event.Ts));
        Assert.Equal("day order not filled by the end of 2024-03-05 (UTC)", report.Event.Reason);
        Assert.Null(report.Fill);
        Assert.Empty(broker.RestingOrders);
        Assert.Equal(OrderStatus.Expired, _check.StatusOf(order));
    }

    [Fact]
    public async Task Day_order_waits_over_days_without_a_bar_and_its_day_is_the_first_bar_it_sees()
    {
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: 0m));
        await SubmitAsync(broker, Limit("AAPL", OrderSide.Buy, 10m, 90m, CloseOf(1)));

        // Submitted on day 1's close, first bar on day 4 (a long weekend): day 4 is its day, and it fills then.
        var report = Assert.Single(_check.Apply(broker.OnBar(Ohlc("AAPL", 4, 95m, 96m, 89m, 90m))));

        Assert.Equal((OrderStatus.Filled, 90m, Day(4)), (report.Event.Status, report.Fill!.Price, report.Fill.Ts));
    }

    [Fact]
    public async Task Gtc_limit_order_rests_across_days_until_crossed()
    {
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: 0m));
        await SubmitAsync(broker, Limit("AAPL", OrderSide.Sell, 10m, 110m, CloseOf(1), TimeInForce.Gtc));

        for (var day = 2; day <= 6; day++)
            Assert.Empty(broker.OnBar(Ohlc("AAPL", day, 100m, 105m, 99m, 100m)));
        var report = Assert.Single(_check.Apply(broker.OnBar(Ohlc("AAPL", 7, 108m, 112m, 107m, 111m))));

        Assert.Equal((OrderStatus.Filled, 110m, Day(7)), (report.Event.Status, report.Fill!.Price, report.Fill.Ts));
    }

    [Fact]
    public async Task Bad_bar_never_fills_a_limit_order_even_when_its_low_is_under_the_limit()
    {
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: 0m));
        await SubmitAsync(broker, Limit("AAPL", OrderSide.Buy, 10m, 90m, CloseOf(1)));

        Assert.Empty(broker.OnBar(Ohlc("AAPL", 2, 0m, 100m, 80m, 95m)));
        Assert.Empty(broker.OnBar(Ohlc("AAPL", 2, 95m, 100m, -1m, 95m, hours: 1)));
        Assert.Single(broker.RestingOrders);
    }

    [Fact]
    public async Task Bad_bar_of_a_later_day_still_expires_a_day_order()
    {
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: 0m));
        await SubmitAsync(broker, Limit("AAPL", OrderSide.Buy, 10m, 90m, CloseOf(1)));
        Assert.Empty(broker.OnBar(Ohlc("AAPL", 2, 100m, 101m, 95m, 96m)));

        var report = Assert.Single(_check.Apply(broker.OnBar(Ohlc("AAPL", 3, 0m, 0m, 0m, 0m))));

        Assert.Equal(OrderStatus.Expired, report.Event.Status);
    }

    private async Task<Order> SubmitAsync(PaperBroker broker, Order order)
    {
        _check.Track(order);
        var reports = _check.Apply(await broker.SubmitAsync(order));
        Assert.Equal([OrderStatus.Submitted, OrderStatus.Accepted], reports.Select(r => r.Event.Status));
        return order;
    }
}
