using System.Text;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors.News;

namespace Vanta.Markets.Tests.Collectors.News;

/// <summary>
/// RSS and Atom. There is no recorded news feed in shared/data: the fixtures in <c>Fixtures/</c> are the exact
/// examples of shared/specs/rss-fred-crypto.md, with a few items added for the edge cases (see their comments).
/// </summary>
public sealed class NewsFeedParserTests
{
    private static readonly NewsFeedParser Parser = new();

    private static RawDocument Fixture(string file) => TestData.Document(
        NewsFeedParser.SourceKind, Path.Combine(TestData.RepoRoot, "tests/Vanta.Markets.Tests/Collectors/News/Fixtures", file), "https://news.example.com/" + file);

    [Fact]
    public void The_spec_rss_item_is_read_with_plain_text_and_a_utc_time()
    {
        var result = Parser.Parse(Fixture("example_markets_wire.rss.xml"));
        var items = result.Observations.Cast<NewsItem>().ToList();

        Assert.Equal(3, items.Count);
        var first = items[0];
        Assert.Equal(("exwd-20240614-001", "Example Markets Wire", "Example Widgets CFO buys shares"), (first.Id, first.Source, first.Title));
        Assert.Equal("A Form 4 shows a 2,500-share purchase.", first.Summary);
        Assert.Equal("https://news.example.com/2024/06/14/exwd-cfo-buys", first.Url);
        Assert.Equal(new DateTimeOffset(2024, 6, 14, 21, 10, 0, TimeSpan.Zero), first.TsEvent);
    }

    [Fact]
    public void Named_zones_and_numeric_offsets_convert_to_utc_and_the_link_is_the_id_without_a_guid()
    {
        var items = Parser.Parse(Fixture("example_markets_wire.rss.xml")).Observations.Cast<NewsItem>().ToList();

        Assert.Equal("https://news.example.com/2024/06/17/futures", items[1].Id);
        Assert.Equal("Stocks rose & bonds fell.", items[1].Summary);
        Assert.Equal(new DateTimeOffset(2024, 6, 17, 13, 5, 0, TimeSpan.Zero), items[1].TsEvent); // 08:05 EST
        Assert.Equal(new DateTimeOffset(2024, 6, 14, 21, 5, 11, TimeSpan.Zero), items[2].TsEvent); // 17:05:11 -0400
    }

    [Fact]
    public void An_item_without_a_title_or_with_a_bad_date_is_quarantined_and_the_others_kept()
    {
        var result = Parser.Parse(Fixture("example_markets_wire.rss.xml"));

        Assert.Equal(
            [
                ("https://news.example.com/example_markets_wire.rss.xml#item[2]", "item has no title"),
                ("https://news.example.com/example_markets_wire.rss.xml#item[3]", "pubDate 'Someday in June' is not a date with a time zone"),
            ],
            result.Quarantined.Select(q => (q.Location, q.Reason)));
    }

    [Fact]
    public void Atom_entries_use_published_else_updated_and_resolve_relative_links()
    {
        var result = Parser.Parse(Fixture("example_feed.atom.xml"));
        var items = result.Observations.Cast<NewsItem>().ToList();

        Assert.Equal(2, items.Count);
        Assert.Equal(("urn:example:entry:1", "Example Atom Wire"), (items[0].Id, items[0].Source));
        Assert.Equal("https://news.example.com/2024/06/14/exwd", items[0].Url);
        Assert.Equal("The CFO & a director bought.", items[0].Summary);
        Assert.Equal(new DateTimeOffset(2024, 6, 14, 20, 58, 2, TimeSpan.Zero), items[0].TsEvent);
        Assert.Equal(new DateTimeOffset(2024, 6, 14, 20, 58, 2, TimeSpan.Zero), items[1].TsEvent);
        Assert.Equal("Full content here.", items[1].Summary);
        var bad = Assert.Single(result.Quarantined);
        Assert.Equal(("https://news.example.com/example_feed.atom.xml#entry[2]", "updated '2024-06-14T20:58:02' is not a date with a time zone"), (bad.Location, bad.Reason));
    }

    [Theory]
    [InlineData("Fri, 14 Jun 2024 17:05:11 EDT", "2024-06-14T21:05:11Z")]
    [InlineData("14 Jun 24 09:00 PST", "2024-06-14T17:00:00Z")]
    [InlineData("Sat, 01 Jan 2000 00:00:00 +0530", "1999-12-31T18:30:00Z")]
    [InlineData("Tue, 02 Jul 2024 10:00:00 UT", "2024-07-02T10:00:00Z")]
    public void Rfc822_dates_convert_to_utc(string text, string utc)
    {
        var xml = $"<rss version=\"2.0\"><channel><title>T</title><item><title>x</title><guid>g</guid><pubDate>{text}</pubDate></item></channel></rss>";
        var item = (NewsItem)Assert.Single(Parser.Parse(TestData.Document("rss", "f.xml", Encoding.UTF8.GetBytes(xml))).Observations);

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), item.TsEvent);
    }

    [Fact]
    public void Truncated_xml_keeps_the_items_before_the_break()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestData.RepoRoot, "tests/Vanta.Markets.Tests/Collectors/News/Fixtures/example_markets_wire.rss.xml"));
        var text = Encoding.UTF8.GetString(bytes);
        var cut = Encoding.UTF8.GetBytes(text[..text.IndexOf("<title>A headline", StringComparison.Ordinal)]);
        var result = Parser.Parse(TestData.Document("rss", "cut.xml", cut));

        Assert.Equal(2, result.Observations.Length);
        Assert.Contains(result.Quarantined, q => q.Location == "cut.xml" && q.Reason.StartsWith("not well-formed XML", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<html><body>Rate limited</body></html>", "root element 'html'")]
    [InlineData("{\"not\":\"xml\"}", "not well-formed XML")]
    [InlineData("", "not well-formed XML")]
    public void A_document_that_is_not_a_feed_is_quarantined_whole(string payload, string reason)
    {
        var result = Parser.Parse(TestData.Document("rss", "x.xml", Encoding.UTF8.GetBytes(payload)));

        Assert.Empty(result.Observations);
        Assert.StartsWith(reason, Assert.Single(result.Quarantined).Reason);
    }
}
