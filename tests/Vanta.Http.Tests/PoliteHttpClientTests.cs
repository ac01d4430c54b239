using System.Globalization;
using System.Text;
using Vanta.Core.Ids;
using Vanta.Testing.StandIn;

namespace Vanta.Http.Tests;

public sealed class PoliteHttpClientTests
{
    [Fact]
    public async Task A_fetched_document_carries_the_verbatim_bytes_source_url_type_clock_time_and_digest()
    {
        await using var h = new Harness();
        h.Server.Script("/doc.xml", StandInResponse.Text("<a>1</a>", "application/xml"));

        var fetched = Results.Fetched(await h.Fetch("/doc.xml?x=1", "sec-form4"));

        var document = fetched.Document;
        Assert.Equal("sec-form4", document.Source);
        Assert.Equal(h.Server.Url("/doc.xml?x=1").ToString(), document.Uri);
        Assert.Equal("application/xml", document.ContentType);
        Assert.Equal("<a>1</a>", Encoding.UTF8.GetString(document.Content));
        Assert.Equal(ContentHash.Sha256Hex(document.Content), document.Sha256);
        Assert.InRange(document.FetchedAt, Harness.Start, h.Clock.GetUtcNow());
        Assert.Single(fetched.Attempts);
    }

    [Fact]
    public async Task The_source_user_agent_is_sent()
    {
        await using var h = new Harness();
        h.Server.Script("/feed", StandInResponse.Text("<feed/>", "application/atom+xml"));

        await h.Fetch("/feed");

        Assert.Equal(Harness.SecAgent, Assert.Single(h.Server.Requests).Header("User-Agent"));
    }

    [Fact]
    public async Task Etag_and_last_modified_are_sent_back_and_a_304_is_not_modified()
    {
        await using var h = new Harness();
        const string lastModified = "Fri, 14 Jun 2024 20:00:00 GMT";
        h.Server.Script(
            "/feed",
            StandInResponse.Text("<feed/>", "application/atom+xml").WithHeader("ETag", "\"v1\"").WithHeader("Last-Modified", lastModified),
            StandInResponse.Empty(304).WithHeader("ETag", "\"v1\""));

        Results.Fetched(await h.Fetch("/feed"));
        var second = await h.Fetch("/feed");

        Assert.IsType<FetchResult.NotModified>(second);
        var requests = h.Server.Requests;
        Assert.Null(requests[0].Header("If-None-Match"));
        Assert.Equal("\"v1\"", requests[1].Header("If-None-Match"));
        Assert.Equal(lastModified, requests[1].Header("If-Modified-Since"));
        Assert.Single(h.Sink.Documents);
    }

    [Fact]
    public async Task A_429_with_retry_after_seconds_is_waited_out_then_the_document_is_returned()
    {
        await using var h = new Harness();
        h.Server.Script("/data", StandInResponse.TooManyRequests("7"), StandInResponse.Json("{}"));

        var fetched = Results.Fetched(await h.Fetch("/data"));

        Assert.Equal(2, fetched.Attempts.Count);
        Assert.Equal(nameof(FetchFailureKind.RateLimited), fetched.Attempts[0].Outcome);
        Assert.Equal(TimeSpan.FromSeconds(7), fetched.Attempts[0].DelayAfter);
        Assert.True(h.Clock.GetUtcNow() - Harness.Start >= TimeSpan.FromSeconds(7));
        Assert.Equal(2, h.Server.RequestsTo("/data").Count);
    }

    [Fact]
    public async Task A_429_with_an_http_date_retry_after_waits_until_that_date()
    {
        await using var h = new Harness();
        var until = Harness.Start.AddSeconds(30).ToString("R", CultureInfo.InvariantCulture);
        h.Server.Script("/data", StandInResponse.TooManyRequests(until), StandInResponse.Json("{}"));

        var fetched = Results.Fetched(await h.Fetch("/data"));

        var waited = fetched.Attempts[0].DelayAfter!.Value;
        // The date is counted from when the 429 was read, a little after the start in fake time.
        Assert.InRange(waited, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
        Assert.True(h.Clock.GetUtcNow() >= Harness.Start.AddSeconds(30));
    }

    [Fact]
    public async Task A_retry_after_beyond_the_limit_is_returned_as_a_retryable_failure_with_the_hint()
    {
        await using var h = new Harness();
        h.Server.Script("/data", StandInResponse.TooManyRequests("3600"), StandInResponse.Json("{}"));

        var failure = Results.Failed(await h.Fetch("/data"));

        Assert.Equal(FetchFailureKind.RateLimited, failure.Kind);
        Assert.Equal(FailureClass.Retryable, failure.Class);
        Assert.Equal(TimeSpan.FromHours(1), failure.RetryAfter);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task Server_errors_are_retried_up_to_the_bound_with_jittered_backoff_then_fail()
    {
        await using var h = new Harness(p => p with { Retry = new RetrySettings(MaxRetries: 2) });
        h.Server.Script("/data", StandInResponse.Empty(503));

        var result = await h.Fetch("/data");

        var failure = Results.Failed(result);
        Assert.Equal(FetchFailureKind.ServerError, failure.Kind);
        Assert.Equal(FailureClass.Retryable, failure.Class);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, failure.Status);
        Assert.Equal(3, result.Attempts.Count);
        Assert.Equal(3, h.Server.Requests.Count);
        Assert.All(result.Attempts.Take(2), a => Assert.InRange(a.DelayAfter!.Value, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(30)));
        Assert.Null(result.Attempts[2].DelayAfter);
        Assert.Empty(h.Sink.Documents);
    }

    [Fact]
    public async Task The_same_jitter_seed_gives_the_same_waits()
    {
        async Task<TimeSpan?[]> Delays()
        {
            await using var h = new Harness(p => p with { Retry = new RetrySettings(MaxRetries: 3) { JitterSeed = 99 } });
            h.Server.Script("/data", StandInResponse.Empty(500));
            var result = await h.Fetch("/data");
            return [.. result.Attempts.Select(a => a.DelayAfter)];
        }

        var first = await Delays();
        var second = await Delays();

        Assert.Equal(first, second);
        Assert.Equal(3, first.Count(d => d is not null));
    }

    [Theory]
    [InlineData(401, FetchFailureKind.Unauthorized, FailureClass.Fatal)]
    [InlineData(404, FetchFailureKind.ClientError, FailureClass.NonRetryable)]
    public async Task Client_errors_are_not_retried(int status, FetchFailureKind kind, FailureClass failureClass)
    {
        await using var h = new Harness();
        h.Server.Script("/data", StandInResponse.Json("{}", status));

        var failure = Results.Failed(await h.Fetch("/data"));

        Assert.Equal((kind, failureClass), (failure.Kind, failure.Class));
        Assert.Single(h.Server.Requests);
    }
}
