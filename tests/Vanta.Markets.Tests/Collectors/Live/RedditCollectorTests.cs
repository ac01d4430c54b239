using System.Text;
using Vanta.Http;
using Vanta.Markets.Collectors;
using Vanta.Markets.Collectors.Reddit;
using Vanta.Testing;
using Vanta.Testing.StandIn;

namespace Vanta.Markets.Tests.Collectors.Live;

public sealed class RedditCollectorTests
{
    private const string Agent = "server:io.vanta.harvest:v0.3.0 (by /u/vanta_bot)";
    private static readonly RedditCredentials Credentials = new("client-1", "s3cret-value");

    [LiveDataFact]
    public async Task Token_then_two_pages_with_after_waiting_out_a_spent_rate_limit_budget()
    {
        await using var h = new LiveHarness();
        h.Server.Script("/api/v1/access_token", StandInResponse.Json("""{"access_token": "tok-abc", "token_type": "bearer", "expires_in": 86400, "scope": "*"}"""));
        h.Server.Map("/r/stocks/new", request => request.QueryValue("after") is null
            ? StandInResponse.Bytes(SharedData.Bytes("reddit/api_listing_r_askreddit_new.json"), "application/json")
                .WithHeader("X-Ratelimit-Used", "100").WithHeader("X-Ratelimit-Remaining", "0.0").WithHeader("X-Ratelimit-Reset", "42")
            : StandInResponse.Bytes(SharedData.Bytes("reddit/api_listing_empty_before.json"), "application/json")
                .WithHeader("X-Ratelimit-Remaining", "99.0").WithHeader("X-Ratelimit-Reset", "600"));
        var collector = Collector(h);

        var results = await h.CollectAsync(collector.CollectAsync(new CollectorRequest(MaxPages: 5, PageSize: 100), CancellationToken.None));

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.IsType<FetchResult.Fetched>(r));
        var token = Assert.Single(h.Server.RequestsTo("/api/v1/access_token"));
        Assert.Equal("POST", token.Method);
        Assert.Equal("client_credentials", token.FormValue("grant_type"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client-1:s3cret-value")), token.Header("Authorization"));
        var pages = h.Server.RequestsTo("/r/stocks/new");
        Assert.Equal([null, "t3_48f6io"], pages.Select(p => p.QueryValue("after")));
        Assert.All(pages, p => Assert.Equal("bearer tok-abc", p.Header("Authorization")));
        Assert.All(h.Server.Requests, r => Assert.Equal(Agent, r.Header("User-Agent")));
        Assert.Equal("100", pages[0].QueryValue("limit"));
        // The first page spent the budget: the second waited for the 42 s reset.
        Assert.True(h.Clock.GetUtcNow() - LiveHarness.Start >= TimeSpan.FromSeconds(42));
        Assert.Equal(2, h.Journal.Count);
        Assert.All(h.Journal, d => Assert.Equal(RedditCollector.ListingSource, d.Source));
        Assert.DoesNotContain(h.Journal, d => Encoding.UTF8.GetString(d.Content).Contains("tok-abc", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_token_is_renewed_once_and_a_bad_secret_is_a_fatal_failure_without_the_secret()
    {
        await using var h = new LiveHarness();
        h.Server.Script("/api/v1/access_token",
            StandInResponse.Json("""{"access_token": "old", "expires_in": 86400}"""),
            StandInResponse.Json("""{"access_token": "new", "expires_in": 86400}"""));
        h.Server.RequireHeader("/r/stocks/new", "Authorization", "bearer new");
        h.Server.Script("/r/stocks/new", StandInResponse.Json("""{"kind": "Listing", "data": {"after": null, "children": []}}"""));

        var results = await h.CollectAsync(Collector(h).CollectAsync(new CollectorRequest(), CancellationToken.None));

        Assert.IsType<FetchResult.Fetched>(Assert.Single(results));
        Assert.Equal(2, h.Server.RequestsTo("/api/v1/access_token").Count);

        h.Server.Script("/api/v1/access_token", StandInResponse.Json("""{"error": "invalid_grant"}""", 401));
        var denied = await h.CollectAsync(Collector(h).CollectAsync(new CollectorRequest(), CancellationToken.None));
        var failure = Assert.IsType<FetchResult.Failed>(Assert.Single(denied)).Failure;
        Assert.Equal(FailureClass.Fatal, failure.Class);
        Assert.DoesNotContain("s3cret-value", failure.Reason + failure.Uri, StringComparison.Ordinal);
    }

    private static RedditCollector Collector(LiveHarness h) =>
        new(h.Client(HttpSourcePolicies.Reddit(Agent)),
            new RedditEndpoints(h.Server.Url("/api/v1/access_token"), h.Server.BaseUri),
            Credentials,
            new RedditOptions(["stocks"]),
            h.Clock);
}
