using System.Text;
using System.Text.Json.Nodes;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors.Reddit;

namespace Vanta.Markets.Tests.Collectors.Reddit;

/// <summary>The <c>reddit</c> kind on the real shared payloads, paging cursors, the comments endpoint and bad bytes.</summary>
public sealed class RedditPayloadTests
{
    private static readonly RedditListingParser Parser = new(RedditSymbols.CashtagsOnly, RedditListingParser.RedditKind);

    private static RawDocument Shared(string file) =>
        TestData.Document(RedditListingParser.RedditKind, TestData.Shared(Path.Combine("reddit", file)), "reddit/" + file);

    [SharedDataFact]
    public void The_real_submissions_listing_is_read_with_its_after_cursor()
    {
        var page = Parser.ParsePage(Shared("api_listing_r_askreddit_new.json"));
        var posts = page.Result.Observations.Cast<SocialPost>().ToList();

        Assert.Equal("reddit", Parser.Source);
        Assert.Empty(page.Result.Quarantined);
        Assert.Equal(100, posts.Count);
        Assert.Equal(("t3_48f6io", null as string), (page.After, page.Before));
        var last = posts[^1];
        Assert.Equal(("t3_48f6io", "AskReddit", "purpleclouds", 3), (last.Id, last.Community, last.Author, last.Score));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1456818242), last.TsEvent);
        Assert.StartsWith("https://www.reddit.com/r/AskReddit/comments/48f6io/", last.Url);
        Assert.Equal(100, posts.Select(p => p.Id).Distinct().Count());
        Assert.All(posts, p => Assert.Equal(TimeSpan.Zero, p.TsEvent.Offset));
    }

    [SharedDataFact]
    public void The_real_comments_listing_is_read_with_its_after_cursor()
    {
        var page = Parser.ParsePage(Shared("api_listing_r_all_comments.json"));

        Assert.Empty(page.Result.Quarantined);
        Assert.Equal(100, page.Result.Observations.Length);
        Assert.Equal("t1_dbhn0yk", page.After);
        Assert.All(page.Result.Observations.Cast<SocialPost>(), p => Assert.StartsWith("t1_", p.Id));
    }

    [SharedDataFact]
    public void The_empty_listing_reads_nothing_quarantines_nothing_and_ends_paging()
    {
        var page = Parser.ParsePage(Shared("api_listing_empty_before.json"));

        Assert.Empty(page.Result.Observations);
        Assert.Empty(page.Result.Quarantined);
        Assert.Null(page.After);
        Assert.Empty(page.More);
    }

    [SharedDataFact]
    public void The_comments_endpoint_flattens_nested_replies_after_their_parent_and_lists_more_stubs()
    {
        // Built from the real files: [Listing(post), Listing(comment with a reply, a more stub)].
        var post = FirstChild("api_listing_r_askreddit_new.json");
        var comments = JsonNode.Parse(File.ReadAllText(TestData.Shared("reddit/api_listing_r_all_comments.json")))!["data"]!["children"]!.AsArray();
        var parent = comments[0]!.DeepClone();
        var reply = comments[1]!.DeepClone();
        reply["data"]!["replies"] = "";
        parent["data"]!["replies"] = Listing(reply, JsonNode.Parse("""{"kind":"more","data":{"count":2,"children":["abc1","abc2"]}}""")!);
        var payload = new JsonArray(Listing(post), Listing(parent, JsonNode.Parse("""{"kind":"t1","data":{"id":"x"}}""")!));
        var page = Parser.ParsePage(TestData.Document("reddit", "comments.json", Encoding.UTF8.GetBytes(payload.ToJsonString())));

        Assert.Equal(["t3_48fbm9", "t1_dbhn11d", "t1_" + (string)reply["data"]!["id"]!],
            page.Result.Observations.Cast<SocialPost>().Select(p => p.Id));
        Assert.Equal<string>(["abc1", "abc2"], page.More.AsEnumerable());
        var bad = Assert.Single(page.Result.Quarantined);
        Assert.Equal("comments.json#[1].children[1]", bad.Location);
        Assert.Equal("'subreddit' is missing or has the wrong type", bad.Reason);
    }

    [SharedDataFact]
    public void A_bad_child_deep_in_a_reply_tree_is_named_by_its_path()
    {
        var parent = JsonNode.Parse(File.ReadAllText(TestData.Shared("reddit/api_listing_r_all_comments.json")))!["data"]!["children"]![0]!.DeepClone();
        parent["data"]!["replies"] = Listing(JsonNode.Parse("""{"kind":"t1","data":{"id":"y","created_utc":"soon"}}""")!);
        var page = Parser.ParsePage(TestData.Document("reddit", "c.json", Encoding.UTF8.GetBytes(Listing(parent).ToJsonString())));

        Assert.Single(page.Result.Observations);
        Assert.Equal("c.json#children[0].replies.children[0]", Assert.Single(page.Result.Quarantined).Location);
    }

    [SharedDataFact]
    public void Truncated_json_keeps_the_children_read_before_the_break()
    {
        var bytes = File.ReadAllBytes(TestData.Shared("reddit/api_listing_r_askreddit_new.json"));
        var result = Parser.Parse(TestData.Document("reddit", "cut.json", bytes[..(bytes.Length / 2)]));

        Assert.InRange(result.Observations.Length, 30, 70);
        var entry = Assert.Single(result.Quarantined);
        Assert.Equal("cut.json", entry.Location);
        Assert.StartsWith("not valid JSON", entry.Reason);
    }

    [Fact]
    public void Invalid_utf8_in_a_field_quarantines_that_child_only()
    {
        var good = """{"kind":"t3","data":{"id":"a1","subreddit":"stocks","author":"u","title":"ok","selftext":"","score":1,"created_utc":1718375462.0}}""";
        var head = Encoding.UTF8.GetBytes("{\"kind\":\"Listing\",\"data\":{\"after\":null,\"children\":[" + good
            + ",{\"kind\":\"t3\",\"data\":{\"id\":\"a2\",\"subreddit\":\"stocks\",\"author\":\"u\",\"title\":\"");
        var tail = Encoding.UTF8.GetBytes("\",\"selftext\":\"\",\"score\":1,\"created_utc\":1718375462.0}}]}}");
        var bytes = head.Concat(new byte[] { 0xC3, 0x28 }).Concat(tail).ToArray();
        var result = Parser.Parse(TestData.Document("reddit", "utf8.json", bytes));

        Assert.Equal("t3_a1", ((SocialPost)Assert.Single(result.Observations)).Id);
        var entry = Assert.Single(result.Quarantined);
        Assert.Equal("utf8.json", entry.Location[..9]);
        Assert.Contains("UTF-8", entry.Reason);
    }

    [Fact]
    public void Only_the_two_reddit_kinds_are_accepted()
    {
        Assert.Equal("reddit-listing", new RedditListingParser(RedditSymbols.CashtagsOnly).Source);
        Assert.Throws<ArgumentException>(() => new RedditListingParser(RedditSymbols.CashtagsOnly, "rss"));
    }

    private static JsonNode FirstChild(string file) =>
        JsonNode.Parse(File.ReadAllText(TestData.Shared("reddit/" + file)))!["data"]!["children"]![0]!.DeepClone();

    private static JsonObject Listing(params JsonNode[] children) =>
        new() { ["kind"] = "Listing", ["data"] = new JsonObject { ["after"] = null, ["children"] = new JsonArray(children) } };
}
