using System.Text;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.SecForm4;

namespace Vanta.Markets.Tests.Collectors.SecForm4;

public sealed class Form4ParserTests
{
    private static readonly Form4Parser Parser = new();

    private static (List<InsiderTransaction> Trades, ParseResult Result) ParseSample(string file)
    {
        var document = TestData.Document(Form4Parser.SourceKind, Path.Combine(TestData.SampleTape, "sec", "form4", file), "sec/form4/" + file);
        var result = Parser.Parse(document);
        return ([.. result.Observations.Cast<InsiderTransaction>()], result);
    }

    private static (List<InsiderTransaction> Trades, ParseResult Result) ParseShared(string file)
    {
        var result = Parser.Parse(TestData.Document(Form4Parser.SourceKind, TestData.Shared("sec/ownership/" + file)));
        return ([.. result.Observations.Cast<InsiderTransaction>()], result);
    }

    [Fact]
    public void Cook_2019_reads_every_transaction_with_exact_shares_prices_and_footnotes()
    {
        var (trades, result) = ParseSample("form4_AAPL_2019-08-24_COOK_TIMOTHY_D.xml");

        Assert.Empty(result.Quarantined);
        Assert.Equal(6, trades.Count);
        Assert.All(trades, t =>
        {
            Assert.Equal("AAPL", t.Symbol);
            Assert.Equal("0000320193", t.IssuerCik);
            Assert.Equal("Apple Inc.", t.IssuerName);
            Assert.Equal("0001214156", t.OwnerCik);
            Assert.Equal("COOK TIMOTHY D", t.OwnerName);
            Assert.Equal("director,officer:Chief Executive Officer", t.Relationship);
            Assert.Equal("4", t.FormType);
            // Signed 2019-08-27; the filing is taken as public at 22:00 UTC that day.
            Assert.Equal(new DateTimeOffset(2019, 8, 27, 22, 0, 0, TimeSpan.Zero), t.TsEvent);
        });

        var vesting = trades[0];
        Assert.Equal(("M", 560_000m, (decimal?)null, "A", (decimal?)1_414_849m, "D"),
            (vesting.TransactionCode, vesting.Shares, vesting.PricePerShare, vesting.AcquiredDisposed, vesting.SharesOwnedAfter, vesting.DirectOrIndirect));
        Assert.Equal(["F1", "F2", "F3", "F4", "F5"], vesting.Footnotes.Select(f => f[..f.IndexOf(':')]));
        Assert.StartsWith("F5: These shares are held through Mr. Cook's trust.", vesting.Footnotes[4]);

        Assert.Equal(("F", 294_840m, (decimal?)202.64m), (trades[1].TransactionCode, trades[1].Shares, trades[1].PricePerShare));
        Assert.Equal([129_555m, 132_113m, 3_492m], trades.Skip(2).Take(3).Select(t => t.Shares));
        Assert.Equal([205.75m, 206.55m, 207.13m], trades.Skip(2).Take(3).Select(t => t.PricePerShare!.Value));
        Assert.All(trades.Skip(2).Take(3), t => Assert.True(t.IsOpenMarket));
        Assert.Equal(new DateOnly(2019, 8, 26), trades[2].TransactionDate);
        Assert.Equal(-129_555m, trades[2].SignedShares);

        var rsu = trades[5];
        Assert.True(rsu.IsDerivative);
        Assert.Equal(("Restricted Stock Unit", "M", 560_000m, "D", (decimal?)1_820_000m),
            (rsu.SecurityTitle, rsu.TransactionCode, rsu.Shares, rsu.AcquiredDisposed, rsu.SharesOwnedAfter));
        Assert.Null(rsu.PricePerShare);
        Assert.Equal(["F4", "F11"], rsu.Footnotes.Select(f => f[..f.IndexOf(':')]));
    }

    [Fact]
    public void Levinson_2019_skips_the_holding_row_and_keeps_the_option_exercise()
    {
        var (trades, result) = ParseSample("form4_AAPL_2019-08-12_LEVINSON_ARTHUR_D.xml");

        Assert.Empty(result.Quarantined);
        Assert.Equal(["M", "S", "M"], trades.Select(t => t.TransactionCode));
        Assert.Equal([23.8257m, 201.69m, 0m], trades.Select(t => t.PricePerShare!.Value));
        Assert.Equal([1_150_783m, 1_133_283m, 0m], trades.Select(t => t.SharesOwnedAfter!.Value));
        Assert.Equal("director", trades[0].Relationship);
        Assert.Equal("Director Stock Option (Right to Buy)", trades[2].SecurityTitle);
        Assert.Equal(new DateTimeOffset(2019, 8, 14, 22, 0, 0, TimeSpan.Zero), trades[0].TsEvent);
    }

    [Fact]
    public void Williams_2019_reads_five_open_market_sales()
    {
        var (trades, _) = ParseSample("form4_AAPL_2019-05-02_WILLIAMS_JEFFREY_E.xml");

        Assert.Equal([13_433m, 18_256m, 8_601m, 14_571m, 1_550m], trades.Select(t => t.Shares));
        Assert.Equal([208.99m, 209.71m, 210.98m, 211.83m, 212.46m], trades.Select(t => t.PricePerShare!.Value));
        Assert.All(trades, t => Assert.Equal(("S", "D", "officer:COO"), (t.TransactionCode, t.AcquiredDisposed, t.Relationship)));
    }

    [Fact]
    public void Document_id_is_the_accession_number_when_the_uri_has_one_else_the_sha256()
    {
        var path = Path.Combine(TestData.SampleTape, "sec", "form4", "form4_AAPL_2019-05-02_WILLIAMS_JEFFREY_E.xml");
        var plain = TestData.Document(Form4Parser.SourceKind, path);
        var archived = TestData.Document(Form4Parser.SourceKind, path,
            "https://www.sec.gov/Archives/edgar/data/320193/000112760219013548/xslF345X03/wf-form4.xml");
        var dashed = TestData.Document(Form4Parser.SourceKind, path, "edgar/0001127602-19-013548.txt");

        Assert.Equal(plain.Sha256, ((InsiderTransaction)Parser.Parse(plain).Observations[0]).DocumentId);
        Assert.Equal("0001127602-19-013548", ((InsiderTransaction)Parser.Parse(archived).Observations[0]).DocumentId);
        Assert.Equal("0001127602-19-013548", ((InsiderTransaction)Parser.Parse(dashed).Observations[0]).DocumentId);
    }

    [SharedDataFact]
    public void Tsla_2023_reads_exercises_and_derivative_rows_with_footnotes()
    {
        var (trades, result) = ParseShared("form4_TSLA_2023-03-08_Musk_Elon.xml");

        Assert.Empty(result.Quarantined);
        Assert.Equal([false, false, true, true], trades.Select(t => t.IsDerivative));
        Assert.Equal([2.79m, 6.67m, 0m, 0m], trades.Select(t => t.PricePerShare!.Value));
        Assert.Equal([411_056_826m, 411_062_076m, 0m, 0m], trades.Select(t => t.SharesOwnedAfter!.Value));
        Assert.Equal(["I", "I", "D", "D"], trades.Select(t => t.DirectOrIndirect));
        Assert.Equal("Non-Qualifed Stock Option (right to buy)", trades[2].SecurityTitle);
        Assert.Equal(["F2"], trades[2].Footnotes.Select(f => f[..2]));
        Assert.Equal(["F3"], trades[3].Footnotes.Select(f => f[..2]));
        Assert.Equal("director,officer:CEO,ten_percent_owner", trades[0].Relationship);
        Assert.Equal(new DateTimeOffset(2023, 3, 10, 22, 0, 0, TimeSpan.Zero), trades[0].TsEvent);
    }

    [SharedDataFact]
    public void Wve_2025_reads_eleven_stock_rows_and_five_option_grants()
    {
        var (trades, result) = ParseShared("form4_WVE_2025-12-08_Moran_Kyle.xml");

        Assert.Empty(result.Quarantined);
        Assert.Equal(11, trades.Count(t => !t.IsDerivative));
        Assert.Equal(5, trades.Count(t => t.IsDerivative && t.TransactionCode == "A"));
        Assert.Equal([60_000m, 100_000m, 50_000m, 36_000m, 50_000m], trades.Where(t => t.IsDerivative).Select(t => t.Shares));
        // The filing states this sale as "36.000" shares; it is read as written.
        Assert.Equal(36m, trades[8].Shares);
        Assert.Equal(20.025m, trades[10].PricePerShare);
        Assert.Equal(["F1", "F6", "F7"], trades[10].Footnotes.Select(f => f[..2]));
    }

    [SharedDataFact]
    public void Snow_forms_4_and_5_read_their_document_type()
    {
        var (form4, _) = ParseShared("form4_SNOW_2022-12-13_Scarpelli_Michael.xml");
        var (form5, _) = ParseShared("form5_SNOW_2022-01-31_McMahon_John_Dennis.xml");

        Assert.Equal(7, form4.Count);
        Assert.Equal([73_170m, 74_907m, 41_986m, 5_496m, 4_441m], form4.Where(t => t.IsOpenMarket).Select(t => t.Shares));
        Assert.Equal("officer:Chief Financial Officer", form4[0].Relationship);
        Assert.Equal(("5", "G", 61_386m), (form5[0].FormType, form5[0].TransactionCode, form5[0].Shares));
    }

    [SharedDataFact]
    public void Every_real_ownership_document_parses_without_quarantine()
    {
        var files = Directory.GetFiles(TestData.Shared("sec/ownership"), "form*.xml").Order(StringComparer.Ordinal).ToList();
        var quarantined = files.SelectMany(f => Parser.Parse(TestData.Document(Form4Parser.SourceKind, f)).Quarantined).ToList();

        Assert.True(files.Count >= 18, $"only {files.Count} ownership files found");
        Assert.Empty(quarantined);
    }

    [Fact]
    public void Missing_elements_are_quarantined_by_path_and_the_other_rows_kept()
    {
        var path = Path.Combine(TestData.SampleTape, "sec", "form4", "form4_AAPL_2019-05-02_WILLIAMS_JEFFREY_E.xml");
        var xml = File.ReadAllText(path);
        var second = xml.IndexOf("<value>18256</value>", StringComparison.Ordinal);
        var broken = xml[..second] + "<value>18,25x</value>" + xml[(second + "<value>18256</value>".Length)..];
        broken = broken.Replace("<value>8601</value>", "", StringComparison.Ordinal);
        var result = Parser.Parse(TestData.Document(Form4Parser.SourceKind, "broken.xml", Encoding.UTF8.GetBytes(broken)));

        Assert.Equal([13_433m, 14_571m, 1_550m], result.Observations.Cast<InsiderTransaction>().Select(t => t.Shares));
        Assert.Equal(
            [
                "broken.xml#/ownershipDocument/nonDerivativeTable/nonDerivativeTransaction[2]/transactionAmounts/transactionShares/value",
                "broken.xml#/ownershipDocument/nonDerivativeTable/nonDerivativeTransaction[3]/transactionAmounts/transactionShares/value",
            ],
            result.Quarantined.Select(q => q.Location));
        Assert.Equal(["'18,25x' is not a number", "required element is missing or empty"], result.Quarantined.Select(q => q.Reason));
    }

    [Fact]
    public void A_filing_without_issuer_symbol_is_quarantined_naming_the_element()
    {
        var path = Path.Combine(TestData.SampleTape, "sec", "form4", "form4_AAPL_2019-08-24_COOK_TIMOTHY_D.xml");
        var xml = File.ReadAllText(path).Replace("<issuerTradingSymbol>AAPL</issuerTradingSymbol>", "", StringComparison.Ordinal);
        var result = Parser.Parse(TestData.Document(Form4Parser.SourceKind, "nosymbol.xml", Encoding.UTF8.GetBytes(xml)));

        Assert.Empty(result.Observations);
        var entry = Assert.Single(result.Quarantined);
        Assert.Equal("nosymbol.xml#/ownershipDocument/issuer/issuerTradingSymbol", entry.Location);
        Assert.Equal(Form4Parser.SourceKind, entry.Source);
    }

    [Theory]
    [InlineData("<ownershipDocument><issuer>", "not well-formed XML")]
    [InlineData("", "not well-formed XML")]
    [InlineData("<html><body>rate limited</body></html>", "HTML page, not data")]
    public void Non_ownership_payloads_are_quarantined_whole(string payload, string reason)
    {
        var result = Parser.Parse(TestData.Document(Form4Parser.SourceKind, "page.xml", Encoding.UTF8.GetBytes(payload)));

        Assert.Empty(result.Observations);
        Assert.StartsWith(reason, Assert.Single(result.Quarantined).Reason);
    }

    [Fact]
    public void An_undefined_footnote_is_reported_and_the_transaction_kept()
    {
        var path = Path.Combine(TestData.SampleTape, "sec", "form4", "form4_AAPL_2019-08-12_LEVINSON_ARTHUR_D.xml");
        var xml = File.ReadAllText(path).Replace("<footnoteId id=\"F1\"/>", "<footnoteId id=\"F9\"/>", StringComparison.Ordinal);
        var result = Parser.Parse(TestData.Document(Form4Parser.SourceKind, "f9.xml", Encoding.UTF8.GetBytes(xml)));

        Assert.Equal(3, result.Observations.Length);
        Assert.Equal<string>(["F9"], ((InsiderTransaction)result.Observations[1]).Footnotes.AsEnumerable());
        Assert.Equal("footnote 'F9' is referenced but not defined", Assert.Single(result.Quarantined).Reason);
    }

    [Fact]
    public void Blank_lines_left_by_the_sgml_wrapper_before_the_declaration_are_skipped()
    {
        var path = Path.Combine(TestData.SampleTape, "sec", "form4", "form4_AAPL_2019-08-12_LEVINSON_ARTHUR_D.xml");
        var bytes = Encoding.UTF8.GetPreamble().Concat("\r\n\n"u8.ToArray()).Concat(File.ReadAllBytes(path)).ToArray();
        var result = Parser.Parse(TestData.Document(Form4Parser.SourceKind, "wrapped.xml", bytes));

        Assert.Empty(result.Quarantined);
        Assert.Equal(3, result.Observations.Length);
    }
}
