using System.Text.RegularExpressions;
using Vanta.Http;
using Vanta.Markets.Collectors;
using Vanta.Markets.Collectors.SecEdgar;
using Vanta.Testing;
using Vanta.Testing.StandIn;

namespace Vanta.Markets.Tests.Collectors.Live;

public sealed class SecEdgarCollectorTests
{
    private const string Agent = "Vanta Research ops@example.com";

    [LiveDataFact]
    public async Task The_form4_feed_is_followed_to_each_filing_once_with_the_declared_agent()
    {
        await using var h = new LiveHarness();
        var feed = SharedData.Bytes("sec/feeds/getcurrent_form4_page1.atom.xml");
        h.Server.Script("/cgi-bin/browse-edgar", StandInResponse.Bytes(feed, "application/atom+xml"));
        h.Server.MapPrefix("/Archives/edgar/data/", _ =>
            StandInResponse.Bytes(SharedData.Bytes("sec/ownership/full_submission_0001127602-25-001055_AIR_form4.txt"), "text/plain"));
        var accessions = Regex.Matches(System.Text.Encoding.Latin1.GetString(feed), "accession-number=([0-9-]+)").Select(m => m.Groups[1].Value).ToHashSet();

        var results = await h.CollectAsync(Collector(h, new SecEdgarOptions(["4", "4/A"], [320193])).CollectAsync(new CollectorRequest(MaxPages: 1, PageSize: 100), CancellationToken.None));

        var feedRequest = Assert.Single(h.Server.RequestsTo("/cgi-bin/browse-edgar"));
        Assert.Equal(("getcurrent", "4", "atom", "100"), (feedRequest.QueryValue("action"), feedRequest.QueryValue("type"), feedRequest.QueryValue("output"), feedRequest.QueryValue("count")));
        var filings = h.Server.Requests.Where(r => r.Path.StartsWith("/Archives/", StringComparison.Ordinal)).ToList();
        Assert.Equal(accessions.Count, filings.Count);
        Assert.Equal(accessions.Order(), filings.Select(f => Path.GetFileNameWithoutExtension(f.Path)).Order());
        Assert.All(h.Server.Requests, r => Assert.Equal(Agent, r.Header("User-Agent")));
        Assert.Single(h.Server.RequestsTo("/submissions/CIK0000320193.json"));
        Assert.Equal(1 + accessions.Count + 1, results.Count);
        Assert.Equal(SecEdgarCollector.FeedSource, h.Journal[0].Source);
        Assert.Equal(accessions.Count, h.Journal.Count(d => d.Source == SecEdgarCollector.FilingSource));
    }

    [LiveDataFact]
    public async Task A_5xx_feed_is_retried_and_a_block_page_stops_the_run_as_a_rate_limited_failure()
    {
        await using var h = new LiveHarness();
        h.Server.Script("/cgi-bin/browse-edgar",
            StandInResponse.Empty(503),
            StandInResponse.TooManyRequests("3"),
            StandInResponse.Bytes(SharedData.Bytes("sec/feeds/sec_rate_limit_exceeded_page.html"), "text/html", 403));

        var results = await h.CollectAsync(Collector(h, SecEdgarOptions.Form4).CollectAsync(new CollectorRequest(MaxPages: 3), CancellationToken.None));

        var failed = Assert.IsType<FetchResult.Failed>(Assert.Single(results));
        Assert.Equal((FetchFailureKind.RateLimited, FailureClass.Retryable), (failed.Failure.Kind, failed.Failure.Class));
        Assert.Equal(["ServerError", "RateLimited", "RateLimited"], failed.Attempts.Select(a => a.Outcome));
        Assert.Equal(TimeSpan.FromSeconds(3), failed.Attempts[1].DelayAfter);
        Assert.Equal(3, h.Server.Requests.Count);
        Assert.Empty(h.Journal);
    }

    [Fact]
    public void Index_links_map_to_the_full_submission_text_on_the_configured_host()
    {
        var endpoints = new SecEdgarEndpoints(new Uri("http://127.0.0.1:9/"), new Uri("http://127.0.0.1:9/"));

        var uri = endpoints.FullSubmission("https://www.sec.gov/Archives/edgar/data/1999001/000199900124000007/0001999001-24-000007-index.htm");

        Assert.Equal("http://127.0.0.1:9/Archives/edgar/data/1999001/000199900124000007/0001999001-24-000007.txt", uri?.ToString());
        Assert.Null(endpoints.FullSubmission("/cgi-bin/browse-edgar?action=getcurrent"));
        Assert.Equal("http://127.0.0.1:9/submissions/CIK0000320193.json", endpoints.Submissions(320193).ToString());
    }

    private static SecEdgarCollector Collector(LiveHarness h, SecEdgarOptions options) =>
        new(h.Client(HttpSourcePolicies.Sec(Agent)), new SecEdgarEndpoints(h.Server.BaseUri, h.Server.BaseUri), options);
}
