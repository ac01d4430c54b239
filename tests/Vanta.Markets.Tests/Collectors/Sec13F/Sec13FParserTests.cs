using System.Text;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.Sec13F;

namespace Vanta.Markets.Tests.Collectors.Sec13F;

public sealed class Sec13FParserTests
{
    private static readonly Sec13FParser Parser = new();

    private static (List<InstitutionalHolding> Rows, ParseResult Result) Parse(string file)
    {
        var result = Parser.Parse(TestData.Document(Sec13FParser.SourceKind, TestData.Shared("sec/13f/" + file)));
        return ([.. result.Observations.OfType<InstitutionalHolding>()], result);
    }

    [SharedDataFact]
    public void A_default_namespace_table_that_starts_with_a_newline_reads_all_255_rows()
    {
        var (rows, result) = Parse("13F-HR_infotable_sample1.xml");

        Assert.Empty(result.Quarantined);
        Assert.Equal(255, rows.Count);
        Assert.Equal(350_153_407m, rows.Sum(r => r.Value));
        Assert.Equal(("3M CO", "COM", "88579Y101", 409_469m, 2_334m, "SH", "SOLE", "", 0m, 0m, 2_334m),
            (rows[0].NameOfIssuer, rows[0].TitleOfClass, rows[0].Cusip, rows[0].Value, rows[0].SharesOrPrincipal, rows[0].SharesType,
             rows[0].InvestmentDiscretion, rows[0].PutCall, rows[0].VotingSole, rows[0].VotingShared, rows[0].VotingNone));
        Assert.Equal(("ZOOM VIDEO COMMUNICATIONS IN", 215_476m), (rows[^1].NameOfIssuer, rows[^1].Value));
        var principal = rows.Where(r => r.SharesType == "PRN").ToList();
        Assert.Equal(3, principal.Count);
        Assert.Equal(("ISHARES TR", "46435UAA9", 16_480m), (principal[0].NameOfIssuer, principal[0].Cusip, principal[0].SharesOrPrincipal));
        // A bare table names no filer or period: values as reported, the fetch time as event time.
        Assert.All(rows, r => Assert.Equal(("", (DateOnly?)null, 1m, TestData.FetchedAt), (r.FilerCik, r.PeriodOfReport, r.ValueMultiplier, r.TsEvent)));
    }

    [SharedDataFact]
    public void An_ns1_prefixed_table_reads_all_169_rows()
    {
        var (rows, result) = Parse("SEC_technical_sample_information_table.xml");

        Assert.Empty(result.Quarantined);
        Assert.Equal(169, rows.Count);
        Assert.Equal(7_454_702_899m, rows.Sum(r => r.Value));
        Assert.Equal(("AT&T INC", "02079K107", 7_454_547_777m, 79_296m), (rows[0].NameOfIssuer, rows[0].Cusip, rows[0].Value, rows[0].SharesOrPrincipal));
        Assert.Equal(("CARLYLE GROUP L P LP", 723m, 22_543m), (rows[^1].NameOfIssuer, rows[^1].Value, rows[^1].VotingNone));
    }

    [SharedDataFact]
    public void A_primary_document_alone_gives_a_notice_for_the_filer()
    {
        var (rows, result) = Parse("13F-HR_primary_doc_MetLife_2021Q4.xml");

        Assert.Empty(rows);
        Assert.Empty(result.Quarantined);
        var notice = (FilingNotice)Assert.Single(result.Observations);
        Assert.Equal(("13F-HR", "0001099219", "METLIFE INC", "filer", new DateOnly(2023, 3, 22)),
            (notice.FormType, notice.Cik, notice.EntityName, notice.Role, notice.FilingDate));
    }

    [Theory]
    [InlineData(2021, 12, 31, null, 1000)]
    [InlineData(2022, 9, 30, null, 1000)]
    [InlineData(2022, 12, 31, null, 1)]
    [InlineData(2021, 12, 31, "2023-03-22", 1)]
    [InlineData(2022, 9, 30, "2022-11-14", 1000)]
    public void Values_are_in_thousands_for_filings_before_2023_01_03(int y, int m, int d, string? filed, int multiplier)
    {
        var cover = new ThirteenFCover("13F-HR", "1", "x", new DateOnly(y, m, d), null);
        DateOnly? filedOn = filed is null ? null : DateOnly.Parse(filed, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(multiplier, cover.ValueMultiplier(filedOn));
    }

    [Fact]
    public void Bad_rows_are_quarantined_by_path_and_the_good_rows_kept()
    {
        const string Row = "<infoTable><nameOfIssuer>{0}</nameOfIssuer><titleOfClass>COM</titleOfClass><cusip>037833100</cusip><value>{1}</value>"
            + "<shrsOrPrnAmt><sshPrnamt>10</sshPrnamt><sshPrnamtType>{2}</sshPrnamtType></shrsOrPrnAmt><investmentDiscretion>SOLE</investmentDiscretion>"
            + "<votingAuthority><Sole>10</Sole><Shared>0</Shared><None>0</None></votingAuthority></infoTable>";
        var xml = $"<informationTable xmlns=\"{Sec13FParser.InformationTableNamespace}\">"
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, Row, "APPLE INC", "1000", "SH")
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, Row, "BAD VALUE", "12x", "SH")
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, Row, "BAD TYPE", "5", "XX")
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, Row, "", "5", "SH")
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, Row, "TRUNCATED", "7", "SH")[..60];
        var result = Parser.Parse(TestData.Document(Sec13FParser.SourceKind, "t.xml", Encoding.UTF8.GetBytes(xml)));

        Assert.Equal(["APPLE INC"], result.Observations.Cast<InstitutionalHolding>().Select(h => h.NameOfIssuer));
        Assert.Equal(
            ["t.xml#/informationTable/infoTable[2]/value", "t.xml#/informationTable/infoTable[3]/shrsOrPrnAmt/sshPrnamtType",
             "t.xml#/informationTable/infoTable[4]/nameOfIssuer", "t.xml#/line 1"],
            result.Quarantined.Select(q => q.Location));
        Assert.Equal("'12x' is not a non-negative number", result.Quarantined[0].Reason);
        Assert.StartsWith("not well-formed XML", result.Quarantined[3].Reason);
    }

    [Fact]
    public void A_table_in_the_wrong_namespace_is_refused_naming_both()
    {
        var xml = "<informationTable xmlns=\"http://example.com/other\"><infoTable/></informationTable>"u8.ToArray();
        var result = Parser.Parse(TestData.Document(Sec13FParser.SourceKind, "ns.xml", xml));

        Assert.Empty(result.Observations);
        Assert.Equal(
            $"root element is '{{http://example.com/other}}informationTable', not '{{{Sec13FParser.InformationTableNamespace}}}informationTable'",
            Assert.Single(result.Quarantined).Reason);
    }
}
