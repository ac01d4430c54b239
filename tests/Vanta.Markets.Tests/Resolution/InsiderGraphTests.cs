using Vanta.Core.Domain;
using Vanta.Markets.Collectors.SecForm4;
using Vanta.Markets.Resolution;

namespace Vanta.Markets.Tests.Resolution;

public sealed class InsiderGraphTests
{
    private static InsiderTransaction Row(
        string ownerCik, string ownerName, string issuerCik, string symbol, string relationship, DateOnly date) =>
        new("doc", "4", issuerCik, "Issuer " + symbol, symbol, ownerCik, ownerName, relationship, false, "Common Stock",
            date, "P", 100m, 10m, "A", 1_000m, "D", new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), []);

    [Fact]
    public void Edges_are_queryable_from_both_ends_and_merge_rows()
    {
        var graph = InsiderGraph.Build([
            Row("111", "DOE JANE", "0000000222", "ACME", "director", new DateOnly(2024, 3, 5)),
            Row("0000000111", "DOE JANE", "222", "ACME", "officer:CFO", new DateOnly(2024, 1, 2)),
            Row("111", "DOE JANE", "333", "BETA", "ten_percent_owner", new DateOnly(2024, 2, 1)),
            Row("444", "ROE RICHARD", "222", "ACME", "director", new DateOnly(2024, 4, 1)),
        ]);

        Assert.Equal(3, graph.Edges.Length);
        var acme = graph.IssuersOf("111").Single(e => e.Symbol == "ACME");
        Assert.Equal<string>(["director", "officer:CFO"], acme.Relationships);
        Assert.Equal(new DateOnly(2024, 1, 2), acme.FirstTransaction);
        Assert.Equal(new DateOnly(2024, 3, 5), acme.LastTransaction);
        Assert.Equal(2, acme.Transactions);
        Assert.Equal(["0000000222", "0000000333"], graph.IssuersOf("0000000111").Select(e => e.IssuerCik));
        Assert.Equal(["0000000111", "0000000444"], graph.InsidersOf("222").Select(e => e.OwnerCik));
        Assert.Equal(["DOE JANE", "ROE RICHARD"], graph.InsidersOfSymbol("acme").Select(e => e.OwnerName));
        Assert.Empty(graph.InsidersOf("999"));
    }

    [Fact]
    public void A_row_with_several_reporting_owners_makes_one_edge_per_owner()
    {
        var graph = InsiderGraph.Build([
            Row("1067983,315090", "BERKSHIRE HATHAWAY INC; BUFFETT WARREN E", "1640147", "SNOW", "ten_percent_owner",
                new DateOnly(2020, 9, 18)),
        ]);

        Assert.Equal(["0000315090", "0001067983"], graph.InsidersOfSymbol("SNOW").Select(e => e.OwnerCik));
        Assert.Equal("BUFFETT WARREN E", graph.IssuersOf("315090").Single().OwnerName);
        Assert.Equal<string>(["ten_percent_owner"], graph.IssuersOf("1067983").Single().Relationships);
    }

    [Fact]
    public void Order_of_transactions_does_not_change_the_graph()
    {
        var rows = new[]
        {
            Row("1", "A", "9", "X", "director", new DateOnly(2024, 1, 1)),
            Row("2", "B", "9", "X", "officer:CEO", new DateOnly(2024, 1, 3)),
            Row("1", "A", "9", "X", "officer:CEO", new DateOnly(2024, 1, 2)),
        };

        Assert.Equal(InsiderGraph.Build(rows).Edges, InsiderGraph.Build(rows.Reverse()).Edges, new EdgeComparer());
    }

    [SharedDataFact]
    public void Built_from_every_shared_ownership_filing()
    {
        var parser = new Form4Parser();
        var rows = System.IO.Directory.GetFiles(TestData.Shared("sec/ownership"), "*.xml")
            .SelectMany(f => parser.Parse(TestData.Document(Form4Parser.SourceKind, f)).Observations)
            .OfType<InsiderTransaction>()
            .ToList();

        var graph = InsiderGraph.Build(rows);

        var cook = Assert.Single(graph.IssuersOf("1214156"));
        Assert.Equal("AAPL", cook.Symbol);
        Assert.Contains("officer:Chief Executive Officer", cook.Relationships);
        Assert.Equal("TSLA", Assert.Single(graph.IssuersOf("1494730")).Symbol);
        Assert.Contains(graph.InsidersOfSymbol("AAPL"), e => e.OwnerName == "LEVINSON ARTHUR D");
        Assert.True(graph.InsidersOfSymbol("SNOW").Length >= 3);
        Assert.All(graph.Edges, e => Assert.Equal(SymbolDirectory.Default.SymbolForCik(e.IssuerCik), e.Symbol));
    }

    private sealed class EdgeComparer : IEqualityComparer<InsiderEdge>
    {
        public bool Equals(InsiderEdge? x, InsiderEdge? y) =>
            x is not null && y is not null && x with { Relationships = [] } == y with { Relationships = [] } &&
            x.Relationships.SequenceEqual(y.Relationships);

        public int GetHashCode(InsiderEdge obj) => obj.OwnerCik.GetHashCode(StringComparison.Ordinal);
    }
}
