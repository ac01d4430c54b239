using System.Text.Json;
using Vanta.Core.Ids;
using Vanta.Vaults.Compounding;
using Vanta.Vaults.Config;
using Vanta.Vaults.Tests.Config;
using static Vanta.Vaults.Tests.Allocation.Convictions;

namespace Vanta.Vaults.Tests.Compounding;

/// <summary>
/// The V2 example: core (50,000, sweeps 50% of gains into growth), growth (100,000, no rule, does not compound),
/// loan1 (20,000, no rule).
/// </summary>
public sealed class VaultCapitalBookTests
{
    private static readonly VaultId Core = new("core"), Growth = new("growth"), Loan = new("loan1");
    private static readonly DateOnly Day1 = new(2024, 3, 1), Day2 = new(2024, 3, 2), Day3 = new(2024, 3, 3), Day4 = new(2024, 3, 4);

    private static VaultCapitalBook Book() => new(VaultConfigLoader.Parse(VaultConfigV2Tests.V2, T0).Config!);

    [Fact]
    public void Half_of_each_days_realised_gain_moves_into_the_growth_vault_after_losses_are_made_good()
    {
        var book = Book();

        // Day 1: core realised 1,000.01 -> 500.00 swept (500.005 rounded down to the cent).
        book.ReportRealized(Core, 1000.01m);
        var sweep = Assert.Single(book.Sweep(Day1));
        Assert.Equal(new CapitalSweep(Core, Growth, Day1, 1000.01m, 1000.01m, 0.5m, 500m), sweep);
        Assert.Equal(50000m + 1000.01m - 500m, book.CapitalOf(Core));   // 50,500.01
        Assert.Equal(100500m, book.CapitalOf(Growth));

        // Day 2: cumulative 1,600.01 -> gain 600 -> 300 swept.
        book.ReportRealized(Core, 1600.01m);
        Assert.Equal(300m, Assert.Single(book.Sweep(Day2)).Amount);
        Assert.Equal(50000m + 1600.01m - 800m, book.CapitalOf(Core));   // 50,800.01
        Assert.Equal(100800m, book.CapitalOf(Growth));

        // Day 3: a loss of 400 (cumulative 1,200.01): nothing swept, core absorbs it.
        book.ReportRealized(Core, 1200.01m);
        Assert.Empty(book.Sweep(Day3));
        Assert.Equal(50400.01m, book.CapitalOf(Core));

        // Day 4: back to 1,700.01 -> only the 100 above the high-water mark of 1,600.01 counts -> 50 swept.
        book.ReportRealized(Core, 1700.01m);
        Assert.Equal(new CapitalSweep(Core, Growth, Day4, 1700.01m, 100m, 0.5m, 50m), Assert.Single(book.Sweep(Day4)));
        Assert.Equal(50000m + 1700.01m - 850m, book.CapitalOf(Core));   // 50,850.01
        Assert.Equal(100850m, book.CapitalOf(Growth));

        // Nothing new: a second sweep the same day moves nothing.
        Assert.Empty(book.Sweep(Day4));
    }

    [Fact]
    public void Vaults_without_a_rule_keep_their_capital_unless_they_compound()
    {
        var book = Book();
        book.ReportRealized(Growth, 2500m);   // growth has no rule and compound_realized_pnl false
        book.ReportRealized(Loan, -300m);
        Assert.Empty(book.Sweep(Day1));
        Assert.Equal(100000m, book.CapitalOf(Growth));
        Assert.Equal(20000m, book.CapitalOf(Loan));

        var compounding = new VaultCapitalBook(new VaultConfig(1, "USD", [Vault(id: "a") with { Capital = 1000m, CompoundRealizedPnl = true }]));
        compounding.ReportRealized(new VaultId("a"), -1500m);
        Assert.Equal(0m, compounding.CapitalOf(new VaultId("a")));   // floored at 0 for sizing
        Assert.Equal(-500m, compounding.Snapshot()[0].Capital);
    }

    [Fact]
    public void A_new_config_version_keeps_what_was_swept()
    {
        var book = Book();
        book.ReportRealized(Core, 1000m);
        _ = book.Sweep(Day1);   // 500 into growth
        var raised = VaultConfigLoader.Parse(VaultConfigV2Tests.V2.Replace("\"capital\": 100000", "\"capital\": 120000", StringComparison.Ordinal), T0);
        book.Reconfigure(raised.Config!);
        Assert.Equal(120500m, book.CapitalOf(Growth));
        Assert.Equal(50500m, book.CapitalOf(Core));
        book.ReportRealized(Core, 1000m);
        Assert.Empty(book.Sweep(Day2));
    }

    [Fact]
    public void The_statement_document_is_canonical_json_with_its_hash()
    {
        var book = Book();
        book.ReportRealized(Core, 10m);
        var sweeps = book.Sweep(Day1);
        var document = book.ToDocument(Day1, sweeps, T0);
        Assert.Equal(VaultCapitalBook.DocumentKind, document.Kind);
        Assert.Equal(ContentHash.Sha256Hex(document.Content), document.Version);
        using var json = JsonDocument.Parse(document.Content);
        Assert.Equal("2024-03-01", json.RootElement.GetProperty("day").GetString());
        Assert.Equal(5m, json.RootElement.GetProperty("sweeps")[0].GetProperty("amount").GetDecimal());
        Assert.Equal(["core", "growth", "loan1"], json.RootElement.GetProperty("vaults").EnumerateArray().Select(v => v.GetProperty("vault").GetString()));
        Assert.Equal(document.Content, book.ToDocument(Day1, sweeps, T0).Content);
    }
}
