using System.Text;
using System.Text.Json.Nodes;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors.Reddit;

namespace Vanta.Markets.Tests.Collectors.Reddit;

public sealed class RedditListingParserTests
{
    private static readonly RedditListingParser Parser = new(new RedditSymbols(["AAPL", "FB", "SPY", "WM"]));

    private static string SamplePath(string file) => Path.Combine(TestData.SampleTape, "reddit", file);

    [Fact]
    public void Reads_the_100_askreddit_submissions_of_2016()
    {
        var result = Parser.Parse(TestData.Document(RedditListingParser.SourceKind, SamplePath("api_listing_r_askreddit_new.json"), "reddit/new.json"));
        var posts = result.Observations.Cast<SocialPost>().ToList();

        Assert.Empty(result.Quarantined);
        Assert.Equal(100, posts.Count);
        var first = posts[0];
        Assert.Equal("t3_48fbm9", first.Id);
        Assert.Equal(("reddit", "AskReddit", "RedHeadQc", 1), (first.Platform, first.Community, first.Author, first.Score));
        Assert.Equal("[Serious] Parents of Reddit, what's the biggest lie about yourself you've told your kids?", first.Title);
        Assert.Equal("", first.Body);
        Assert.Equal("https://www.reddit.com/r/AskReddit/comments/48fbm9/serious_parents_of_reddit_whats_the_biggest_lie/", first.Url);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1456821458), first.TsEvent); // created_utc, 2016-03-01T08:37:38Z
        Assert.All(posts, p => Assert.Empty(p.Symbols));
    }

    [Fact]
    public void Reads_the_100_comments_with_link_title_and_a_built_permalink()
    {
        var result = Parser.Parse(TestData.Document(RedditListingParser.SourceKind, SamplePath("api_listing_r_all_comments.json")));
        var posts = result.Observations.Cast<SocialPost>().ToList();

        Assert.Empty(result.Quarantined);
        Assert.Equal(100, posts.Count);
        var first = posts[0];
        Assert.Equal(("t1_dbhn11d", "coins", "Mametaro", "What's this?"), (first.Id, first.Community, first.Author, first.Title));
        Assert.StartsWith("1979 (Showa 54) 10 Yen (bronze) plain edge.", first.Body);
        Assert.Equal("https://www.reddit.com/r/coins/comments/5jffj1/_/dbhn11d/", first.Url);
        Assert.Equal(new DateTimeOffset(2016, 12, 22, 2, 17, 20, TimeSpan.Zero), first.TsEvent);
    }

    [Fact]
    public void Bad_children_are_quarantined_by_index_and_the_rest_read()
    {
        var listing = JsonNode.Parse(File.ReadAllText(SamplePath("api_listing_r_askreddit_new.json")))!;
        var children = listing["data"]!["children"]!.AsArray();
        children[1]!["kind"] = "t5";
        children[2]!["data"]!.AsObject().Remove("created_utc");
        children[2]!["data"]!.AsObject().Remove("created");
        children[3]!["data"]!["title"] = 42;
        children[4] = JsonValue.Create("not an object");
        children[5]!["data"]!["created_utc"] = -5;
        var bytes = Encoding.UTF8.GetBytes(listing.ToJsonString());
        var result = Parser.Parse(TestData.Document(RedditListingParser.SourceKind, "r.json", bytes));

        Assert.Equal(95, result.Observations.Length);
        Assert.Equal(
            ["r.json#children[1]", "r.json#children[2]", "r.json#children[3]", "r.json#children[4]", "r.json#children[5]"],
            result.Quarantined.Select(q => q.Location));
        Assert.Equal(
            [
                "child kind 't5' is neither t3 (submission) nor t1 (comment)",
                "'created_utc' is missing or has the wrong type",
                "'title' is missing or has the wrong type",
                "child kind '(none)' is neither t3 (submission) nor t1 (comment)",
                "'created_utc' is not a Unix time in range",
            ],
            result.Quarantined.Select(q => q.Reason));
    }

    [Fact]
    public void Falls_back_to_created_when_created_utc_is_absent()
    {
        var listing = JsonNode.Parse(File.ReadAllText(SamplePath("api_listing_r_askreddit_new.json")))!;
        listing["data"]!["children"]![0]!["data"]!.AsObject().Remove("created_utc");
        var result = Parser.Parse(TestData.Document(RedditListingParser.SourceKind, "r.json", Encoding.UTF8.GetBytes(listing.ToJsonString())));

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1456850258), ((SocialPost)result.Observations[0]).TsEvent);
    }

    [Theory]
    [InlineData("{\"kind\": \"Listing\", \"data\": {\"children\": ", "not valid JSON")]
    [InlineData("[1, 2]", "not a Reddit Listing")]
    [InlineData("{\"kind\": \"t3\", \"data\": {}}", "not a Reddit Listing")]
    [InlineData("<html>429 Too Many Requests</html>", "not valid JSON")]
    public void A_payload_that_is_not_a_listing_is_quarantined_whole(string payload, string reason)
    {
        var result = Parser.Parse(TestData.Document(RedditListingParser.SourceKind, "bad.json", Encoding.UTF8.GetBytes(payload)));

        Assert.Empty(result.Observations);
        var entry = Assert.Single(result.Quarantined);
        Assert.Equal("bad.json", entry.Location);
        Assert.StartsWith(reason, entry.Reason);
    }

    [SharedDataFact]
    public void An_empty_listing_reads_nothing_and_sets_nothing_aside()
    {
        var result = Parser.Parse(TestData.Document(RedditListingParser.SourceKind, TestData.Shared("reddit/api_listing_empty_before.json")));

        Assert.Empty(result.Observations);
        Assert.Empty(result.Quarantined);
    }

    [Fact]
    public void Mentions_become_sorted_symbols_on_the_post()
    {
        var listing = JsonNode.Parse(File.ReadAllText(SamplePath("api_listing_r_askreddit_new.json")))!;
        var data = listing["data"]!["children"]![0]!["data"]!;
        data["title"] = "YOLO: $tsla and SPY calls, or WM?";
        data["selftext"] = "DD says AAPL. $TSLA again.";
        var result = Parser.Parse(TestData.Document(RedditListingParser.SourceKind, "r.json", Encoding.UTF8.GetBytes(listing.ToJsonString())));
        var post = (SocialPost)result.Observations[0];

        Assert.Equal<string>(["AAPL", "SPY", "TSLA", "WM"], post.Symbols.AsEnumerable());
        Assert.Equal("AAPL", post.Symbol);
    }

    [Fact]
    public void A_byte_order_mark_does_not_make_a_listing_invalid()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(File.ReadAllBytes(SamplePath("api_listing_r_all_comments.json"))).ToArray();
        var result = Parser.Parse(TestData.Document(RedditListingParser.SourceKind, "bom.json", bytes));

        Assert.Empty(result.Quarantined);
        Assert.Equal(100, result.Observations.Length);
    }
}
