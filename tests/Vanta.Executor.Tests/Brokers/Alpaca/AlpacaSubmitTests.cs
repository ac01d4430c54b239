using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Tests.Brokers.Common;
using Vanta.Testing.StandIn;
using static Vanta.Executor.Tests.Brokers.Alpaca.AlpacaHarness;

namespace Vanta.Executor.Tests.Brokers.Alpaca;

public sealed class AlpacaSubmitTests
{
    [Fact]
    public async Task Submit_posts_alpaca_json_with_string_decimals_credentials_and_our_client_order_id()
    {
        await using var alpaca = Start();

        var result = await alpaca.Broker.SubmitAsync(Request(quantity: 10m, limit: 187.50m));

        var post = Assert.Single(alpaca.Posts);
        Assert.Equal((FakeAlpacaVenue.KeyId, FakeAlpacaVenue.Secret), (post.Header("APCA-API-KEY-ID"), post.Header("APCA-API-SECRET-KEY")));
        Assert.StartsWith("application/json", post.Header("Content-Type"), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(post.BodyText);
        var fields = body.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (p.Value.ValueKind, p.Value.ToString()));
        Assert.Equal(new Dictionary<string, (JsonValueKind, string)>
        {
            ["symbol"] = (JsonValueKind.String, "AAPL"),
            ["qty"] = (JsonValueKind.String, "10"),
            ["side"] = (JsonValueKind.String, "buy"),
            ["type"] = (JsonValueKind.String, "limit"),
            ["time_in_force"] = (JsonValueKind.String, "day"),
            ["limit_price"] = (JsonValueKind.String, "187.5"),
            ["client_order_id"] = (JsonValueKind.String, "vanta-c-0001"),
        }, fields);
        Assert.Empty(alpaca.Venue.Violations);

        var order = result.GetValueOrThrow();
        var held = alpaca.Venue.Orders["vanta-c-0001"];
        Assert.Equal((string)held["id"]!, order.VenueOrderId);
        Assert.Equal(("vanta-c-0001", "AAPL", OrderSide.Buy, OrderType.Limit, 10m, 187.5m, OrderStatus.Accepted, 0m),
            (order.ClientOrderId.Value, order.Symbol, order.Side, order.Type, order.Quantity, order.LimitPrice, order.Status, order.FilledQuantity));
        Assert.Null(order.AverageFillPrice);
        Assert.Equal(new DateTimeOffset(2024, 6, 14, 14, 31, 2, 1, TimeSpan.Zero), order.UpdatedAt);
    }

    [Fact]
    public async Task Market_order_has_no_limit_price_and_crypto_pairs_use_alpaca_symbols()
    {
        await using var alpaca = Start();

        var result = await alpaca.Broker.SubmitAsync(Request("vanta-c-btc", "BTC-USD", type: OrderType.Market, quantity: 0.0125m, timeInForce: TimeInForce.Gtc));

        using var body = JsonDocument.Parse(Assert.Single(alpaca.Posts).BodyText);
        Assert.False(body.RootElement.TryGetProperty("limit_price", out _));
        Assert.Equal(("BTC/USD", "0.0125", "market", "gtc"), (body.RootElement.GetProperty("symbol").GetString(), body.RootElement.GetProperty("qty").GetString(),
            body.RootElement.GetProperty("type").GetString(), body.RootElement.GetProperty("time_in_force").GetString()));
        Assert.Equal(("BTC-USD", 0.0125m, OrderType.Market), (result.GetValueOrThrow().Symbol, result.Value!.Quantity, result.Value.Type));
        Assert.Empty(alpaca.Venue.Violations);
    }

    [Theory]
    [InlineData("AAPL", 0, 10, TimeInForce.Day, "quantity must be positive (was 0)")]
    [InlineData("AAPL", 5, 0, TimeInForce.Day, "a limit order needs a positive limit price (was 0)")]
    [InlineData("ETH-USD", 1, 3000, TimeInForce.Day, "crypto orders take time in force gtc at Alpaca (was Day)")]
    public async Task Request_alpaca_would_refuse_is_invalid_without_being_sent(string symbol, int quantity, int limit, TimeInForce tif, string problem)
    {
        await using var alpaca = Start();

        var result = await alpaca.Broker.SubmitAsync(Request(symbol: symbol, quantity: quantity, limit: limit, timeInForce: tif));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest), (result.Error!.Class, result.Error.Code));
        Assert.Equal($"alpaca: order vanta-c-0001 for {symbol}: {problem}", result.Error.Message);
        Assert.Empty(alpaca.Server.Requests);
    }

    [Fact]
    public async Task Insufficient_buying_power_403_is_a_non_retryable_rejection_with_alpacas_message()
    {
        await using var alpaca = Start();
        alpaca.Venue.BuyingPower = 1000m;

        var result = await alpaca.Broker.SubmitAsync(Request(quantity: 10m, limit: 187.5m));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected, 403), (result.Error!.Class, result.Error.Code, result.Error.HttpStatus));
        Assert.Equal("alpaca: POST /v2/orders answered HTTP 403: insufficient buying power (alpaca code 40310000)", result.Error.Message);
        Assert.Empty(alpaca.Venue.Orders);
        Assert.Single(alpaca.Posts);
    }

    [Fact]
    public async Task Invalid_parameters_422_is_a_non_retryable_invalid_request()
    {
        await using var alpaca = Start();
        alpaca.Venue.FailNext("POST", "/v2/orders", StandInResponse.Json("""{"code":42210000,"message":"invalid limit_price 290.123. sub-penny increment does not fulfill minimum pricing criteria"}""", 422));

        var result = await alpaca.Broker.SubmitAsync(Request(limit: 290.123m));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest, 422), (result.Error!.Class, result.Error.Code, result.Error.HttpStatus));
        Assert.Contains("sub-penny increment", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("42210000", result.Error.Message, StringComparison.Ordinal);
        Assert.Single(alpaca.Posts);
    }

    [Fact]
    public async Task Wrong_credentials_are_fatal_and_no_secret_reaches_the_message()
    {
        await using var alpaca = Start(credentials: new("PKWRONGKEY0000000000", "wrong-secret-value-that-must-not-leak"));

        var result = await alpaca.Broker.SubmitAsync(Request());

        Assert.Equal((BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized, 401), (result.Error!.Class, result.Error.Code, result.Error.HttpStatus));
        Assert.Contains("request is not authorized", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value-that-must-not-leak", result.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PKWRONGKEY0000000000", result.Error.ToString(), StringComparison.Ordinal);
        Assert.Single(alpaca.Posts);
    }

    [Fact]
    public async Task Venue_echoing_a_secret_in_an_error_body_is_masked()
    {
        await using var alpaca = Start();
        alpaca.Venue.FailNext("POST", "/v2/orders",
            StandInResponse.Json($$"""{"code":42210000,"message":"bad key {{FakeAlpacaVenue.KeyId}} / {{FakeAlpacaVenue.Secret}}"}""", 422));

        var result = await alpaca.Broker.SubmitAsync(Request());

        Assert.DoesNotContain(FakeAlpacaVenue.Secret, result.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAlpacaVenue.KeyId, result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("bad key *** / ***", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_client_order_id_returns_the_order_alpaca_already_holds()
    {
        await using var alpaca = Start();
        var first = (await alpaca.Broker.SubmitAsync(Request())).GetValueOrThrow();
        alpaca.Venue.Fill("vanta-c-0001", 4m, 187.40m);

        var again = await alpaca.Broker.SubmitAsync(Request());

        Assert.Equal(2, alpaca.Posts.Count);
        Assert.Single(alpaca.Venue.Orders);
        var order = again.GetValueOrThrow();
        Assert.Equal((first.VenueOrderId, OrderStatus.PartiallyFilled, 4m, 187.40m), (order.VenueOrderId, order.Status, order.FilledQuantity, order.AverageFillPrice));
    }

    [Fact]
    public async Task Duplicate_client_order_id_used_by_a_different_order_is_an_error_not_a_success()
    {
        await using var alpaca = Start();
        alpaca.Venue.Seed("vanta-c-0001", symbol: "MSFT", qty: 3m);

        var result = await alpaca.Broker.SubmitAsync(Request());

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest), (result.Error!.Class, result.Error.Code));
        Assert.Contains("already used at Alpaca by a different order (Buy 3 MSFT Market", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_whose_answer_times_out_finds_the_order_and_the_venue_holds_exactly_one()
    {
        await using var alpaca = Start(o => o with { Timeout = TimeSpan.FromSeconds(1) });
        alpaca.Venue.DistortNextSubmit(r => r with { HeaderDelay = TimeSpan.FromSeconds(5) });

        var result = await alpaca.Broker.SubmitAsync(Request());

        var order = result.GetValueOrThrow();
        Assert.Single(alpaca.Posts);
        Assert.Equal((string)Assert.Single(alpaca.Venue.Orders).Value["id"]!, order.VenueOrderId);
        Assert.Single(alpaca.Server.RequestsTo("/v2/orders:by_client_order_id"), r => r.QueryValue("client_order_id") == "vanta-c-0001");
    }

    [Fact]
    public async Task Submit_whose_connection_drops_mid_answer_finds_the_order_without_a_second_send()
    {
        await using var alpaca = Start();
        alpaca.Venue.DistortNextSubmit(r => r with { TruncateAfterBytes = 25 });

        var result = await alpaca.Broker.SubmitAsync(Request());

        Assert.Equal(OrderStatus.Accepted, result.GetValueOrThrow().Status);
        Assert.Single(alpaca.Posts);
        Assert.Single(alpaca.Venue.Orders);
    }

    [Fact]
    public async Task Submit_answered_500_that_alpaca_never_took_is_sent_once_more()
    {
        await using var alpaca = Start();
        alpaca.Venue.FailNext("POST", "/v2/orders", StandInResponse.Json("""{"code":50010000,"message":"internal server error"}""", 500));

        var result = await alpaca.Broker.SubmitAsync(Request());

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(2, alpaca.Posts.Count);
        Assert.Single(alpaca.Venue.Orders);
        Assert.Equal(["GET", "POST", "POST"], alpaca.Server.Requests.Select(r => r.Method).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Submit_answered_500_after_alpaca_took_it_is_found_not_resent()
    {
        await using var alpaca = Start();
        alpaca.Venue.DistortNextSubmit(_ => StandInResponse.Json("""{"code":50010000,"message":"upstream timeout"}""", 502));

        var result = await alpaca.Broker.SubmitAsync(Request());

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Single(alpaca.Posts);
        Assert.Single(alpaca.Venue.Orders);
    }

    [Fact]
    public async Task Unknown_outcome_whose_lookup_also_fails_stays_retryable_and_is_not_resent()
    {
        await using var alpaca = Start(o => o with { Timeout = TimeSpan.FromSeconds(1) });
        alpaca.Venue.DistortNextSubmit(r => r with { HeaderDelay = TimeSpan.FromSeconds(5) });
        var down = StandInResponse.Json("""{"code":50310000,"message":"service unavailable"}""", 503);
        alpaca.Venue.FailNext("GET", "/v2/orders:by_client_order_id", down, down, down);

        var result = await alpaca.Broker.SubmitAsync(Request());

        Assert.Equal((BrokerErrorClass.Retryable, BrokerErrorCodes.Timeout), (result.Error!.Class, result.Error.Code));
        Assert.Contains("outcome is unknown; looking it up failed too", result.Error.Message, StringComparison.Ordinal);
        Assert.Single(alpaca.Posts);
        Assert.Equal(3, alpaca.Server.RequestsTo("/v2/orders:by_client_order_id").Count);
    }

    [Fact]
    public async Task Rate_limited_submit_waits_the_retry_after_on_the_clock_then_sends_once_more()
    {
        var clock = new WatchedClock();
        await using var alpaca = Start(time: clock);
        alpaca.Venue.FailNext("POST", "/v2/orders", StandInResponse.TooManyRequests("3").WithHeader("X-RateLimit-Remaining", "0"));

        var submit = alpaca.Broker.SubmitAsync(Request());
        await clock.WaitStartedAsync(TimeSpan.FromSeconds(3));   // not the 2 s attempt timeout: the Retry-After wait
        Assert.Single(alpaca.Posts);
        clock.Advance(TimeSpan.FromMilliseconds(2900));
        await Task.Delay(100);
        Assert.Single(alpaca.Posts);
        Assert.False(submit.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(100));
        var result = await submit.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(2, alpaca.Posts.Count);
        Assert.Single(alpaca.Venue.Orders);
    }

    [Fact]
    public async Task Rate_limited_submit_with_a_wait_beyond_the_maximum_is_returned_retryable_with_the_wait()
    {
        await using var alpaca = Start();
        alpaca.Venue.FailNext("POST", "/v2/orders", StandInResponse.TooManyRequests("120"));

        var result = await alpaca.Broker.SubmitAsync(Request());

        Assert.Equal((BrokerErrorClass.Retryable, BrokerErrorCodes.RateLimited, TimeSpan.FromSeconds(120)), (result.Error!.Class, result.Error.Code, result.Error.RetryAfter));
        Assert.Single(alpaca.Posts);
    }

    [Fact]
    public async Task Rejected_status_in_a_200_answer_is_a_rejection()
    {
        await using var alpaca = Start();
        alpaca.Venue.DistortNextSubmit(r => StandInResponse.Json(System.Text.Encoding.UTF8.GetString(r.Body).Replace("\"status\":\"new\"", "\"status\":\"rejected\"", StringComparison.Ordinal)));

        var result = await alpaca.Broker.SubmitAsync(Request());

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected), (result.Error!.Class, result.Error.Code));
        Assert.StartsWith("alpaca: order vanta-c-0001 (Alpaca 00000000-0000-4000-8000-000000000001) was rejected", result.Error.Message, StringComparison.Ordinal);
    }
}
