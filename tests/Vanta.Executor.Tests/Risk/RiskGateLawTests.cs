using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Executor.Risk;
using static Vanta.Executor.Tests.Risk.RiskFixture;

namespace Vanta.Executor.Tests.Risk;

/// <summary>Laws of the gate over many seeded random streams of orders, fills, cancels, marks and clock steps.</summary>
public sealed class RiskGateLawTests
{
    private static readonly string[] Symbols = ["AAPL", "MSFT", "NVDA", "BTC-USD"];
    private const int Seeds = 40;
    private const int Steps = 400;

    [Fact]
    public void Halted_denies_every_order()
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            var world = new World(seed);
            world.Run(Steps, (_, _) => { });
            if (world.Random.Next(2) == 0)
                world.F.Gate.SetState(TradingState.Halted, "kill");
            else
                world.F.Gate.SetState(Main, TradingState.Halted, "kill");
            world.Run(Steps, (decision, _) => Assert.False(decision.IsApproved, $"seed {seed}: {decision}"));
        }
    }

    [Fact]
    public void Reducing_never_approves_an_order_that_grows_or_flips_a_position()
    {
        var approvals = 0;
        for (var seed = 0; seed < Seeds; seed++)
        {
            var world = new World(seed);
            world.Run(Steps, (_, _) => { });
            if (world.Random.Next(2) == 0)
                world.F.Gate.SetState(TradingState.Reducing, "review");
            else
                world.F.Gate.SetState(Main, TradingState.Reducing, "review");
            world.Run(Steps, (decision, step) =>
            {
                if (!decision.IsApproved)
                    return;
                approvals++;
                var delta = step.Order.Side == OrderSide.Buy ? step.Order.Quantity : -step.Order.Quantity;
                foreach (var before in new[] { step.HeldBefore, step.ExposureBefore })
                {
                    Assert.True(Math.Abs(before + delta) < Math.Abs(before), $"seed {seed}: {before} + {delta}");
                    Assert.True(Math.Sign(before + delta) != -Math.Sign(before), $"seed {seed}: {before} + {delta} crosses zero");
                }
            });
        }
        Assert.True(approvals > 50, $"only {approvals} reducing orders were approved: the law was barely exercised");
    }

    [Fact]
    public void An_approved_order_never_takes_an_exposure_over_its_limit()
    {
        var approvals = 0;
        var denials = new HashSet<RiskDenialReason>();
        for (var seed = 0; seed < Seeds; seed++)
        {
            var world = new World(seed);
            var limits = world.Limits;
            world.Run(Steps * 2, (decision, step) =>
            {
                if (decision is RiskDecision.Denied denied)
                {
                    denials.Add(denied.Reason);
                    return;
                }
                approvals++;
                var after = world.F.Gate.ViewOf(Main);
                var (_, exposure) = world.F.Gate.PositionOf(Main, step.Order.Symbol);
                var price = world.F.Gate.ReferencePriceOf(step.Order.Symbol)!.Value;
                var equity = after.Equity;
                var why = $"seed {seed}, {step.Order.Side} {step.Order.Quantity} {step.Order.Symbol}";
                Assert.True(step.Order.Quantity * price <= limits.MaxOrderNotional!.Value, why);
                var grows = Math.Abs(exposure) > Math.Abs(step.ExposureBefore);
                Assert.True(!grows || Math.Abs(exposure) <= limits.MaxPositionQuantity!.Value, why);
                Assert.True(!grows || Math.Abs(exposure) * price <= limits.MaxPositionNotional!.Value, why);
                Assert.True(!grows || Math.Abs(exposure) * price <= limits.PersonaMaxPositionWeight!.Value * equity, why);
                var grossLimit = Math.Min(limits.MaxGrossNotional!.Value, limits.MaxGrossFraction!.Value * equity);
                Assert.True(after.Gross <= grossLimit || after.Gross <= step.Before.Gross, why);
                var netLimit = Math.Min(limits.MaxNetNotional!.Value, limits.MaxNetFraction!.Value * equity);
                Assert.True(Math.Abs(after.Net) <= netLimit || Math.Abs(after.Net) <= Math.Abs(step.Before.Net), why);
            });
        }
        Assert.True(approvals > 1_000, $"only {approvals} approvals");
        Assert.Superset(new HashSet<RiskDenialReason>
        {
            RiskDenialReason.MaxOrderNotional, RiskDenialReason.MaxPositionQuantity, RiskDenialReason.MaxGrossExposure, RiskDenialReason.PriceCollar,
        }, denials);
    }

    [Fact]
    public void Running_gross_and_net_always_equal_a_recount_from_positions()
    {
        for (var seed = 0; seed < Seeds; seed++)
        {
            var world = new World(seed);
            world.Run(Steps, (_, _) =>
            {
                decimal gross = 0m, net = 0m;
                foreach (var symbol in Symbols)
                {
                    var (_, exposure) = world.F.Gate.PositionOf(Main, symbol);
                    var price = world.F.Gate.ReferencePriceOf(symbol)!.Value;
                    gross += Math.Abs(exposure) * price;
                    net += exposure * price;
                }
                var view = world.F.Gate.ViewOf(Main);
                Assert.Equal(gross, view.Gross);
                Assert.Equal(net, view.Net);
            });
        }
    }

    [Fact]
    public void The_same_inputs_give_the_same_decisions()
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var first = new World(seed).Transcript(Steps);
            var second = new World(seed).Transcript(Steps);
            Assert.Equal(first, second);
            Assert.Contains(first, line => line.Contains("approved", StringComparison.Ordinal));
            Assert.Contains(first, line => line.Contains("denied", StringComparison.Ordinal));
        }
        Assert.NotEqual(new World(1).Transcript(Steps), new World(2).Transcript(Steps));
    }

    private sealed record Step(Order Order, VaultRiskView Before, decimal HeldBefore, decimal ExposureBefore);

    /// <summary>One vault, four symbols, limits drawn from the seed, and a random walk of events.</summary>
    private sealed class World
    {
        private readonly List<Order> _working = [];

        public World(int seed)
        {
            Random = new Random(seed);
            Limits = new RiskLimits
            {
                MaxOrderNotional = Random.Next(5, 50) * 1_000m,
                MaxPositionQuantity = Random.Next(100, 500),
                MaxPositionNotional = Random.Next(10, 40) * 1_000m,
                MaxGrossNotional = Random.Next(30, 100) * 1_000m,
                MaxGrossFraction = Random.Next(5, 15) / 10m,
                MaxNetNotional = Random.Next(10, 60) * 1_000m,
                MaxNetFraction = Random.Next(2, 10) / 10m,
                DailyLossFraction = Random.Next(2, 10) / 100m,
                MaxOrdersPerWindow = Random.Next(20, 200),
                PriceCollarBps = Random.Next(100, 300),
                PersonaMaxPositionWeight = Random.Next(10, 50) / 100m,
            };
            F = new RiskFixture(Limits);
            F.Gate.Mark("NVDA", 50m);
            F.Gate.Mark("BTC-USD", 400m);
        }

        public Random Random { get; }
        public RiskLimits Limits { get; }
        public RiskFixture F { get; }

        public void Run(int steps, Action<RiskDecision, Step> onDecision)
        {
            for (var i = 0; i < steps; i++)
            {
                var roll = Random.Next(100);
                if (roll < 60)
                    Evaluate(onDecision);
                else if (roll < 75)
                    MarkOne();
                else if (roll < 88)
                    SettleOne();
                else
                    F.Clock.Advance(TimeSpan.FromSeconds(Random.Next(1, roll < 98 ? 120 : 40_000)));
            }
        }

        public List<string> Transcript(int steps)
        {
            var lines = new List<string>();
            Run(steps, (decision, step) => lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{step.Order.Side} {step.Order.Quantity} {step.Order.Symbol}: {decision} | {F.Gate.ViewOf(Main)}")));
            return lines;
        }

        private void Evaluate(Action<RiskDecision, Step> onDecision)
        {
            var symbol = Symbols[Random.Next(Symbols.Length)];
            var side = Random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            var reference = F.Gate.ReferencePriceOf(symbol)!.Value;
            decimal? limit = Random.Next(5) == 0 ? decimal.Round(reference * (1m + Random.Next(-400, 401) / 10_000m), 2) : null;
            var order = F.Order(symbol, side, Random.Next(1, 300), limit);
            var (held, exposure) = F.Gate.PositionOf(Main, symbol);
            var step = new Step(order, F.Gate.ViewOf(Main), held, exposure);
            var source = Random.Next(20) == 0 ? Role.Markets : Role.Alpha;
            var decision = F.Gate.Evaluate(order, source);
            onDecision(decision, step);
            if (!decision.IsApproved)
                return;
            if (Random.Next(3) == 0)
                _working.Add(order);
            else
                F.Fill(order, order.LimitPrice ?? reference, fee: Random.Next(3));
        }

        private void MarkOne()
        {
            var symbol = Symbols[Random.Next(Symbols.Length)];
            var price = F.Gate.ReferencePriceOf(symbol)!.Value;
            F.Gate.Mark(symbol, Math.Max(1m, decimal.Round(price * (1m + Random.Next(-300, 301) / 10_000m), 2)));
        }

        private void SettleOne()
        {
            if (_working.Count == 0)
                return;
            var index = Random.Next(_working.Count);
            var order = _working[index];
            _working.RemoveAt(index);
            if (Random.Next(2) == 0)
                F.Fill(order, F.Gate.ReferencePriceOf(order.Symbol)!.Value);
            else
                F.End(order, OrderStatus.Cancelled);
        }
    }
}
