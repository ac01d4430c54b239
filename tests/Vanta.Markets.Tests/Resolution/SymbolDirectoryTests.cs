using System.Text.Json;
using System.Xml.Linq;
using Vanta.Markets.Resolution;

namespace Vanta.Markets.Tests.Resolution;

public sealed class SymbolDirectoryTests
{
    private static readonly SymbolDirectory Directory = SymbolDirectory.Default;

    [Fact]
    public void Shipped_data_maps_tickers_to_names_and_ciks_both_ways()
    {
        Assert.True(Directory.TryGet("aapl", out var apple));
        Assert.Equal("AAPL", apple.Symbol);
        Assert.Equal("0000320193", apple.Cik);
        Assert.Contains("Apple Inc.", apple.Names);
        Assert.Equal("AAPL", Directory.SymbolForCik("320193"));
        Assert.Equal("TSLA", Directory.SymbolForCik("0001318605"));
        Assert.Equal("MSFT", Directory.SymbolForCik("789019"));
        Assert.Equal<string>(["BRK.A", "BRK.B"], Directory.SymbolsForCik("1067983"));
        Assert.Equal("", Directory.SymbolForCik("9999999999"));
        Assert.Equal("", Directory.SymbolForCik("not a cik"));
    }

    [Fact]
    public void Retail_favourites_have_names_but_no_invented_cik()
    {
        Assert.True(Directory.TryGet("GME", out var gme));
        Assert.Contains("GameStop", gme.Aliases);
        Assert.Equal("", gme.Cik);
    }

    [Fact]
    public void Every_cik_comes_from_an_sec_source_and_entries_are_sorted_and_unique()
    {
        Assert.True(Directory.Entries.Length > 150);
        Assert.All(Directory.Entries.Where(e => e.Cik.Length > 0), e =>
        {
            Assert.Matches("^[0-9]{10}$", e.Cik);
            Assert.Contains(e.Sources, s => s.StartsWith("sec-", StringComparison.Ordinal));
        });
        var symbols = Directory.Entries.Select(e => e.Symbol).ToArray();
        Assert.Equal(symbols.Order(StringComparer.Ordinal).Distinct(StringComparer.Ordinal), symbols);
        Assert.All(Directory.Entries, e => Assert.Equal(e.Symbol.ToUpperInvariant(), e.Symbol));
    }

    [Fact]
    public void From_merges_entries_of_the_same_symbol_and_normalises()
    {
        var directory = SymbolDirectory.From([
            new SymbolEntry("acme", "", ["Acme Corp"], ["Acme"], [], ["a"]),
            new SymbolEntry("ACME", "1234", ["ACME CORP"], [], [], ["b"]),
        ]);

        var entry = Assert.Single(directory.Entries);
        Assert.Equal("ACME", entry.Symbol);
        Assert.Equal("0000001234", entry.Cik);
        Assert.Equal<string>(["Acme Corp", "ACME CORP"], entry.Names);
        Assert.Equal<string>(["a", "b"], entry.Sources);
        Assert.Equal("ACME", directory.SymbolForCik("1234"));
    }

    [SharedDataFact]
    public void Agrees_with_every_sec_submissions_file()
    {
        foreach (var file in System.IO.Directory.GetFiles(TestData.Shared("sec/submissions"), "*.json"))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            var cik = json.RootElement.GetProperty("cik").GetString()!;
            foreach (var ticker in json.RootElement.GetProperty("tickers").EnumerateArray())
            {
                Assert.True(Directory.TryGet(ticker.GetString()!, out var entry), file);
                Assert.Equal(cik.PadLeft(10, '0'), entry.Cik);
                Assert.Contains(json.RootElement.GetProperty("name").GetString()!, entry.Names);
            }
        }
    }

    [SharedDataFact]
    public void Agrees_with_the_issuer_of_every_ownership_filing()
    {
        foreach (var file in System.IO.Directory.GetFiles(TestData.Shared("sec/ownership"), "*.xml"))
        {
            var issuer = XDocument.Load(file).Descendants("issuer").First();
            var symbol = issuer.Element("issuerTradingSymbol")!.Value.Trim();
            var cik = issuer.Element("issuerCik")!.Value.Trim();
            Assert.True(Directory.TryGet(symbol, out var entry), file);
            Assert.Equal(cik.PadLeft(10, '0'), entry.Cik);
            Assert.Equal(symbol, Directory.SymbolForCik(cik));
        }
    }

    [SharedDataFact]
    public void Holds_every_lean_and_sp500_symbol_of_the_shared_prices()
    {
        foreach (var folder in new[] { "prices/daily/lean_1998_2021", "prices/daily/sp500_2013_2018" })
        {
            foreach (var file in System.IO.Directory.GetFiles(TestData.Shared(folder), "*.csv"))
                Assert.True(Directory.Contains(Path.GetFileNameWithoutExtension(file)), file);
        }
    }
}
