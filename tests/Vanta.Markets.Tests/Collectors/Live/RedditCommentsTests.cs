using System.Text;
using System.Text.Json.Nodes;
using Vanta.Core.Domain;
using Vanta.Http;
using Vanta.Markets.Collectors.Reddit;
using Vanta.Testing;
using Vanta.Testing.StandIn;

namespace Vanta.Markets.Tests.Collectors.Live;

/// <summary>
/// <see cref="RedditCollector.CommentsAsync"/> against the stand-in server: the comments endpoint answers the
/// two-listing array (the post, then its comments), built from the real listings in shared/data/reddit.
/// </summary>
public sealed class RedditCommentsTests
{
    private const string Agent = "server:io.vanta.harvest:v0.3.0 (by /u/vanta_bot)";
    private const string CommentsPath = "/r/AskReddit/comments/48fbm9";
    private static readonly RedditCredentials Credentials = new("client-1", "s3cret-value");

    [LiveDataFact]
    public async Task Comments_are_fetched_with_the_bearer_token_and_journaled_verbatim_as_reddit_comments()
    {
        await using var h = new LiveHarness();
        var (payload, ids) = CommentsPayload();
        h.Server.Script("/api/v1/access_token", StandInResponse.Json("""{"access_token": "tok-abc", "token_type": "bearer", "expires_in": 86400, "scope": "*"}"""));
        h.Server.Script(CommentsPath, StandInResponse.Bytes(payload, "application/json"));

        var results = await h.CollectAsync(Once(() => Collector(h).CommentsAsync("AskReddit", "48fbm9", 50, CancellationToken.None)));

        var fetched = Assert.IsType<FetchResult.Fetched>(Assert.Single(results));
        var token = Assert.Single(h.Server.RequestsTo("/api/v1/access_token"));
        Assert.Equal(("POST", "client_credentials"), (token.Method, token.FormValue("grant_type")));
        var request = Assert.Single(h.Server.RequestsTo(CommentsPath));
        Assert.Equal(("GET", "50", "1"), (request.Method, request.QueryValue("limit"), request.QueryValue("raw_json")));
        Assert.Equal("bearer tok-abc", request.Header("Authorization"));
        Assert.All(h.Server.Requests, r => Assert.Equal(Agent, r.Header("User-Agent")));
        Assert.Equal([token, request], h.Server.Requests);
        var document = fetched.Document;
        Assert.Equal("reddit-comments", document.Source);
        Assert.Equal(h.Server.Url(CommentsPath + "?limit=50&raw_json=1").ToString(), document.Uri);
        Assert.Equal(payload, document.Content);
        // The token answer is confidential: only the comments document reaches the journal.
        Assert.Same(document, Assert.Single(h.Journal));
        Assert.DoesNotContain("tok-abc", document.Uri, StringComparison.Ordinal);
        // The bytes are the endpoint's array: the post first, then its comments.
        Assert.True(Vanta.Markets.Collectors.ParserCatalog.TryCreate(document.Source, out var parser));
        var posts = parser.Parse(document);
        Assert.Empty(posts.Quarantined);
        Assert.Equal(ids, posts.Observations.Cast<SocialPost>().Select(p => p.Id));
    }

    [LiveDataFact]
    public async Task A_comments_answer_that_spends_the_budget_is_waited_out_before_comments_returns()
    {
        await using var h = new LiveHarness();
        var (payload, _) = CommentsPayload();
        h.Server.Script("/api/v1/access_token", StandInResponse.Json("""{"access_token": "tok-abc", "expires_in": 86400}"""));
        h.Server.Script(CommentsPath, StandInResponse.Bytes(payload, "application/json")
            .WithHeader("X-Ratelimit-Used", "100").WithHeader("X-Ratelimit-Remaining", "0.0").WithHeader("X-Ratelimit-Reset", "42"));

        var results = await h.CollectAsync(Once(() => Collector(h).CommentsAsync("AskReddit", "48fbm9", 50, CancellationToken.None)));

        Assert.IsType<FetchResult.Fetched>(Assert.Single(results));
        Assert.True(h.Clock.GetUtcNow() - LiveHarness.Start >= TimeSpan.FromSeconds(42), $"returned after {h.Clock.GetUtcNow() - LiveHarness.Start} of fake time");
    }

    private static RedditCollector Collector(LiveHarness h) =>
        new(h.Client(HttpSourcePolicies.Reddit(Agent)),
            new RedditEndpoints(h.Server.Url("/api/v1/access_token"), h.Server.BaseUri),
            Credentials,
            new RedditOptions(["stocks"]),
            h.Clock);

    private static async IAsyncEnumerable<FetchResult> Once(Func<Task<FetchResult>> fetch)
    {
        yield return await fetch();
    }

    /// <summary>[Listing(a real post), Listing(three real comments)], and the post ids in that order.</summary>
    private static (byte[] Payload, List<string> Ids) CommentsPayload()
    {
        var post = JsonNode.Parse(SharedData.Bytes("reddit/api_listing_r_askreddit_new.json"))!["data"]!["children"]![0]!.DeepClone();
        var comments = JsonNode.Parse(SharedData.Bytes("reddit/api_listing_r_all_comments.json"))!["data"]!["children"]!.AsArray()
            .Take(3).Select(c => c!.DeepClone()).ToArray();
        var ids = new[] { post }.Concat(comments).Select(c => $"{(string)c["kind"]!}_{(string)c["data"]!["id"]!}").ToList();
        var payload = new JsonArray(Listing(post), Listing(comments));
        return (Encoding.UTF8.GetBytes(payload.ToJsonString()), ids);
    }

    private static JsonObject Listing(params JsonNode[] children) => new()
    {
        ["kind"] = "Listing",
        ["data"] = new JsonObject { ["after"] = null, ["before"] = null, ["children"] = new JsonArray(children) },
    };
}
