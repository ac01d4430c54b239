using Vanta.Core.Domain;
using Vanta.Markets.Collectors.SecForm4;
using Vanta.Markets.Tests.Collectors.SecCommon;

namespace Vanta.Markets.Tests.Collectors.SecForm4;

/// <summary>Every real ownership document in ../shared/data/sec/ownership, with values checked against the XML.</summary>
public sealed class Form4RealFilesTests
{
    private static readonly Form4Parser Parser = new();

    private static List<InsiderTransaction> Parse(string file)
    {
        var result = Parser.Parse(TestData.Document(Form4Parser.SourceKind, TestData.Shared("sec/ownership/" + file)));
        Assert.Empty(result.Quarantined);
        return [.. result.Observations.Cast<InsiderTransaction>()];
    }

    public static TheoryData<string, string, int, string, string, string> Files => new()
    {
        // file, symbol, rows, first row, last row (code shares price A/D after D/I), signed (TsEvent date)
        { "form4_AAPL_2019-05-02_WILLIAMS_JEFFREY_E.xml", "AAPL", 5, "S 13433 208.99 D 151187 D", "S 1550 212.46 D 108209 D", "2019-05-06" },
        { "form4_AAPL_2019-08-12_LEVINSON_ARTHUR_D.xml", "AAPL", 3, "M 17500 23.8257 A 1150783 D", "M 17500 0 D 0 D", "2019-08-14" },
        { "form4_AAPL_2019-08-24_COOK_TIMOTHY_D.xml", "AAPL", 6, "M 560000 - A 1414849 D", "M 560000 - D 1820000 D", "2019-08-27" },
        { "form4_AAPL_2022-05-04_Adams_Katherine_L.xml", "AAPL", 7, "S 9136 159.94 D 468198 D", "S 2292 165.95 D 452334 D", "2022-05-06" },
        { "form4_AIR_2025-01-10_Garascia_Jessica_A.xml", "AIR", 1, "S 1500 66.903 D 37565 D", "S 1500 66.903 D 37565 D", "2025-01-10" },
        { "form4_AOSL_2025-03-17_Li_Wenjun.xml", "AOSL", 4, "A 10000 0 A 69064 D", "A 10000 0 A 74213 D", "2025-03-18" },
        { "form4_ARW_2025-02-12_Jean_Claude_Carine_Lamer.xml", "ARW", 2, "A 2193 106.82 A 21878 D", "F 1009 106.82 D 20869 D", "2025-02-13" },
        { "form4_BDX_2025-12-26_Feld_Michael.xml", "BDX", 1, "S 74 196.08 D 16506 D", "S 74 196.08 D 16506 D", "2025-12-29" },
        { "form4_JBLU_2025-03-10_Clements_Carol_Ann.xml", "JBLU", 1, "A 110474 - A 294910 D", "A 110474 - A 294910 D", "2025-03-12" },
        { "form4_PMN_2025-07-25_Jeremy_M_Sclar_2012_Irre.xml", "PMN", 7, "X 697674 - A 2315111 D", "P 3139533 - A 3139533 D", "2025-09-30" },
        { "form4_SCWO_2025-04-30_Melkote_Rajesh_Ramaswamy.xml", "SCWO", 2, "A 757756 0 A 757756 D", "A 757576 0 A 757756 D", "2025-05-02" },
        { "form4_SNOW_2022-12-13_Scarpelli_Michael.xml", "SNOW", 7, "M 200000 8.88 A 301097 D", "M 200000 0 A 2219299 D", "2022-12-14" },
        { "form4_TSLA_2023-03-08_Musk_Elon.xml", "TSLA", 4, "M 5250 2.79 A 411056826 I", "M 5250 0.00 D 0 D", "2023-03-10" },
        { "form4_WVE_2025-12-08_Moran_Kyle.xml", "WVE", 16, "M 60000 2.83 A 149218 D", "A 50000 0 D 0 D", "2025-12-10" },
        { "form4_ZIP_2025-03-15_TRAVERS_DAVID.xml", "ZIP", 9, "M 6250 0 A 1114607 D", "M 20444 0 D 306656 D", "2025-03-18" },
        { "form5_SNOW_2022-01-31_McMahon_John_Dennis.xml", "SNOW", 1, "G 61386 0 D 54666 D", "G 61386 0 D 54666 D", "2022-03-11" },
    };

    [SecDataTheory]
    [MemberData(nameof(Files))]
    public void Each_file_reads_its_rows_with_the_exact_values_of_the_xml(string file, string symbol, int rows, string first, string last, string signed)
    {
        var trades = Parse(file);

        Assert.Equal(rows, trades.Count);
        Assert.All(trades, t => Assert.Equal(symbol, t.Symbol));
        Assert.Equal(first, Row(trades[0]));
        Assert.Equal(last, Row(trades[^1]));
        var expected = DateOnly.Parse(signed, System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(trades, t => Assert.Equal(new DateTimeOffset(expected.ToDateTime(new TimeOnly(22, 0)), TimeSpan.Zero), t.TsEvent));
    }

    [SharedDataFact]
    public void A_form_3_reads_each_derivative_holding_as_a_position_without_a_transaction()
    {
        var holdings = Parse("form3_SNOW_2020-09-15_GARRETT_MARK.xml");

        Assert.Equal([134_018m, 383_594m, 95_898m, 95_898m, 95_898m, 95_898m], holdings.Select(h => h.SharesOwnedAfter!.Value));
        Assert.All(holdings, h => Assert.Equal(("3", "", 0m, true, new DateOnly(2020, 9, 15)), (h.FormType, h.TransactionCode, h.Shares, h.IsDerivative, h.TransactionDate)));
        Assert.Equal(("Series E Preferred Stock", "I"), (holdings[0].SecurityTitle, holdings[0].DirectOrIndirect));
        Assert.Equal(["F1", "F2", "F3", "F4"], holdings[0].Footnotes.Select(f => f[..2]));
        Assert.Equal("director", holdings[0].Relationship);
        Assert.DoesNotContain(holdings, h => h.IsOpenMarket);
    }

    [SharedDataFact]
    public void A_joint_form_3_keeps_both_owners_on_one_holding()
    {
        var holding = Assert.Single(Parse("form3_SNOW_2020-09-18_BERKSHIRE_HATHAWAY_INC.xml"));

        Assert.Equal(("0001067983,0000315090", "BERKSHIRE HATHAWAY INC; BUFFETT WARREN E", "ten_percent_owner"),
            (holding.OwnerCik, holding.OwnerName, holding.Relationship));
        Assert.Equal(("Class A Common Stock", 6_125_376m, "I", false), (holding.SecurityTitle, holding.SharesOwnedAfter!.Value, holding.DirectOrIndirect, holding.IsDerivative));
        Assert.Equal(new DateTimeOffset(2020, 9, 28, 22, 0, 0, TimeSpan.Zero), holding.TsEvent);
    }

    [SharedDataFact]
    public void A_4_amendment_keeps_its_form_type_and_the_accession_of_its_uri()
    {
        var xml = File.ReadAllText(TestData.Shared("sec/ownership/form4_AIR_2025-01-10_Garascia_Jessica_A.xml"))
            .Replace("<documentType>4</documentType>", "<documentType>4/A</documentType><dateOfOriginalSubmission>2025-01-10</dateOfOriginalSubmission>", StringComparison.Ordinal);
        var uri = "https://www.sec.gov/Archives/edgar/data/1750/000112760225001099/form4a.xml";
        var original = Parser.Parse(TestData.Document(Form4Parser.SourceKind, TestData.Shared("sec/ownership/form4_AIR_2025-01-10_Garascia_Jessica_A.xml"), uri));
        var amended = Parser.Parse(TestData.Document(Form4Parser.SourceKind, uri, System.Text.Encoding.UTF8.GetBytes(xml)));

        var row = (InsiderTransaction)Assert.Single(amended.Observations);
        Assert.Equal(("4/A", "0001127602-25-001099", 1_500m), (row.FormType, row.DocumentId, row.Shares));
        Assert.Equal(((InsiderTransaction)original.Observations[0]).DocumentId, row.DocumentId);
    }

    private static string Row(InsiderTransaction t) => string.Join(' ',
        t.TransactionCode, N(t.Shares), t.PricePerShare is { } p ? N(p) : "-", t.AcquiredDisposed,
        t.SharesOwnedAfter is { } a ? N(a) : "-", t.DirectOrIndirect);

    private static string N(decimal d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
