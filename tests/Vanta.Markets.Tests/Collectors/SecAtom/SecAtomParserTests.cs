using System.Text;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.SecAtom;
using Vanta.Markets.Tests.Collectors.SecCommon;

namespace Vanta.Markets.Tests.Collectors.SecAtom;

public sealed class SecAtomParserTests
{
    private static readonly SecAtomParser Parser = new();

    private static ParseResult ParseFeed(string file) =>
        Parser.Parse(TestData.Document(SecAtomParser.SourceKind, TestData.Shared("sec/feeds/" + file)));

    [SharedDataFact]
    public void The_form_4_feed_gives_a_notice_per_entry_with_role_accession_and_utc_acceptance_time()
    {
        var result = ParseFeed("getcurrent_form4_page1.atom.xml");
        var notices = result.Observations.Cast<FilingNotice>().ToList();

        Assert.Empty(result.Quarantined);
        Assert.Equal(100, notices.Count);
        Assert.Equal(46, notices.Select(n => n.AccessionNumber).Distinct().Count());
        Assert.All(notices, n => Assert.Equal(("4", SecAtomParser.SourceKind, new DateOnly(2025, 12, 12)), (n.FormType, n.Source, n.FilingDate)));

        var first = notices[0];
        Assert.Equal(("0002063236-25-000004", "0002063236", "Perez Daniel Antonio", "reporting", ""),
            (first.AccessionNumber, first.Cik, first.EntityName, first.Role, first.Symbol));
        // 18:02:43 EST (-05:00) is 23:02:43 UTC.
        Assert.Equal(new DateTimeOffset(2025, 12, 12, 23, 2, 43, TimeSpan.Zero), first.TsEvent);
        Assert.Equal(TimeSpan.Zero, first.TsEvent.Offset);
        Assert.Equal("https://www.sec.gov/Archives/edgar/data/2063236/000206323625000004/0002063236-25-000004-index.htm", first.Url);

        var issuer = notices[1];
        Assert.Equal(("0002063236-25-000004", "0001673743", "Hinge Health, Inc.", "issuer"),
            (issuer.AccessionNumber, issuer.Cik, issuer.EntityName, issuer.Role));
        Assert.Equal(("0000950142-25-003181", "GAPCO GMBH & CO KG", new DateTimeOffset(2025, 12, 12, 22, 32, 17, TimeSpan.Zero)),
            (notices[^1].AccessionNumber, notices[^1].EntityName, notices[^1].TsEvent));
    }

    [SharedDataFact]
    public void The_all_forms_feed_keeps_form_types_and_roles_such_as_subject_and_filed_by()
    {
        var result = ParseFeed("getcurrent_allforms_page1.atom.xml");
        var notices = result.Observations.Cast<FilingNotice>().ToList();

        Assert.Empty(result.Quarantined);
        Assert.Equal(100, notices.Count);
        Assert.Equal(50, notices.Select(n => n.AccessionNumber).Distinct().Count());
        Assert.Equal(
            [("144", 6), ("144/A", 2), ("4", 88), ("SCHEDULE 13D/A", 4)],
            notices.GroupBy(n => n.FormType).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())));
        Assert.Equal(
            [("filed_by", 2), ("issuer", 44), ("reporting", 48), ("subject", 6)],
            notices.GroupBy(n => n.Role).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())));
        var trust = Assert.Single(notices, n => n.Cik == "0002029297");
        Assert.Equal(("Grayscale Bittensor Trust (TAO)", "subject", "0001977454-25-000383"), (trust.EntityName, trust.Role, trust.AccessionNumber));
    }

    [SecDataTheory]
    [InlineData("sec_rate_limit_exceeded_page.html", "SEC rate-limit page")]
    [InlineData("getcurrent_past_end_maintenance_page.html", "EDGAR maintenance page")]
    public void Sec_html_pages_are_quarantined_naming_what_they_are(string file, string reason)
    {
        var result = ParseFeed(file);

        Assert.Empty(result.Observations);
        var entry = Assert.Single(result.Quarantined);
        Assert.StartsWith(reason, entry.Reason);
        Assert.Equal($"{file}#/", entry.Location);
    }

    [SharedDataFact]
    public void A_bad_entry_is_quarantined_by_index_and_the_others_kept()
    {
        var xml = File.ReadAllText(TestData.Shared("sec/feeds/getcurrent_form4_page1.atom.xml"), Encoding.Latin1);
        var broken = ReplaceFirst(xml, "<updated>2025-12-12T18:02:43-05:00</updated>", "<updated>yesterday</updated>");
        broken = ReplaceFirst(broken, "(0001673743) (Issuer)", "(Issuer)");
        var result = Parser.Parse(TestData.Document(SecAtomParser.SourceKind, "feed.xml", Encoding.Latin1.GetBytes(broken)));

        Assert.Equal(98, result.Observations.Length);
        Assert.Equal(["feed.xml#/feed/entry[1]", "feed.xml#/feed/entry[2]"], result.Quarantined.Select(q => q.Location));
        Assert.Equal("updated 'yesterday' is not an ISO 8601 time", result.Quarantined[0].Reason);
        Assert.StartsWith("title '4 - Hinge Health, Inc. (Issuer)'", result.Quarantined[1].Reason);
    }

    [Fact]
    public void A_feed_in_another_namespace_is_refused()
    {
        var xml = "<feed xmlns=\"http://purl.org/rss/1.0/\"><entry/></feed>"u8.ToArray();
        var result = Parser.Parse(TestData.Document(SecAtomParser.SourceKind, "rss.xml", xml));

        Assert.Empty(result.Observations);
        Assert.Contains("not an Atom", Assert.Single(result.Quarantined).Reason, StringComparison.Ordinal);
    }

    private static string ReplaceFirst(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' not found");
        return text[..at] + replacement + text[(at + old.Length)..];
    }
}
