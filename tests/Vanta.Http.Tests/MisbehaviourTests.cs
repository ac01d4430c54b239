using Vanta.Core.Domain;
using Vanta.Testing;
using Vanta.Testing.StandIn;

namespace Vanta.Http.Tests;

/// <summary>Answers that must never become documents.</summary>
public sealed class MisbehaviourTests
{
    [Fact]
    public async Task A_body_cut_short_of_its_length_is_a_retryable_failure_not_a_document()
    {
        await using var h = new Harness(p => p with { Retry = new RetrySettings(MaxRetries: 1) });
        h.Server.Script("/data", StandInResponse.Json(new string(' ', 5000) + "{}") with { TruncateAfterBytes = 100 });

        var result = await h.Fetch("/data");

        var failure = Results.Failed(result);
        Assert.Equal(FetchFailureKind.TruncatedBody, failure.Kind);
        Assert.Equal(FailureClass.Retryable, failure.Class);
        Assert.Equal(2, result.Attempts.Count);
        Assert.Empty(h.Sink.Documents);
    }

    [Fact]
    public async Task A_slow_body_times_out_per_attempt_and_is_a_timeout_failure()
    {
        await using var h = new Harness(p => p with { AttemptTimeout = TimeSpan.FromSeconds(5), Retry = new RetrySettings(MaxRetries: 1) });
        h.Server.Script("/data", StandInResponse.Json("{}") with { BodyDelay = TimeSpan.FromMinutes(5) });

        var result = await h.Fetch("/data");

        var failure = Results.Failed(result);
        Assert.Equal(FetchFailureKind.Timeout, failure.Kind);
        Assert.Equal(FailureClass.Retryable, failure.Class);
        Assert.Equal(2, h.Server.Requests.Count);
        Assert.Empty(h.Sink.Documents);
    }

    [Fact]
    public async Task The_total_timeout_bounds_retries_and_their_waits()
    {
        await using var h = new Harness(p => p with
        {
            TotalTimeout = TimeSpan.FromSeconds(20),
            Retry = new RetrySettings(MaxRetries: 10) { BaseDelay = TimeSpan.FromSeconds(8), MaxDelay = TimeSpan.FromSeconds(8) },
        });
        h.Server.Script("/data", StandInResponse.Empty(502));

        var failure = Results.Failed(await h.Fetch("/data"));

        Assert.Equal(FetchFailureKind.Timeout, failure.Kind);
        Assert.InRange(h.Server.Requests.Count, 2, 5);
    }

    [SharedDataFact]
    public async Task The_sec_rate_limit_page_is_a_rate_limited_failure_with_the_block_backoff()
    {
        await using var h = new Harness();
        h.Server.Script("/feed", StandInResponse.Bytes(SharedData.Bytes("sec/feeds/sec_rate_limit_exceeded_page.html"), "text/html", 403));

        var failure = Results.Failed(await h.Fetch("/feed"));

        Assert.Equal(FetchFailureKind.RateLimited, failure.Kind);
        Assert.Equal(FailureClass.Retryable, failure.Class);
        Assert.Equal(TimeSpan.FromMinutes(10), failure.RetryAfter);
        // Retrying inside the block would extend it: one request only.
        Assert.Single(h.Server.Requests);
        Assert.Empty(h.Sink.Documents);
    }

    [SharedDataFact]
    public async Task The_edgar_maintenance_page_is_a_maintenance_failure_even_with_status_200()
    {
        await using var h = new Harness();
        h.Server.Script("/feed", StandInResponse.Bytes(SharedData.Bytes("sec/feeds/getcurrent_past_end_maintenance_page.html"), "text/html"));

        var failure = Results.Failed(await h.Fetch("/feed"));

        Assert.Equal(FetchFailureKind.Maintenance, failure.Kind);
        Assert.Equal(FailureClass.Retryable, failure.Class);
        Assert.NotNull(failure.RetryAfter);
        Assert.Empty(h.Sink.Documents);
    }

    [Fact]
    public async Task Html_where_json_was_expected_is_unexpected_content()
    {
        await using var h = new Harness(p => p with { Expected = ExpectedContent.Json });
        h.Server.Script("/api", StandInResponse.Text("<!DOCTYPE html><html><body>Sign in</body></html>", "text/html"));

        var failure = Results.Failed(await h.Fetch("/api"));

        Assert.Equal((FetchFailureKind.UnexpectedContent, FailureClass.NonRetryable), (failure.Kind, failure.Class));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_20_mb_body_is_refused(bool omitLength)
    {
        await using var h = new Harness();
        var body = new byte[20 * 1024 * 1024];
        h.Server.Script("/big", StandInResponse.Bytes(body, "application/json") with { OmitContentLength = omitLength });

        var failure = Results.Failed(await h.Fetch("/big"));

        Assert.Equal((FetchFailureKind.BodyTooLarge, FailureClass.NonRetryable), (failure.Kind, failure.Class));
        Assert.Contains("10485760-byte limit", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(h.Sink.Documents);
    }

    [Fact]
    public async Task The_sink_has_the_document_before_the_caller_gets_it()
    {
        var sink = new GatedSink();
        await using var h = new Harness(sink: sink);
        h.Server.Script("/doc", StandInResponse.Json("{}"));

        var fetch = h.Client.FetchAsync(new FetchRequest("doc", h.Server.Url("/doc")));
        var journaled = await sink.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(fetch.IsCompleted);
        sink.Release.SetResult();

        Assert.Same(journaled, Results.Fetched(await fetch).Document);
    }

    [Fact]
    public async Task Secrets_in_query_and_authorization_never_appear_in_documents_or_failures()
    {
        await using var h = new Harness(p => p with { SecretQueryParameters = ["api_key"], Retry = new RetrySettings(MaxRetries: 1) });
        h.Server.Script("/obs", StandInResponse.Json("{}"), StandInResponse.Empty(500));
        var request = new FetchRequest("fred", h.Server.Url("/obs?series_id=DGS10&api_key=abcdef0123456789"))
        {
            Headers = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("Authorization", "bearer tok-SECRET-1"),
        };

        var fetched = Results.Fetched(await h.RunAsync(h.Client.FetchAsync(request)));
        var failed = Results.Failed(await h.RunAsync(h.Client.FetchAsync(request)));

        Assert.EndsWith("?series_id=DGS10&api_key=***", fetched.Document.Uri, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdef0123456789", failed.Uri + failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-SECRET-1", failed.Uri + failed.Reason, StringComparison.Ordinal);
        Assert.Equal("abcdef0123456789", h.Server.Requests[0].QueryValue("api_key"));
    }

    private sealed class GatedSink : IRawDocumentSink
    {
        public TaskCompletionSource<RawDocument> Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask AcceptAsync(RawDocument document, CancellationToken cancellationToken)
        {
            Entered.SetResult(document);
            await Release.Task;
        }
    }
}

/// <summary>A fact that needs ../shared/data, skipped with the reason when it is absent.</summary>
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute() => Skip = SharedData.Missing;
}
