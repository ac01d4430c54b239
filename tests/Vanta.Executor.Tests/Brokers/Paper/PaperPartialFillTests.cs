using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Executor.Brokers.Paper;
using Vanta.Executor.Orders;
using static Vanta.Executor.Tests.Brokers.Paper.PaperTestKit;
using static Vanta.Executor.Tests.Builders;

namespace Vanta.Executor.Tests.Brokers.Paper;

public sealed class PaperPartialFillTests
{
    private static readonly PaperBrokerOptions TenPercent = new(SlippageBps: 0m, VolumeParticipation: 0.1m);

    private readonly LifecycleCheck _check = new();

    [Fact]
    public async Task Order_larger_than_its_share_of_volume_fills_over_several_bars_with_the_average_price()
    {
        var broker = new PaperBroker(TenPercent);
        var order = await SubmitAsync(broker, Market("AAPL", OrderSide.Buy, 100m, CloseOf(1)).Gtc());

        // 10% of 300 = 30 a bar: 30 @ 10, 30 @ 11, 30 @ 12, then the last 10 @ 13.
        var reports = new List<ExecutionReport>();
        for (var day = 2; day <= 5; day++)
            reports.AddRange(_check.Apply(broker.OnBar(Ohlc("AAPL", day, 8m + day, 20m, 5m, 8m + day, volume: 300m))));

        Assert.Equal([30m, 30m, 30m, 10m], reports.Select(r => r.Fill!.Quantity));
        Assert.Equal([10m, 11m, 12m, 13m], reports.Select(r => r.Fill!.Price));
        Assert.Equal([30m, 60m, 90m, 100m], reports.Select(r => r.Event.FilledQuantity));
        // (300 + 330) / 60 = 10.5 ; (300 + 330 + 360) / 90 = 11 ; (990 + 130) / 100 = 11.2
        Assert.Equal([10m, 10.5m, 11m, 11.2m], reports.Select(r => r.Event.AveragePrice!.Value));
        Assert.Equal([OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled, OrderStatus.Filled],
            reports.Select(r => r.Event.Status));
        Assert.Equal(new[] { Day(2), Day(3), Day(4), Day(5) }.Select(d => OrderIds.FillIdFor(order.OrderId, d)), reports.Select(r => r.Fill!.FillId));
        Assert.Empty(broker.RestingOrders);
    }

    [Fact]
    public async Task Average_price_of_uneven_fills_is_rounded_to_eight_places()
    {
        var broker = new PaperBroker(TenPercent);
        await SubmitAsync(broker, Market("AAPL", OrderSide.Sell, 3m, CloseOf(1)).Gtc());

        var first = Assert.Single(_check.Apply(broker.OnBar(Ohlc("AAPL", 2, 10m, 11m, 9m, 10m, volume: 10m))));
        var second = Assert.Single(_check.Apply(broker.OnBar(Ohlc("AAPL", 3, 10.0001m, 11m, 9m, 10m, volume: 20m))));

        // 1 @ 10, then 2 @ 10.0001: 30.0002 / 3 = 10.0000666... -> 10.00006667
        Assert.Equal((1m, 10m), (first.Fill!.Quantity, first.Event.AveragePrice));
        Assert.Equal((2m, OrderStatus.Filled, 10.00006667m), (second.Fill!.Quantity, second.Event.Status, second.Event.AveragePrice));
    }

    [Fact]
    public async Task Day_order_partly_filled_expires_with_what_it_filled()
    {
        var broker = new PaperBroker(TenPercent);
        var order = await SubmitAsync(broker, Market("AAPL", OrderSide.Buy, 100m, CloseOf(1)));

        // Two intraday bars of day 2 fill 30 + 20; day 3's first bar expires the other 50 at midnight UTC.
        _check.Apply(broker.OnBar(Ohlc("AAPL", 2, 10m, 11m, 9m, 10m, volume: 300m)));
        _check.Apply(broker.OnBar(Ohlc("AAPL", 2, 12m, 13m, 11m, 12m, volume: 200m, hours: 1)));
        var expired = Assert.Single(_check.Apply(broker.OnBar(Ohlc("AAPL", 3, 10m, 11m, 9m, 10m, volume: 300m))));

        // (300 + 240) / 50 = 10.8
        Assert.Equal((OrderStatus.Expired, 50m, 10.8m, new DateTimeOffset(2024, 3, 6, 0, 0, 0, TimeSpan.Zero)),
            (expired.Event.Status, expired.Event.FilledQuantity, expired.Event.AveragePrice, expired.Event.Ts));
        Assert.Equal(OrderStatus.Expired, _check.StatusOf(order));
    }

    [Fact]
    public async Task Bar_with_no_volume_fills_nothing_under_a_cap_and_fills_in_full_without_one()
    {
        var capped = new PaperBroker(TenPercent);
        var unlimited = new PaperBroker(new PaperBrokerOptions(SlippageBps: 0m));
        await SubmitAsync(capped, Market("AAPL", OrderSide.Buy, 10m, CloseOf(1)));
        var order = Market("AAPL", OrderSide.Buy, 10m, CloseOf(1), tag: "unlimited");
        await SubmitAsync(unlimited, order);
        var bar = Ohlc("AAPL", 2, 10m, 11m, 9m, 10m, volume: 0m);

        Assert.Empty(capped.OnBar(bar));
        Assert.Single(capped.RestingOrders);
        Assert.Equal(10m, Assert.Single(_check.Apply(unlimited.OnBar(bar))).Fill!.Quantity);
    }

    [Theory]
    // 10% of 255 = 25.5 -> 25 whole shares
    [InlineData("AAPL", 255, 25)]
    // under one share of participation: nothing this bar
    [InlineData("AAPL", 9, 0)]
    // crypto keeps 8 places: 10% of 0.123456789 = 0.0123456789 -> 0.01234567
    [InlineData("BTC-USD", 0.123456789, 0.01234567)]
    public async Task Share_of_volume_rounds_down_to_whole_shares_or_eight_places_for_crypto(string symbol, double volume, double expected)
    {
        var broker = new PaperBroker(TenPercent);
        await SubmitAsync(broker, Market(symbol, OrderSide.Buy, 1000m, CloseOf(1)).Gtc());

        var reports = _check.Apply(broker.OnBar(Ohlc(symbol, 2, 10m, 11m, 9m, 10m, volume: (decimal)volume)));

        Assert.Equal((decimal)expected, reports.Sum(r => r.Fill!.Quantity));
    }

    [Fact]
    public async Task Orders_in_one_symbol_share_the_bars_volume_in_arrival_order()
    {
        var broker = new PaperBroker(TenPercent);
        var first = await SubmitAsync(broker, Market("AAPL", OrderSide.Buy, 25m, CloseOf(1)).Gtc());
        var second = await SubmitAsync(broker, Market("AAPL", OrderSide.Sell, 25m, CloseOf(1), tag: "b").Gtc());
        var other = await SubmitAsync(broker, Market("MSFT", OrderSide.Buy, 25m, CloseOf(1)).Gtc());

        // 10% of 400 = 40 for AAPL: 25 to the first order, the last 15 to the second. MSFT is untouched.
        var reports = _check.Apply(broker.OnBar(Ohlc("AAPL", 2, 10m, 11m, 9m, 10m, volume: 400m)));

        Assert.Equal([(first.ClientOrderId, 25m, OrderStatus.Filled), (second.ClientOrderId, 15m, OrderStatus.PartiallyFilled)],
            reports.Select(r => (r.Fill!.ClientOrderId, r.Fill.Quantity, r.Event.Status)));
        Assert.Equal([second, other], broker.RestingOrders);
    }

    [Fact]
    public async Task Order_fills_at_most_once_per_bar_even_if_the_bar_is_delivered_twice()
    {
        var broker = new PaperBroker(TenPercent);
        await SubmitAsync(broker, Market("AAPL", OrderSide.Buy, 100m, CloseOf(1)).Gtc());
        var bar = Ohlc("AAPL", 2, 10m, 11m, 9m, 10m, volume: 300m);

        Assert.Single(_check.Apply(broker.OnBar(bar)));
        Assert.Empty(broker.OnBar(bar));
    }

    [Fact]
    public async Task Limit_order_under_a_cap_fills_only_on_bars_that_cross_it()
    {
        var broker = new PaperBroker(TenPercent);
        await SubmitAsync(broker, Limit("ETH-USD", OrderSide.Buy, 1.5m, 2000m, CloseOf(1), TimeInForce.Gtc));

        var a = _check.Apply(broker.OnBar(Ohlc("ETH-USD", 2, 2050m, 2100m, 1990m, 2000m, volume: 10m)));
        var b = _check.Apply(broker.OnBar(Ohlc("ETH-USD", 3, 2050m, 2100m, 2010m, 2050m, volume: 10m)));
        var c = _check.Apply(broker.OnBar(Ohlc("ETH-USD", 4, 1980m, 2000m, 1950m, 1990m, volume: 10m)));

        Assert.Equal((1m, 2000m, OrderStatus.PartiallyFilled), (a.Single().Fill!.Quantity, a.Single().Fill!.Price, a.Single().Event.Status));
        Assert.Empty(b);
        Assert.Equal((0.5m, 1980m, OrderStatus.Filled), (c.Single().Fill!.Quantity, c.Single().Fill!.Price, c.Single().Event.Status));
        // (2000 + 990) / 1.5 = 1993.33333333...
        Assert.Equal(1993.33333333m, c.Single().Event.AveragePrice);
    }

    private async Task<Order> SubmitAsync(PaperBroker broker, Order order)
    {
        _check.Track(order);
        _check.Apply(await broker.SubmitAsync(order));
        return order;
    }
}
