using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Alpaca;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Tests.Brokers.Common;
using Vanta.Testing.StandIn;
using static Vanta.Executor.Tests.Brokers.Alpaca.AlpacaHarness;

namespace Vanta.Executor.Tests.Brokers.Alpaca;

public sealed class AlpacaQueryTests
{
    [Fact]
    public async Task Order_status_is_read_by_client_order_id_including_a_partial_fill()
    {
        await using var alpaca = Start();
        await alpaca.Broker.SubmitAsync(Request(quantity: 10m));
        alpaca.Venue.Fill("vanta-c-0001", 3m, 187.10m);
        alpaca.Venue.Fill("vanta-c-0001", 1m, 187.50m);

        var order = (await alpaca.Broker.GetOrderAsync(new ClientOrderId("vanta-c-0001"))).GetValueOrThrow();

        Assert.Equal((OrderStatus.PartiallyFilled, 4m, 187.2m), (order.Status, order.FilledQuantity, order.AverageFillPrice));
        var lookup = Assert.Single(alpaca.Server.RequestsTo("/v2/orders:by_client_order_id"));
        Assert.Equal(("vanta-c-0001", FakeAlpacaVenue.KeyId, FakeAlpacaVenue.Secret),
            (lookup.QueryValue("client_order_id"), lookup.Header("APCA-API-KEY-ID"), lookup.Header("APCA-API-SECRET-KEY")));
    }

    [Fact]
    public async Task Unknown_client_order_id_is_not_found()
    {
        await using var alpaca = Start();

        var result = await alpaca.Broker.GetOrderAsync(new ClientOrderId("vanta-c-none"));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound, 404), (result.Error!.Class, result.Error.Code, result.Error.HttpStatus));
    }

    [Fact]
    public async Task Cancel_deletes_by_alpacas_id_and_returns_the_state_after()
    {
        await using var alpaca = Start();
        var placed = (await alpaca.Broker.SubmitAsync(Request())).GetValueOrThrow();

        var cancelled = (await alpaca.Broker.CancelAsync(new ClientOrderId("vanta-c-0001"))).GetValueOrThrow();

        var delete = Assert.Single(alpaca.Server.Requests, r => r.Method == "DELETE");
        Assert.Equal($"/v2/orders/{placed.VenueOrderId}", delete.Path);
        Assert.Equal(FakeAlpacaVenue.Secret, delete.Header("APCA-API-SECRET-KEY"));
        Assert.Equal((OrderStatus.Cancelled, placed.VenueOrderId), (cancelled.Status, cancelled.VenueOrderId));
        Assert.Equal("canceled", (string?)alpaca.Venue.Orders["vanta-c-0001"]["status"]);
    }

    [Fact]
    public async Task Cancel_that_alpaca_answers_422_is_not_cancelable()
    {
        await using var alpaca = Start();
        var placed = (await alpaca.Broker.SubmitAsync(Request())).GetValueOrThrow();
        // Filled between our look-up and the DELETE: only Alpaca can tell.
        alpaca.Venue.FailNext("DELETE", $"/v2/orders/{placed.VenueOrderId}", StandInResponse.Json("""{"code":42210000,"message":"order is not cancelable"}""", 422));

        var result = await alpaca.Broker.CancelAsync(new ClientOrderId("vanta-c-0001"));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotCancelable, 422), (result.Error!.Class, result.Error.Code, result.Error.HttpStatus));
        Assert.Contains("order is not cancelable", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_of_a_filled_order_is_not_cancelable_and_of_a_cancelled_one_returns_it_without_a_delete()
    {
        await using var alpaca = Start();
        await alpaca.Broker.SubmitAsync(Request("vanta-c-filled", quantity: 2m));
        alpaca.Venue.Fill("vanta-c-filled", 2m, 187m);
        alpaca.Venue.Seed("vanta-c-gone", status: "canceled");

        var filled = await alpaca.Broker.CancelAsync(new ClientOrderId("vanta-c-filled"));
        var gone = await alpaca.Broker.CancelAsync(new ClientOrderId("vanta-c-gone"));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotCancelable), (filled.Error!.Class, filled.Error.Code));
        Assert.Equal(OrderStatus.Cancelled, gone.GetValueOrThrow().Status);
        Assert.DoesNotContain(alpaca.Server.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Cancel_of_an_unknown_order_is_not_found()
    {
        await using var alpaca = Start();

        var result = await alpaca.Broker.CancelAsync(new ClientOrderId("vanta-c-none"));

        Assert.Equal(BrokerErrorCodes.NotFound, result.Error!.Code);
        Assert.DoesNotContain(alpaca.Server.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Open_orders_are_paged_by_time_window_without_losing_orders_that_share_the_boundary_time()
    {
        await using var alpaca = Start(o => o with { PageSize = 3 });
        var t = new DateTimeOffset(2024, 6, 14, 15, 0, 0, TimeSpan.Zero);
        alpaca.Venue.Seed("o1", submittedAt: t);
        alpaca.Venue.Seed("o2", submittedAt: t.AddSeconds(1));
        alpaca.Venue.Seed("o3", submittedAt: t.AddSeconds(2));
        alpaca.Venue.Seed("o4", submittedAt: t.AddSeconds(2));   // shares o3's time; the first page's limit cuts between them
        alpaca.Venue.Seed("o5", submittedAt: t.AddSeconds(3));
        alpaca.Venue.Seed("o6", submittedAt: t.AddSeconds(4));
        alpaca.Venue.Seed("done", status: "filled", submittedAt: t.AddSeconds(5));

        var open = (await alpaca.Broker.ListOpenOrdersAsync()).GetValueOrThrow();

        Assert.Equal(["o1", "o2", "o3", "o4", "o5", "o6"], open.Select(o => o.ClientOrderId.Value).Order(StringComparer.Ordinal));
        var pages = alpaca.Server.RequestsTo("/v2/orders").Where(r => r.Method == "GET").ToList();
        Assert.All(pages, p => Assert.Equal(("open", "3", "desc"), (p.QueryValue("status"), p.QueryValue("limit"), p.QueryValue("direction"))));
        Assert.Equal(
            [(null, null), ("2024-06-14T15:00:01.9999990Z", "2024-06-14T15:00:02.0000010Z"), (null, "2024-06-14T15:00:02.0000000Z")],
            pages.Select(p => (p.QueryValue("after"), p.QueryValue("until"))));
        Assert.Empty(alpaca.Venue.Violations);
    }

    [Fact]
    public async Task No_open_orders_is_an_empty_list_after_one_request()
    {
        await using var alpaca = Start();

        var open = (await alpaca.Broker.ListOpenOrdersAsync()).GetValueOrThrow();

        Assert.Empty(open);
        Assert.Equal("500", Assert.Single(alpaca.Server.RequestsTo("/v2/orders")).QueryValue("limit"));
    }

    [Fact]
    public async Task Positions_keep_the_sign_and_map_crypto_symbols_back()
    {
        await using var alpaca = Start();
        alpaca.Venue.Positions = """
            [{"asset_id":"b0b6dd9d-8b9b-48a9-ba46-b9d54906e415","symbol":"AAPL","exchange":"NASDAQ","asset_class":"us_equity","avg_entry_price":"187.25",
              "qty":"10","qty_available":"10","side":"long","market_value":"1900.1","cost_basis":"1872.5","unrealized_pl":"27.6","current_price":"190.01"},
             {"asset_id":"6b6d5c0e-0000-4000-8000-000000000002","symbol":"TSLA","exchange":"NASDAQ","asset_class":"us_equity","avg_entry_price":"250",
              "qty":"-5","side":"short","market_value":"-1200","cost_basis":"-1250"},
             {"asset_id":"64bbff51-59d6-4b3c-9351-13ad85e3c752","symbol":"BTCUSD","exchange":"CRYPTO","asset_class":"crypto","avg_entry_price":"64000.5",
              "qty":"0.0125","side":"long","market_value":"812.5","asset_marginable":false}]
            """;

        var positions = (await alpaca.Broker.GetPositionsAsync()).GetValueOrThrow();

        Assert.Equal(
            [new BrokerPosition("AAPL", 10m, 187.25m, 1900.1m), new BrokerPosition("TSLA", -5m, 250m, -1200m), new BrokerPosition("BTC-USD", 0.0125m, 64000.5m, 812.5m)],
            positions);
    }

    [Fact]
    public async Task Account_balances_are_read_from_decimal_strings()
    {
        await using var alpaca = Start();

        var account = (await alpaca.Broker.GetAccountAsync()).GetValueOrThrow();

        Assert.Equal(new BrokerAccount("PA3ABCDEF1", "USD", 25000.5m, 31000.25m, 50001.00m), account);
    }

    [Fact]
    public async Task A_get_answered_500_is_retried_by_the_transport_then_succeeds()
    {
        await using var alpaca = Start(o => o with { });
        alpaca.Venue.FailNext("GET", "/v2/account", StandInResponse.Json("""{"code":50010000,"message":"internal server error"}""", 500));

        var account = await alpaca.Broker.GetAccountAsync();

        Assert.True(account.IsSuccess, account.Error?.ToString());
        Assert.Equal(2, alpaca.Server.RequestsTo("/v2/account").Count);
    }

    [Fact]
    public async Task A_numeric_decimal_or_a_bad_value_is_malformed_naming_the_field()
    {
        await using var alpaca = Start();
        alpaca.Venue.Account = """{"id":"x","account_number":"PA1","currency":"USD","cash":1000,"equity":"1","buying_power":"1"}""";
        var numeric = await alpaca.Broker.GetAccountAsync();
        alpaca.Venue.Account = """{"id":"x","account_number":"PA1","currency":"USD","cash":"1,000","equity":"1","buying_power":"1"}""";
        var comma = await alpaca.Broker.GetAccountAsync();

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse), (numeric.Error!.Class, numeric.Error.Code));
        Assert.Contains("$.cash", numeric.Error.Message, StringComparison.Ordinal);
        Assert.Equal("alpaca: GET /v2/account answered something Vanta cannot read: cash is not a decimal string (was \"1,000\")", comma.Error!.Message);
    }

    [Fact]
    public async Task Requests_are_spaced_to_200_a_minute_on_the_injected_clock()
    {
        var clock = new WatchedClock();
        await using var alpaca = Start(o => o with { RateLimit = AlpacaOptions.Paper.RateLimit }, time: clock);

        await alpaca.Broker.GetAccountAsync();
        var second = alpaca.Broker.GetAccountAsync();
        await clock.WaitStartedAsync(TimeSpan.FromMilliseconds(300));
        clock.Advance(TimeSpan.FromMilliseconds(299));
        await Task.Delay(100);
        Assert.Single(alpaca.Server.Requests);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await second.WaitAsync(TimeSpan.FromSeconds(10))).IsSuccess);
        Assert.Equal(2, alpaca.Server.Requests.Count);
    }

    [Fact]
    public async Task A_spent_request_budget_waits_until_alpacas_reset_before_the_next_request()
    {
        var clock = new WatchedClock();
        await using var alpaca = Start(time: clock);
        var reset = clock.GetUtcNow().AddSeconds(5).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        alpaca.Venue.FailNext("GET", "/v2/account", StandInResponse.Json(alpaca.Venue.Account)
            .WithHeader("X-RateLimit-Limit", "200").WithHeader("X-RateLimit-Remaining", "0").WithHeader("X-RateLimit-Reset", reset));

        Assert.True((await alpaca.Broker.GetAccountAsync()).IsSuccess);
        var next = alpaca.Broker.GetPositionsAsync();
        await clock.WaitStartedAsync(TimeSpan.FromSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(4.9));
        await Task.Delay(100);
        Assert.Empty(alpaca.Server.RequestsTo("/v2/positions"));

        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True((await next.WaitAsync(TimeSpan.FromSeconds(10))).IsSuccess);
        Assert.Single(alpaca.Server.RequestsTo("/v2/positions"));
    }
}
