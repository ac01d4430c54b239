using System.Net;
using Vanta.Core.Domain;
using Vanta.Http;
using Vanta.Markets.Collectors;
using Vanta.Markets.Collectors.News;
using Vanta.Testing.StandIn;

namespace Vanta.Markets.Tests.Collectors.Live;

/// <summary>
/// The news collector against the stand-in server, serving the RSS and Atom fixtures of
/// <c>Collectors/News/Fixtures</c> (there is no recorded feed in shared/data).
/// </summary>
public sealed class NewsFeedCollectorTests
{
    private const string Agent = "vanta-harvest/0.3 ops@example.com";
    private const string FeedAccept = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8";
    private const string RssPath = "/markets/wire.rss";
    private const string AtomPath = "/example/feed.atom";

    private static readonly byte[] Rss = Fixture("example_markets_wire.rss.xml");
    private static readonly byte[] Atom = Fixture("example_feed.atom.xml");

    [Fact]
    public async Task Both_feeds_are_fetched_with_the_feeds_agent_and_accept_and_journaled_as_rss_before_they_are_yielded()
    {
        await using var h = new LiveHarness();
        h.Server.Script(RssPath, StandInResponse.Bytes(Rss, "application/rss+xml"));
        h.Server.Script(AtomPath, StandInResponse.Bytes(Atom, "application/atom+xml"));
        var journaledAtYield = new List<int>();

        var results = await h.CollectAsync(JournalIndexAtYield(Collector(h).CollectAsync(new CollectorRequest(), CancellationToken.None), h.Journal, journaledAtYield));

        var documents = results.Select(r => Assert.IsType<FetchResult.Fetched>(r).Document).ToList();
        Assert.Equal([h.Server.Url(RssPath).ToString(), h.Server.Url(AtomPath).ToString()], documents.Select(d => d.Uri));
        Assert.All(documents, d => Assert.Equal("rss", d.Source));
        Assert.Equal([Rss, Atom], documents.Select(d => d.Content));
        Assert.Equal(documents, h.Journal);
        // Each document was already in the journal, at its own place, when the collector yielded it.
        Assert.Equal([0, 1], journaledAtYield);
        Assert.Equal([RssPath, AtomPath], h.Server.Requests.Select(r => r.Path));
        Assert.All(h.Server.Requests, r => Assert.Equal(("GET", Agent, FeedAccept), (r.Method, r.Header("User-Agent"), r.Header("Accept"))));
        // The source kind is the one the news parser is catalogued under: both formats parse.
        Assert.True(ParserCatalog.TryCreate(documents[0].Source, out var parser));
        Assert.Equal((3, 2), (parser.Parse(documents[0]).Observations.Length, parser.Parse(documents[1]).Observations.Length));
    }

    [Fact]
    public async Task A_second_run_sends_the_validators_and_304_answers_are_not_modified_and_not_journaled_again()
    {
        await using var h = new LiveHarness();
        const string etag = "\"wire-v1\"", rssModified = "Fri, 14 Jun 2024 21:10:00 GMT", atomModified = "Fri, 14 Jun 2024 20:58:02 GMT";
        h.Server.Map(RssPath, r => r.Header("If-None-Match") == etag
            ? StandInResponse.Empty(304).WithHeader("ETag", etag)
            : StandInResponse.Bytes(Rss, "application/rss+xml").WithHeader("ETag", etag).WithHeader("Last-Modified", rssModified));
        h.Server.Map(AtomPath, r => r.Header("If-Modified-Since") == atomModified
            ? StandInResponse.Empty(304)
            : StandInResponse.Bytes(Atom, "application/atom+xml").WithHeader("Last-Modified", atomModified));
        var collector = Collector(h);

        var first = await h.CollectAsync(collector.CollectAsync(new CollectorRequest(), CancellationToken.None));
        var second = await h.CollectAsync(collector.CollectAsync(new CollectorRequest(), CancellationToken.None));

        Assert.All(first, r => Assert.IsType<FetchResult.Fetched>(r));
        var notModified = second.Select(r => Assert.IsType<FetchResult.NotModified>(r)).ToList();
        Assert.Equal([h.Server.Url(RssPath).ToString(), h.Server.Url(AtomPath).ToString()], notModified.Select(n => n.Uri));
        Assert.All(notModified, n => Assert.Equal(["not-modified"], n.Attempts.Select(a => a.Outcome)));
        var rss = h.Server.RequestsTo(RssPath);
        var atom = h.Server.RequestsTo(AtomPath);
        Assert.Equal(2, rss.Count);
        Assert.Equal(2, atom.Count);
        // The first run had nothing to validate against; the second sends back what each feed said.
        Assert.Equal((null, null), (rss[0].Header("If-None-Match"), rss[0].Header("If-Modified-Since")));
        Assert.Equal((null, null), (atom[0].Header("If-None-Match"), atom[0].Header("If-Modified-Since")));
        Assert.Equal((etag, rssModified), (rss[1].Header("If-None-Match"), rss[1].Header("If-Modified-Since")));
        Assert.Equal((null, atomModified), (atom[1].Header("If-None-Match"), atom[1].Header("If-Modified-Since")));
        Assert.Equal(2, h.Journal.Count);
    }

    [Fact]
    public async Task A_feed_answering_503_twice_is_retried_and_its_third_answer_is_the_document()
    {
        await using var h = new LiveHarness();
        h.Server.Script(RssPath, StandInResponse.Empty(503), StandInResponse.Empty(503), StandInResponse.Bytes(Rss, "application/rss+xml"));
        h.Server.Script(AtomPath, StandInResponse.Bytes(Atom, "application/atom+xml"));

        var results = await h.CollectAsync(Collector(h).CollectAsync(new CollectorRequest(), CancellationToken.None));

        var rss = Assert.IsType<FetchResult.Fetched>(results[0]);
        Assert.Equal(HttpStatusCode.OK, rss.Status);
        Assert.Equal(Rss, rss.Document.Content);
        Assert.Equal(["ServerError", "ServerError", "ok"], rss.Attempts.Select(a => a.Outcome));
        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], rss.Attempts.Select(a => a.Status));
        Assert.All(rss.Attempts.Take(2), a => Assert.True(a.DelayAfter > TimeSpan.Zero, $"attempt {a.Number} was retried without a backoff"));
        Assert.Equal(Atom, Assert.IsType<FetchResult.Fetched>(results[1]).Document.Content);
        Assert.Equal(3, h.Server.RequestsTo(RssPath).Count);
        Assert.All(h.Server.Requests, r => Assert.Equal((Agent, FeedAccept), (r.Header("User-Agent"), r.Header("Accept"))));
        // Only the two documents were journaled: the 503 answers never were.
        Assert.Equal([Rss, Atom], h.Journal.Select(d => d.Content));
    }

    [Fact]
    public async Task An_html_page_where_a_feed_is_expected_is_a_typed_failure_and_never_a_document()
    {
        await using var h = new LiveHarness();
        const string page = "<!DOCTYPE html>\n<html><head><title>Sign in to continue</title></head><body><form></form></body></html>";
        h.Server.Script(RssPath, StandInResponse.Text(page, "text/html; charset=utf-8"));
        // A portal page that even claims to be XML is still HTML.
        h.Server.Script("/labelled/as.xml", StandInResponse.Text(page, "application/xml"));
        h.Server.Script(AtomPath, StandInResponse.Bytes(Atom, "application/atom+xml"));
        var collector = new NewsFeedCollector(h.Client(HttpSourcePolicies.Feeds(Agent)), [h.Server.Url(RssPath), h.Server.Url("/labelled/as.xml"), h.Server.Url(AtomPath)]);

        var results = await h.CollectAsync(collector.CollectAsync(new CollectorRequest(), CancellationToken.None));

        Assert.Equal(3, results.Count);
        var failures = results.Take(2).Select(r => Assert.IsType<FetchResult.Failed>(r)).ToList();
        Assert.All(failures, f => Assert.Equal((FetchFailureKind.UnexpectedContent, FailureClass.NonRetryable), (f.Failure.Kind, f.Failure.Class)));
        Assert.All(failures, f => Assert.Contains("HTML page where Xml was expected", f.Failure.Reason, StringComparison.Ordinal));
        Assert.Equal([h.Server.Url(RssPath).ToString(), h.Server.Url("/labelled/as.xml").ToString()], failures.Select(f => f.Failure.Uri));
        // Not retried: the same page would come back.
        Assert.Single(h.Server.RequestsTo(RssPath));
        Assert.Single(h.Server.RequestsTo("/labelled/as.xml"));
        Assert.IsType<FetchResult.Fetched>(results[2]);
        Assert.Equal(Atom, Assert.Single(h.Journal).Content);
    }

    private static NewsFeedCollector Collector(LiveHarness h) =>
        new(h.Client(HttpSourcePolicies.Feeds(Agent)), [h.Server.Url(RssPath), h.Server.Url(AtomPath)]);

    private static byte[] Fixture(string file) =>
        File.ReadAllBytes(Path.Combine(TestData.RepoRoot, "tests/Vanta.Markets.Tests/Collectors/News/Fixtures", file));

    /// <summary>Passes results through, noting where each yielded document already sits in the journal (-1: not there yet).</summary>
    private static async IAsyncEnumerable<FetchResult> JournalIndexAtYield(IAsyncEnumerable<FetchResult> results, List<RawDocument> journal, List<int> indexes)
    {
        await foreach (var result in results)
        {
            if (result is FetchResult.Fetched fetched)
            {
                lock (journal)
                    indexes.Add(journal.IndexOf(fetched.Document));
            }
            yield return result;
        }
    }
}
