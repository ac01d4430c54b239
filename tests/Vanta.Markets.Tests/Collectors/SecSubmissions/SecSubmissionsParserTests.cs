using System.Text;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors.SecSubmissions;
using Vanta.Markets.Tests.Collectors.SecCommon;

namespace Vanta.Markets.Tests.Collectors.SecSubmissions;

public sealed class SecSubmissionsParserTests
{
    private static readonly SecSubmissionsParser Parser = new();

    private static List<FilingNotice> Parse(string cik)
    {
        var result = Parser.Parse(TestData.Document(SecSubmissionsParser.SourceKind, TestData.Shared($"sec/submissions/CIK{cik}.json")));
        Assert.Empty(result.Quarantined);
        return [.. result.Observations.Cast<FilingNotice>()];
    }

    [SecDataTheory]
    [InlineData("0000320193", 1005, "Apple Inc.", "AAPL", 596)]
    [InlineData("0000789019", 1006, "MICROSOFT CORP", "MSFT", 732)]
    [InlineData("0001033331", 852, "HASTINGS REED", "", 798)]
    [InlineData("0001318605", 1000, "Tesla, Inc.", "TSLA", 457)]
    public void Every_recent_filing_becomes_a_notice_for_the_entity(string cik, int count, string name, string symbol, int form4s)
    {
        var notices = Parse(cik);

        Assert.Equal(count, notices.Count);
        Assert.Equal(form4s, notices.Count(n => n.FormType == "4"));
        Assert.All(notices, n => Assert.Equal((cik, name, symbol, "", SecSubmissionsParser.SourceKind), (n.Cik, n.EntityName, n.Symbol, n.Role, n.Source)));
        Assert.Equal(count, notices.Select(n => n.AccessionNumber).Distinct().Count());
    }

    [SharedDataFact]
    public void Apple_rows_carry_form_dates_acceptance_time_and_document_url()
    {
        var notices = Parse("0000320193");

        var first = notices[0];
        Assert.Equal(("0001059235-26-000004", "4", new DateOnly(2026, 2, 26), new DateTimeOffset(2026, 2, 26, 18, 34, 19, TimeSpan.Zero)),
            (first.AccessionNumber, first.FormType, first.FilingDate, first.TsEvent));
        Assert.Equal("xslF345X05/wk-form4_1772148856.xml", first.PrimaryDocument);
        Assert.Equal("https://www.sec.gov/Archives/edgar/data/320193/000105923526000004/xslF345X05/wk-form4_1772148856.xml", first.Url);
        Assert.Equal(("0001181431-15-004545", new DateOnly(2015, 3, 12)), (notices[^1].AccessionNumber, notices[^1].FilingDate));
    }

    [SharedDataFact]
    public void Tesla_row_304_matches_the_full_submission_header_time_and_a_filing_without_document_points_at_its_index()
    {
        var tesla = Parse("0001318605")[304];
        Assert.Equal(("0001790565-23-000009", "4", new DateTimeOffset(2023, 7, 31, 23, 21, 15, TimeSpan.Zero)),
            (tesla.AccessionNumber, tesla.FormType, tesla.TsEvent));

        var old = Parse("0001033331")[^1];
        Assert.Equal(("0001032210-97-000011", "SC 13G/A", ""), (old.AccessionNumber, old.FormType, old.PrimaryDocument));
        Assert.Equal("https://www.sec.gov/Archives/edgar/data/1033331/000103221097000011/0001032210-97-000011-index.htm", old.Url);
    }

    [Fact]
    public void A_bad_row_is_quarantined_by_index_and_the_others_kept()
    {
        var json = """
            { "cik": "123456", "name": "Example Widgets Inc", "tickers": ["exwd"],
              "filings": { "recent": {
                "accessionNumber": ["0001999001-24-000007", "0001999001-24-000008", "0001999001-24-000009"],
                "form": ["4", "4", ""],
                "filingDate": ["2024-06-14", "14/06/2024", "2024-06-14"],
                "acceptanceDateTime": ["2024-06-14T20:58:02.000Z", "2024-06-14T20:58:02.000Z", "2024-06-14T20:58:02.000Z"],
                "primaryDocument": ["form4.xml", "form4.xml", "form4.xml"] } } }
            """;
        var result = Parser.Parse(TestData.Document(SecSubmissionsParser.SourceKind, "CIK0000123456.json", Encoding.UTF8.GetBytes(json)));

        var notice = (FilingNotice)Assert.Single(result.Observations);
        Assert.Equal(("0000123456", "EXWD", "0001999001-24-000007"), (notice.Cik, notice.Symbol, notice.AccessionNumber));
        Assert.Equal(
            ["CIK0000123456.json#$.filings.recent.filingDate[1]", "CIK0000123456.json#$.filings.recent.form[2]"],
            result.Quarantined.Select(q => q.Location));
        Assert.Equal("'14/06/2024' is not a yyyy-mm-dd date", result.Quarantined[0].Reason);
    }

    [Theory]
    [InlineData("{ \"cik\": \"1\", \"filings\": ", "not valid JSON")]
    [InlineData("[1, 2]", "top-level value is Array")]
    [InlineData("{ \"cik\": \"12x\", \"filings\": { \"recent\": {} } }", "'12x' is not a CIK")]
    [InlineData("<!DOCTYPE html><html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head></html>", "SEC rate-limit page")]
    public void A_payload_that_is_not_a_submissions_document_is_quarantined_whole(string payload, string reason)
    {
        var result = Parser.Parse(TestData.Document(SecSubmissionsParser.SourceKind, "x.json", Encoding.UTF8.GetBytes(payload)));

        Assert.Empty(result.Observations);
        Assert.StartsWith(reason, Assert.Single(result.Quarantined).Reason);
    }
}
