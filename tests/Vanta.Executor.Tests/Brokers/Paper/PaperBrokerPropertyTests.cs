using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Executor.Brokers.Paper;
using Vanta.Executor.Orders;
using static Vanta.Executor.Tests.Builders;

namespace Vanta.Executor.Tests.Brokers.Paper;

/// <summary>
/// Random sessions of submits, bars (some bad, some without volume) and cancels against every fee model and volume
/// cap: each order's reports must be a legal lifecycle whose fills never add up to more than the order.
/// </summary>
public sealed class PaperBrokerPropertyTests
{
    private static readonly string[] Symbols = ["AAPL", "BTC-USD"];

    private static readonly IFeeModel?[] FeeModels =
        [null, PerShareFeeModel.IbkrFixed, AlpacaRegulatoryFeeModel.Default, MakerTakerFeeModel.Coinbase, MakerTakerFeeModel.BybitSpot];

    private static readonly decimal?[] Participations = [null, 0m, 0.01m, 0.1m, 0.5m, 1m];

    [Fact]
    public async Task Random_sessions_follow_the_lifecycle_and_never_overfill()
    {
        var statuses = new Dictionary<OrderStatus, int>();
        for (var seed = 1; seed <= 150; seed++)
        {
            foreach (var (status, count) in await RunSessionAsync(seed))
                statuses[status] = statuses.GetValueOrDefault(status) + count;
        }

        // The sessions reach every outcome, so the checks above ran on each kind of sequence.
        foreach (var status in Enum.GetValues<OrderStatus>().Where(s => s != OrderStatus.New))
            Assert.True(statuses.GetValueOrDefault(status) > 0, $"no session reported {status}");
    }

    private static async Task<Dictionary<OrderStatus, int>> RunSessionAsync(int seed)
    {
        var random = new Random(seed);
        var options = new PaperBrokerOptions(
            SlippageBps: random.Next(0, 30),
            VolumeParticipation: Participations[random.Next(Participations.Length)],
            FeeModel: FeeModels[random.Next(FeeModels.Length)]);
        var broker = new PaperBroker(options);
        var check = new LifecycleCheck();
        var orders = new List<Order>();
        var prices = Symbols.ToDictionary(s => s, _ => 100m);
        var statuses = new Dictionary<OrderStatus, int>();
        var now = Day1;

        void Record(IReadOnlyList<ExecutionReport> reports)
        {
            check.Apply(reports);
            foreach (var report in reports)
            {
                statuses[report.Event.Status] = statuses.GetValueOrDefault(report.Event.Status) + 1;
                if (report.Fill is { } fill)
                    AssertWithinLimit(orders.Single(o => o.ClientOrderId == fill.ClientOrderId), fill);
            }
        }

        for (var step = 0; step < 80; step++)
        {
            // Steps of 3 to 9 hours: several bars a day, and days that pass with no bar at all.
            now = now.AddHours(random.Next(3, 10));
            var symbol = Symbols[random.Next(Symbols.Length)];
            var action = random.Next(10);
            if (action < 3)
            {
                var order = RandomOrder(random, symbol, prices[symbol], now, $"{seed}-{step}");
                orders.Add(order);
                check.Track(order);
                Record(await broker.SubmitAsync(order));
            }
            else if (action < 9)
            {
                var bar = RandomBar(random, symbol, prices[symbol], now);
                if (bar.Close > 0m)
                    prices[symbol] = bar.Close;
                Record(broker.OnBar(bar));
            }
            else if (orders.Count > 0)
            {
                Record(broker.Cancel(orders[random.Next(orders.Count)].ClientOrderId, now));
            }
        }

        Assert.Equal(check.Working.Select(o => o.ClientOrderId).Order(), broker.RestingOrders.Select(o => o.ClientOrderId).Order());
        return statuses;
    }

    [Fact]
    public async Task Flat_costs_without_a_volume_cap_fill_market_orders_exactly_as_before_fee_models()
    {
        // The fill rule the end-to-end run was recorded with: the whole order at the next valid bar's open, slipped
        // and rounded to 4 places, fee max(minimum, per share x q + bps x notional) rounded to 4 places. Compared as
        // text, so the decimal scales (which the trade log prints) must match too.
        for (var seed = 1; seed <= 40; seed++)
        {
            var random = new Random(seed);
            var options = new PaperBrokerOptions(random.Next(0, 20), random.Next(3) * 0.005m, random.Next(2), random.Next(3) * 0.5m);
            var broker = new PaperBroker(options);
            var waiting = new List<Order>();
            var now = Day1;
            for (var step = 0; step < 60; step++)
            {
                now = now.AddHours(random.Next(3, 30));
                var symbol = Symbols[random.Next(Symbols.Length)];
                if (random.Next(3) == 0)
                {
                    var quantity = random.Next(4) == 0 ? random.Next(1, 90000) / 100m : random.Next(1, 900);
                    var order = Market(symbol, random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, quantity, now, $"{seed}-{step}");
                    await broker.SubmitAsync(order);
                    waiting.Add(order);
                    continue;
                }
                var bar = RandomBar(random, symbol, 100m, now) with { Low = 1m };
                List<string> expected = bar.Open <= 0m ? [] : waiting.Where(o => o.Symbol == symbol).Select(o => Before(options, o, bar)).ToList();
                if (bar.Open > 0m)
                    waiting.RemoveAll(o => o.Symbol == symbol);

                Assert.Equal(expected, broker.OnBar(bar).Select(r => $"{r.Event} {r.Fill}"));
            }
        }
    }

    private static string Before(PaperBrokerOptions options, Order order, PriceBar bar)
    {
        var factor = order.Side == OrderSide.Buy ? 1m + options.SlippageBps / 10000m : 1m - options.SlippageBps / 10000m;
        var price = decimal.Round(bar.Open * factor, 4, MidpointRounding.AwayFromZero);
        var fee = options.FeePerShare * order.Quantity + options.FeeBps / 10000m * order.Quantity * price;
        fee = decimal.Round(Math.Max(options.MinimumFeePerOrder, fee), 4, MidpointRounding.AwayFromZero);
        var fill = new Fill(OrderIds.FillIdFor(order.OrderId, bar.Start), order.OrderId, order.ClientOrderId, order.VaultId,
            order.Symbol, order.Side, order.Quantity, price, fee, bar.Start);
        return $"{new OrderEvent(order.OrderId, order.ClientOrderId, OrderStatus.Filled, order.Quantity, price, null, bar.Start)} {fill}";
    }

    private static Order RandomOrder(Random random, string symbol, decimal price, DateTimeOffset now, string tag)
    {
        var crypto = symbol.Contains('-', StringComparison.Ordinal);
        var quantity = random.Next(20) == 0
            ? 0m
            : crypto ? Math.Round((decimal)random.NextDouble() * 5m, 8) + 0.00000001m : random.Next(1, 2000);
        var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
        var order = Market(symbol, side, quantity, now, tag) with { TimeInForce = random.Next(2) == 0 ? TimeInForce.Day : TimeInForce.Gtc };
        if (random.Next(2) == 0)
            return order;
        // Limits within 3% of the last price: some cross at once, some later, some never.
        var limit = Math.Round(price * (0.97m + (decimal)random.NextDouble() * 0.06m), 2);
        return order with { Type = OrderType.Limit, LimitPrice = limit };
    }

    private static PriceBar RandomBar(Random random, string symbol, decimal price, DateTimeOffset start)
    {
        var open = Math.Round(price * (0.98m + (decimal)random.NextDouble() * 0.04m), 4);
        var close = Math.Round(open * (0.98m + (decimal)random.NextDouble() * 0.04m), 4);
        var high = Math.Max(open, close) * 1.01m;
        var low = Math.Min(open, close) * 0.99m;
        var volume = random.Next(5) == 0 ? 0m : random.Next(1, 50_000);
        if (random.Next(12) == 0)
            (open, low) = random.Next(2) == 0 ? (0m, low) : (open, -1m);
        return new PriceBar(symbol, start, start.AddHours(1), open, high, low, close, volume, "random");
    }

    private static void AssertWithinLimit(Order order, Fill fill)
    {
        if (order.Type != OrderType.Limit)
            return;
        if (order.Side == OrderSide.Buy)
            Assert.True(fill.Price <= order.LimitPrice, $"buy limit {order.LimitPrice} filled at {fill.Price}");
        else
            Assert.True(fill.Price >= order.LimitPrice, $"sell limit {order.LimitPrice} filled at {fill.Price}");
    }
}
