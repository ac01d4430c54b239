using Vanta.Core.Domain;
using Vanta.Executor.Attribution;

namespace Vanta.Executor.Tests.Attribution;

/// <summary>The sums every attribution obeys, on seeded random journals: many vaults, symbols, longs, shorts and flips.</summary>
public sealed class AttributionLawTests
{
    private static readonly string[] Models = ["direction@1", "forecast@1", "insider@1", "momentum@1", "sentiment@1", "retired@0"];

    private static readonly ModelFamilies Families = new([
        KeyValuePair.Create("direction@1", "direction"), KeyValuePair.Create("forecast@1", "forecast"),
        KeyValuePair.Create("insider@1", "insider"), KeyValuePair.Create("momentum@1", "price"), KeyValuePair.Create("sentiment@1", "sentiment")]);

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_dimension_and_every_day_adds_up_to_the_total(int seed)
    {
        var pnl = RandomJournal(seed).Attribute(Families);

        foreach (var dimension in PnlDimensions.All)
            AssertSums(pnl.Total, pnl.By(dimension), $"seed {seed} by {dimension}");
        AssertSums(pnl.Total, pnl.Daily.Select(d => KeyValuePair.Create(d.Date.ToString("O"), d.Total)), $"seed {seed} daily");
        foreach (var day in pnl.Daily)
        {
            foreach (var dimension in PnlDimensions.All)
                AssertSums(day.Total, day.By(dimension), $"seed {seed} {day.Date} by {dimension}");
        }
        // A dimension's group, day by day, adds up to its total too.
        foreach (var dimension in PnlDimensions.All)
        {
            foreach (var (group, figures) in pnl.By(dimension))
                AssertSums(figures, pnl.Daily.SelectMany(d => d.By(dimension).Where(g => g.Key == group)), $"seed {seed} {dimension} {group} daily");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_vault_reconciles_with_its_ledger(int seed)
    {
        var journal = RandomJournal(seed);

        var pnl = journal.Attribute(Families);

        // Realised PnL is kept to 12 places per fill; the total and the fees are exact.
        var tolerance = 0.000000000001m * journal.Fills;
        foreach (var (vault, ledger) in journal.Ledgers)
        {
            var figures = pnl.ByVault[vault];
            Assert.Equal(ledger.Equity - ledger.Capital, figures.Total);
            Assert.Equal(ledger.FeesPaid, figures.Fees);
            Assert.True(Math.Abs(ledger.RealizedPnl - figures.Realized) <= tolerance, $"seed {seed} {vault}: realised {figures.Realized} vs {ledger.RealizedPnl}");
            Assert.True(Math.Abs(ledger.UnrealizedPnl - figures.Unrealized) <= tolerance, $"seed {seed} {vault}: unrealised {figures.Unrealized} vs {ledger.UnrealizedPnl}");
        }
        Assert.Equal(journal.Ledgers.Keys, pnl.ByVault.Keys);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(31)]
    public void The_same_journal_gives_the_same_attribution(int seed)
    {
        var first = RandomJournal(seed).Attribute(Families);
        var second = RandomJournal(seed).Attribute(Families);

        Assert.Equal(first.Total, second.Total);
        foreach (var dimension in PnlDimensions.All)
            Assert.Equal(first.By(dimension), second.By(dimension));
        Assert.Equal(first.Daily.Select(d => (d.Date, d.Total)), second.Daily.Select(d => (d.Date, d.Total)));
    }

    private static void AssertSums(PnlFigures total, IEnumerable<KeyValuePair<string, PnlFigures>> groups, string what)
    {
        var sum = groups.Aggregate(PnlFigures.Zero, (s, g) => s.Plus(g.Value));
        Assert.True(total == sum, $"{what}: groups add up to {sum}, the total is {total}");
    }

    /// <summary>
    /// Days of random trading: each day some vaults decide on some symbols (random scores and reasons) and trade
    /// random lots (sells may go short or through zero) at prices of 2 to 4 places with fees in cents, then every
    /// symbol closes.
    /// </summary>
    private static AttributionJournal RandomJournal(int seed)
    {
        var random = new Random(seed);
        var journal = new AttributionJournal();
        string[] vaults = ["core", "growth", "hedge"];
        string[] symbols = ["AAA", "BBB", "CCC", "DDD"];
        var prices = symbols.ToDictionary(s => s, _ => (decimal)random.Next(1_000, 50_000) / 100m, StringComparer.Ordinal);
        var days = random.Next(5, 40);
        for (var day = 1; day <= days; day++)
        {
            for (var trades = random.Next(0, 6); trades > 0; trades--)
            {
                var symbol = symbols[random.Next(symbols.Length)];
                var reasons = Models.Where(_ => random.Next(3) > 0)
                    .Select(m => (m, (decimal)random.Next(-300_000, 300_001) / 1_000_000m))
                    .ToArray();
                var score = Math.Clamp(reasons.Sum(r => r.Item2), -1m, 1m);
                var intent = journal.Decide(vaults[random.Next(vaults.Length)], symbol, score, day, reasons.Length == 0 ? [("momentum@1", 0m)] : reasons);
                var price = Math.Round(prices[symbol] * (1m + (decimal)random.Next(-200, 201) / 10_000m), random.Next(2, 5));
                journal.Fill(intent, random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell, random.Next(1, 300), price, random.Next(0, 500) / 100m, day);
            }
            foreach (var symbol in symbols)
            {
                if (random.Next(10) == 0)
                    continue; // no bar for it today
                prices[symbol] = Math.Max(0.01m, Math.Round(prices[symbol] * (1m + (decimal)random.Next(-500, 501) / 10_000m), random.Next(2, 5)));
                journal.Bar(symbol, day, prices[symbol]);
            }
        }
        return journal;
    }
}
