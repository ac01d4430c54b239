using Vanta.Executor.Brokers.Common;
using Vanta.Http;
using Vanta.Testing.StandIn;

namespace Vanta.Executor.Tests.Brokers.Common;

public sealed class BrokerHttpTests : IAsyncDisposable
{
    private const string Secret = "top-secret-token-1234567890";

    private readonly StandInServer _server = StandInServer.Start();
    private readonly HttpClient _client = new();

    [Fact]
    public async Task Idempotent_get_is_retried_after_a_5xx()
    {
        _server.Script("/v1/thing", StandInResponse.Empty(503), StandInResponse.Json("""{"ok":true}"""));

        var result = await Http().SendAsync(BrokerHttpRequest.Get("v1/thing"));

        Assert.Equal((200, """{"ok":true}"""), (result.GetValueOrThrow().Status, result.Value!.Body));
        Assert.Equal(2, _server.RequestsTo("/v1/thing").Count);
    }

    [Fact]
    public async Task Post_is_never_resent_by_the_transport()
    {
        _server.Script("/v1/orders", StandInResponse.Empty(503), StandInResponse.Json("{}"));

        var result = await Http().SendAsync(BrokerHttpRequest.Json(HttpMethod.Post, "v1/orders", "{}"));

        Assert.Equal(503, result.GetValueOrThrow().Status);
        Assert.Single(_server.RequestsTo("/v1/orders"));
    }

    [Fact]
    public async Task Retry_after_is_waited_out_on_the_injected_clock()
    {
        var clock = new WatchedClock();
        _server.Script("/v1/thing", StandInResponse.TooManyRequests("3"), StandInResponse.Json("{}"));
        var http = Http(clock);

        var send = http.SendAsync(BrokerHttpRequest.Get("v1/thing"));
        await clock.WaitStartedAsync(TimeSpan.FromSeconds(3));
        Assert.Single(_server.RequestsTo("/v1/thing"));
        clock.Advance(TimeSpan.FromMilliseconds(2900));
        await Task.Delay(100);
        Assert.Single(_server.RequestsTo("/v1/thing"));

        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(200, (await send.WaitAsync(TimeSpan.FromSeconds(10))).GetValueOrThrow().Status);
        Assert.Equal(2, _server.RequestsTo("/v1/thing").Count);
    }

    [Fact]
    public async Task Retry_after_beyond_the_maximum_is_returned_not_waited()
    {
        _server.Script("/v1/thing", StandInResponse.TooManyRequests("600"), StandInResponse.Json("{}"));
        var http = Http();

        var response = (await http.SendAsync(BrokerHttpRequest.Get("v1/thing"))).GetValueOrThrow();
        var error = http.Classify(response)!;

        Assert.Equal((BrokerErrorClass.Retryable, BrokerErrorCodes.RateLimited, TimeSpan.FromMinutes(10)), (error.Class, error.Code, error.RetryAfter));
        Assert.Single(_server.RequestsTo("/v1/thing"));
    }

    [Fact]
    public async Task An_attempt_past_the_timeout_is_a_retryable_timeout_with_unknown_outcome()
    {
        _server.Map("/v1/orders", _ => StandInResponse.Json("{}") with { HeaderDelay = TimeSpan.FromSeconds(2) });

        var result = await Http(options: o => o with { Timeout = TimeSpan.FromMilliseconds(200) })
            .SendAsync(BrokerHttpRequest.Json(HttpMethod.Post, "v1/orders", "{}"));

        Assert.Equal((BrokerErrorClass.Retryable, BrokerErrorCodes.Timeout), (result.Error!.Class, result.Error.Code));
        Assert.Equal("test: POST v1/orders timed out after 0.2 s; its outcome is unknown", result.Error.Message);
    }

    [Fact]
    public async Task A_body_cut_short_is_a_retryable_lost_connection_not_an_exception()
    {
        _server.Map("/v1/orders", _ => StandInResponse.Json("""{"id":"0123456789","status":"new"}""") with { TruncateAfterBytes = 8 });

        var result = await Http().SendAsync(BrokerHttpRequest.Json(HttpMethod.Post, "v1/orders", "{}"));

        Assert.Equal((BrokerErrorClass.Retryable, BrokerErrorCodes.ConnectionLost), (result.Error!.Class, result.Error.Code));
        Assert.Single(_server.RequestsTo("/v1/orders"));
    }

    [Theory]
    [InlineData(401, BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized)]
    [InlineData(404, BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound)]
    [InlineData(400, BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest)]
    [InlineData(502, BrokerErrorClass.Retryable, BrokerErrorCodes.Unavailable)]
    public async Task Shared_statuses_are_classified(int status, BrokerErrorClass kind, string code)
    {
        _server.Map("/v1/thing", _ => StandInResponse.Json("""{"message":"no"}""", status));
        var http = Http(options: o => o with { MaxRetries = 0 });

        var error = http.Classify((await http.SendAsync(BrokerHttpRequest.Get("v1/thing"))).GetValueOrThrow())!;

        Assert.Equal((kind, code, status), (error.Class, error.Code, error.HttpStatus));
    }

    [Fact]
    public async Task Secrets_are_masked_in_classified_errors_and_headers_are_sent()
    {
        _server.Map("/v1/thing", r => StandInResponse.Json($$"""{"message":"bad token {{r.Header("X-Token")}}"}""", 401));
        var http = Http();

        var response = (await http.SendAsync(BrokerHttpRequest.Get("v1/thing").WithHeader("X-Token", Secret))).GetValueOrThrow();
        var error = http.Classify(response)!;

        Assert.Equal(Secret, Assert.Single(_server.RequestsTo("/v1/thing")).Header("X-Token"));
        Assert.Equal("test answered HTTP 401: {\"message\":\"bad token ***\"}", error.Message);
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private BrokerHttp Http(TimeProvider? time = null, Func<BrokerHttpOptions, BrokerHttpOptions>? options = null)
    {
        var baseline = new BrokerHttpOptions("test", _server.BaseUri)
        {
            RateLimit = new RateLimit(1000, TimeSpan.FromSeconds(1)),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            Secrets = [Secret],
        };
        return new BrokerHttp(options?.Invoke(baseline) ?? baseline, _client, time ?? TimeProvider.System);
    }
}
