using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Paper;
using Vanta.Executor.Portfolio;
using static Vanta.Executor.Tests.Builders;

namespace Vanta.Executor.Tests.Portfolio;

public sealed class VaultLedgerTests
{
    private static void AssertAccount(VaultLedger ledger, decimal cash, decimal realized, decimal unrealized, decimal fees, decimal equity)
    {
        Assert.Equal(
            (cash, realized, unrealized, fees, equity),
            (ledger.Cash, ledger.RealizedPnl, ledger.UnrealizedPnl, ledger.FeesPaid, ledger.Equity));
        // Holds at every step: equity = capital + realised + unrealised - fees.
        Assert.Equal(ledger.Capital + realized + unrealized - fees, equity);
    }

    [Fact]
    public async Task Buy_partial_sell_and_close_with_fees_and_slippage()
    {
        // 10 bps of slippage; 0.005 per share with a 1.00 minimum, so every order here pays 1.00.
        var broker = new PaperBroker(new PaperBrokerOptions(SlippageBps: 10m, FeePerShare: 0.005m, MinimumFeePerOrder: 1m));
        var ledger = new VaultLedger(CoreVault, 10000m);
        void Trade(PriceBar bar)
        {
            foreach (var report in broker.OnBar(bar))
                ledger.Apply(report.Fill!);
            ledger.Mark(bar);
        }

        // Buy 100, filled at day 2's open 50 x 1.001 = 50.05; fee max(0.50, 1.00) = 1.00
        await broker.SubmitAsync(Market("AAPL", OrderSide.Buy, 100m, CloseOf(1)));
        Trade(Bar("AAPL", 2, open: 50m, close: 51m));
        // cash       = 10000 - 100 x 50.05 - 1 = 4994
        // unrealised = 100 x (51 - 50.05)       = 95
        // equity     = 4994 + 100 x 51          = 10094
        AssertAccount(ledger, cash: 4994m, realized: 0m, unrealized: 95m, fees: 1m, equity: 10094m);
        Assert.Equal(new Position(CoreVault, "AAPL", 100m, 50.05m, 51m, 0m, 95m), Assert.Single(ledger.Positions()));

        // Sell 40 at day 3's open 52 x 0.999 = 51.948; fee 1.00
        await broker.SubmitAsync(Market("AAPL", OrderSide.Sell, 40m, CloseOf(2)));
        Trade(Bar("AAPL", 3, open: 52m, close: 53m));
        // cash       = 4994 + 40 x 51.948 - 1  = 4994 + 2077.92 - 1 = 7070.92
        // realised   = 40 x (51.948 - 50.05)   = 75.92
        // unrealised = 60 x (53 - 50.05)       = 177
        // equity     = 7070.92 + 60 x 53       = 10250.92
        AssertAccount(ledger, cash: 7070.92m, realized: 75.92m, unrealized: 177m, fees: 2m, equity: 10250.92m);
        Assert.Equal(new Position(CoreVault, "AAPL", 60m, 50.05m, 53m, 75.92m, 177m), Assert.Single(ledger.Positions()));

        // Close 60 at day 4's open 49 x 0.999 = 48.951; fee 1.00
        await broker.SubmitAsync(Market("AAPL", OrderSide.Sell, 60m, CloseOf(3)));
        Trade(Bar("AAPL", 4, open: 49m, close: 48m));
        // cash     = 7070.92 + 60 x 48.951 - 1 = 7070.92 + 2937.06 - 1 = 10006.98
        // realised = 75.92 + 60 x (48.951 - 50.05) = 75.92 - 65.94 = 9.98
        // equity   = cash (flat)               = 10006.98 = 10000 + 9.98 - 3
        AssertAccount(ledger, cash: 10006.98m, realized: 9.98m, unrealized: 0m, fees: 3m, equity: 10006.98m);
        Assert.Empty(ledger.Positions());
        Assert.Equal(new PortfolioSnapshot(CoreVault, 10006.98m, 10006.98m, 9.98m, 0m, 3m, Day(4)), ledger.Snapshot(Day(4)));
    }

    [Fact]
    public void Trade_through_zero_closes_then_opens_at_the_trade_price()
    {
        var ledger = new VaultLedger(CoreVault, 10000m);
        ledger.Apply(FillOf("AAPL", OrderSide.Buy, 10m, 100m));

        // Sell 15 at 110: closes 10 (realised 10 x 10 = 100), opens short 5 at 110.
        ledger.Apply(FillOf("AAPL", OrderSide.Sell, 15m, 110m, day: 2));

        var position = Assert.Single(ledger.Positions());
        Assert.Equal((-5m, 110m), (position.Quantity, position.AverageCost));
        // cash = 10000 - 1000 + 1650 = 10650; last price is the first fill's (100, no mark yet)
        // unrealised = -5 x (100 - 110) = 50; equity = 10650 - 5 x 100 = 10150
        AssertAccount(ledger, cash: 10650m, realized: 100m, unrealized: 50m, fees: 0m, equity: 10150m);

        // Short covered at 104: realised 5 x (110 - 104) = 30.
        ledger.Mark(Bar("AAPL", 3, 104m, 104m));
        ledger.Apply(FillOf("AAPL", OrderSide.Buy, 5m, 104m, day: 3));
        AssertAccount(ledger, cash: 10130m, realized: 130m, unrealized: 0m, fees: 0m, equity: 10130m);
    }

    [Fact]
    public void Adding_to_a_position_re_averages_its_cost()
    {
        var ledger = new VaultLedger(CoreVault, 10000m);
        ledger.Apply(FillOf("MSFT", OrderSide.Buy, 10m, 100m));
        ledger.Apply(FillOf("MSFT", OrderSide.Buy, 30m, 120m, day: 2));
        ledger.Apply(FillOf("AAPL", OrderSide.Sell, 4m, 50m, day: 2));

        // (10 x 100 + 30 x 120) / 40 = 4600 / 40 = 115
        Assert.Equal([("AAPL", -4m, 50m), ("MSFT", 40m, 115m)], ledger.Positions().Select(p => (p.Symbol, p.Quantity, p.AverageCost)));
        Assert.Equal(40m, ledger.QuantityOf("MSFT"));
        Assert.Equal(100m, ledger.LastPriceOf("MSFT"));
        Assert.Null(ledger.LastPriceOf("NVDA"));
    }

    [Fact]
    public void Fill_of_another_vault_is_a_bug()
    {
        var ledger = new VaultLedger(new VaultId("growth"), 1000m);

        Assert.Throws<ArgumentException>(() => ledger.Apply(FillOf("AAPL", OrderSide.Buy, 1m, 10m)));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Equity_always_equals_capital_plus_pnl_minus_fees(int seed)
    {
        var random = new Random(seed);
        var ledger = new VaultLedger(CoreVault, 50000m);
        string[] symbols = ["AAPL", "MSFT", "TSLA"];
        for (var day = 1; day <= 200; day++)
        {
            var symbol = symbols[random.Next(symbols.Length)];
            var price = 10m + random.Next(0, 9000) / 100m;
            var side = random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
            ledger.Apply(FillOf(symbol, side, random.Next(1, 50), price, fee: random.Next(0, 300) / 100m, day: day));
            ledger.Mark(Bar(symbol, day, price, price + random.Next(-500, 500) / 100m));

            var identity = ledger.Capital + ledger.RealizedPnl + ledger.UnrealizedPnl - ledger.FeesPaid;
            Assert.True(Math.Abs(ledger.Equity - identity) < 0.000001m, $"day {day}: {ledger.Equity} vs {identity}");
        }
    }
}
