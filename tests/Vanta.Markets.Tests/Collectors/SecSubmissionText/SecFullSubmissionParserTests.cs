using System.Text;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.SecSubmissionText;

namespace Vanta.Markets.Tests.Collectors.SecSubmissionText;

public sealed class SecFullSubmissionParserTests
{
    private static readonly SecFullSubmissionParser Parser = new();

    private static ParseResult Parse(string relative) =>
        Parser.Parse(TestData.Document(SecFullSubmissionParser.SourceKind, TestData.Shared("sec/" + relative)));

    [SharedDataFact]
    public void The_indented_tsla_form_4_is_unwrapped_with_the_header_accession_and_acceptance_time()
    {
        var result = Parse("ownership/full_submission_0001790565-23-000009_TSLA_form4.txt");
        var accepted = new DateTimeOffset(2023, 7, 31, 23, 21, 15, TimeSpan.Zero); // 19:21:15 EDT

        Assert.Empty(result.Quarantined);
        var notice = Assert.IsType<FilingNotice>(result.Observations[0]);
        Assert.Equal(("0001790565-23-000009", "4", "0001318605", "Tesla, Inc.", "issuer", "TSLA", new DateOnly(2023, 7, 31), accepted),
            (notice.AccessionNumber, notice.FormType, notice.Cik, notice.EntityName, notice.Role, notice.Symbol, notice.FilingDate, notice.TsEvent));
        var trades = result.Observations.OfType<InsiderTransaction>().ToList();
        Assert.NotEmpty(trades);
        Assert.All(trades, t => Assert.Equal(("0001790565-23-000009", accepted, "TSLA", "0001790565"), (t.DocumentId, t.TsEvent, t.Symbol, t.OwnerCik)));
        Assert.Equal("officer:SVP Powertrain and Energy Eng.", trades[0].Relationship);
    }

    [SharedDataFact]
    public void The_air_form_4_matches_the_standalone_xml_but_for_id_and_time_and_skips_the_power_of_attorney()
    {
        var result = Parse("ownership/full_submission_0001127602-25-001055_AIR_form4.txt");
        var trade = Assert.Single(result.Observations.OfType<InsiderTransaction>());

        Assert.Empty(result.Quarantined);
        Assert.Equal(2, result.Observations.Length);
        Assert.Equal(("0001127602-25-001055", new DateTimeOffset(2025, 1, 10, 21, 7, 30, TimeSpan.Zero)), (trade.DocumentId, trade.TsEvent));
        Assert.Equal(("S", 1_500m, (decimal?)66.903m, (decimal?)37_565m), (trade.TransactionCode, trade.Shares, trade.PricePerShare, trade.SharesOwnedAfter));
    }

    [SharedDataFact]
    public void The_13f_hr_submission_gives_14_holdings_with_filer_period_and_dollar_values()
    {
        var result = Parse("13f/13F-HR_full_submission_0001894188-23-000007.txt");
        var rows = result.Observations.OfType<InstitutionalHolding>().ToList();
        var accepted = new DateTimeOffset(2023, 11, 14, 14, 38, 54, TimeSpan.Zero); // 09:38:54 EST

        Assert.Empty(result.Quarantined);
        Assert.Equal(14, rows.Count);
        Assert.Equal(454_926_000m, rows.Sum(r => r.Value));
        Assert.All(rows, r => Assert.Equal(("0001894188-23-000007", "0001894188", "LTS One Management LP", (DateOnly?)new DateOnly(2023, 9, 30), 1m, accepted),
            (r.DocumentId, r.FilerCik, r.FilerName, r.PeriodOfReport, r.ValueMultiplier, r.TsEvent)));
        Assert.Equal(("AMAZON COM INC", "023135106", 17_479_000m, 137_500m), (rows[0].NameOfIssuer, rows[0].Cusip, rows[0].Value, rows[0].SharesOrPrincipal));
        Assert.Equal("INTERNATIONAL FLAVORS&FRAGRA", rows[7].NameOfIssuer);
        var notice = Assert.IsType<FilingNotice>(result.Observations[0]);
        Assert.Equal(("13F-HR", "0001894188", "filer"), (notice.FormType, notice.Cik, notice.Role));
    }

    [Theory]
    [InlineData("plain text, no header", "SEC-HEADER", "no <SEC-HEADER>")]
    [InlineData("<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t4\n</SEC-HEADER>", "SEC-HEADER", "SEC-HEADER has no valid ACCESSION NUMBER")]
    public void A_file_without_a_usable_header_is_quarantined(string text, string location, string reason)
    {
        var result = Parser.Parse(TestData.Document(SecFullSubmissionParser.SourceKind, "f.txt", Encoding.UTF8.GetBytes(text)));

        Assert.Empty(result.Observations);
        var entry = Assert.Single(result.Quarantined);
        Assert.Equal($"f.txt#{location}", entry.Location);
        Assert.StartsWith(reason, entry.Reason);
    }

    [SharedDataFact]
    public void A_broken_xml_body_is_quarantined_under_its_document_and_the_notice_kept()
    {
        var text = File.ReadAllText(TestData.Shared("sec/ownership/full_submission_0001127602-25-001055_AIR_form4.txt"))
            .Replace("<value>1500</value>", "<value>lots</value>", StringComparison.Ordinal);
        var result = Parser.Parse(TestData.Document(SecFullSubmissionParser.SourceKind, "air.txt", Encoding.UTF8.GetBytes(text)));

        Assert.IsType<FilingNotice>(Assert.Single(result.Observations));
        var entry = Assert.Single(result.Quarantined);
        Assert.Equal("air.txt#DOCUMENT[1]/ownershipDocument/nonDerivativeTable/nonDerivativeTransaction[1]/transactionAmounts/transactionShares/value", entry.Location);
    }
}
