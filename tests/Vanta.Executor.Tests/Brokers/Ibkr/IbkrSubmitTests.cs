using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Vanta.Core.Domain;
using Vanta.Executor.Brokers.Common;
using Vanta.Testing.StandIn;
using static Vanta.Executor.Tests.Brokers.Common.BrokerAssert;
using static Vanta.Executor.Tests.Brokers.Ibkr.IbkrFixture;

namespace Vanta.Executor.Tests.Brokers.Ibkr;

public sealed class IbkrSubmitTests
{
    [Fact]
    public async Task Limit_order_goes_out_as_a_one_ticket_array_with_case_sensitive_names_after_the_session_call()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();

        var order = (await Broker(venue, http).SubmitAsync(Limit())).GetValueOrThrow();

        var post = Assert.Single(venue.Server.Requests, r => r.Method == "POST");
        Assert.Equal($"/v1/api/iserver/account/{IbkrVenue.Account}/orders", post.Path);
        Assert.Equal(
            $$"""[{"acctId":"{{IbkrVenue.Account}}","conid":265598,"orderType":"LMT","side":"BUY","price":187.5,"quantity":10,"tif":"DAY","cOID":"{{Cid}}","outsideRTH":false}]""",
            post.BodyText);
        Assert.Equal("/v1/api/iserver/accounts", venue.Server.Requests[0].Path);
        Assert.Empty(venue.Violations);
        var placed = Assert.Single(venue.Orders);
        Assert.Equal((placed.Id.ToString(CultureInfo.InvariantCulture), Cid, "AAPL", OrderStatus.Accepted, OrderType.Limit, 10m, OrderSide.Buy),
            (order.VenueOrderId, order.ClientOrderId, order.Symbol, order.Status, order.Type, order.Quantity, order.Side));
    }

    [Fact]
    public async Task Market_order_has_no_price_and_the_conid_is_resolved_once()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        var broker = Broker(venue, http);

        await broker.SubmitAsync(Market());
        await broker.SubmitAsync(Limit(new("vanta-second")));

        Assert.Single(venue.Server.Requests, r => r.Path == "/v1/api/trsrv/stocks");
        Assert.Equal("AAPL", venue.Server.Requests.First(r => r.Path == "/v1/api/trsrv/stocks").QueryValue("symbols"));
        using var ticket = JsonDocument.Parse(venue.Server.Requests.First(r => r.Method == "POST").BodyText);
        Assert.False(ticket.RootElement[0].TryGetProperty("price", out _));
        Assert.Equal(("MKT", "SELL", "GTC"), (ticket.RootElement[0].GetProperty("orderType").GetString(), ticket.RootElement[0].GetProperty("side").GetString(), ticket.RootElement[0].GetProperty("tif").GetString()));
        Assert.Equal(2, venue.Orders.Count);
        Assert.Empty(venue.Violations);
    }

    [Theory]
    [InlineData("""{"ZZZZ": []}""", "no US stock contract for symbol ZZZZ")]
    [InlineData("""{"ZZZZ": [{"assetClass": "STK", "contracts": [{"conid": 1, "isUS": true}]}, {"assetClass": "STK", "contracts": [{"conid": 2, "isUS": true}]}]}""", "several US stock contracts for symbol ZZZZ (1, 2)")]
    public async Task A_symbol_without_exactly_one_us_stock_contract_is_refused_before_any_order(string stocks, string why)
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.StocksJson = stocks;

        var error = Failed(await Broker(venue, http).SubmitAsync(Limit(symbol: "ZZZZ")));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest), (error.Class, error.Code));
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(venue.Server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_pinned_conid_skips_the_lookup()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        var broker = Broker(venue, http, o => o with { Conids = o.Conids.Add("AAPL", 265598) });

        (await broker.SubmitAsync(Limit())).GetValueOrThrow();

        Assert.DoesNotContain(venue.Server.Requests, r => r.Path.StartsWith("/v1/api/trsrv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_allowed_question_is_confirmed_and_the_order_placed()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.NextQuestions.Add(new Question("o163", PriceQuestion));

        var order = (await Broker(venue, http).SubmitAsync(Limit())).GetValueOrThrow();

        var reply = Assert.Single(venue.Server.Requests, r => r.Path.StartsWith("/v1/api/iserver/reply/", StringComparison.Ordinal));
        Assert.Equal("/v1/api/iserver/reply/3f0c9a52-7d1e-4b6a-9e2f-000000000001", reply.Path);
        Assert.Equal("""{"confirmed":true}""", reply.BodyText);
        Assert.Equal(Assert.Single(venue.Orders).Id.ToString(CultureInfo.InvariantCulture), order.VenueOrderId);
        Assert.Empty(venue.Violations);
    }

    [Fact]
    public async Task Two_allowed_questions_are_confirmed_in_turn()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.NextQuestions.AddRange([new Question("o163", PriceQuestion), new Question("o354", MarginQuestion)]);

        (await Broker(venue, http).SubmitAsync(Limit())).GetValueOrThrow();

        var replies = venue.Server.Requests.Where(r => r.Path.StartsWith("/v1/api/iserver/reply/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["000000000001", "000000000002"], replies.Select(r => r.Path[^12..]));
        Assert.All(replies, r => Assert.Equal("""{"confirmed":true}""", r.BodyText));
        Assert.Single(venue.Orders);
    }

    [Theory]
    [InlineData("o999", "")]
    [InlineData("", "")]
    [InlineData("o163", "o999")]
    public async Task A_question_outside_the_allow_list_is_declined_and_the_submit_fails_with_its_text(string first, string second)
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.NextQuestions.Add(new Question(first, first == "o163" ? PriceQuestion : MarginQuestion));
        if (second.Length > 0)
            venue.NextQuestions.Add(new Question(second, MarginQuestion));

        var error = Failed(await Broker(venue, http).SubmitAsync(Limit()));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected), (error.Class, error.Code));
        Assert.Contains(MarginQuestion, error.Message, StringComparison.Ordinal);
        Assert.Contains(first == "" ? "no message id" : second.Length > 0 ? second : first, error.Message, StringComparison.Ordinal);
        var replies = venue.Server.Requests.Where(r => r.Path.StartsWith("/v1/api/iserver/reply/", StringComparison.Ordinal)).Select(r => r.BodyText);
        Assert.Equal(second.Length > 0 ? ["""{"confirmed":true}""", """{"confirmed":false}"""] : ["""{"confirmed":false}"""], replies);
        Assert.Empty(venue.Orders);
        Assert.Empty(venue.Violations);
    }

    [Fact]
    public async Task An_error_in_an_http_200_body_is_a_non_retryable_rejection_with_the_venue_text()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.RefuseNextWith = "Order rejected - reason:YOUR ORDER IS NOT ACCEPTED BECAUSE OF INSUFFICIENT FUNDS";

        var error = Failed(await Broker(venue, http).SubmitAsync(Limit()));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected, 200), (error.Class, error.Code, error.HttpStatus));
        Assert.Equal("ibkr refused: Order rejected - reason:YOUR ORDER IS NOT ACCEPTED BECAUSE OF INSUFFICIENT FUNDS", error.Message);
        Assert.Single(venue.Server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_gateway_without_a_brokerage_session_is_fatal()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.Server.Map("/v1/api/iserver/accounts", _ => StandInResponse.Empty(401));

        var error = Failed(await Broker(venue, http).SubmitAsync(Limit()));

        Assert.Equal((BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized), (error.Class, error.Code));
        Assert.Contains("log in to the Client Portal Gateway", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(venue.Server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task An_account_the_session_cannot_trade_is_fatal_and_masked()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.SessionAccounts = ["U1111111"];

        var error = Failed(await Broker(venue, http).SubmitAsync(Limit()));

        Assert.Equal(BrokerErrorClass.Fatal, error.Class);
        Assert.Contains("cannot trade account ***", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(IbkrVenue.Account, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_requests_is_resent_after_retry_after_on_the_injected_clock()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 6, 14, 14, 30, 0, TimeSpan.Zero));
        venue.NextSubmissions(SubmitMode.RateLimited);
        var broker = Broker(venue, http, o => o with { Timeout = TimeSpan.FromMinutes(5) }, clock);
        var start = clock.GetUtcNow();

        var order = (await Tradier.TradierFixture.Pump(clock, broker.SubmitAsync(Limit()))).GetValueOrThrow();

        Assert.Equal(2, venue.Server.Requests.Count(r => r.Method == "POST"));
        Assert.Equal(order.VenueOrderId, Assert.Single(venue.Orders).Id.ToString(CultureInfo.InvariantCulture));
        Assert.True(clock.GetUtcNow() - start >= TimeSpan.FromSeconds(3), "the resend must wait out Retry-After");
    }

    [Theory]
    [InlineData(SubmitMode.TimeoutAfterCreate)]
    [InlineData(SubmitMode.DropAfterCreate)]
    public async Task An_unknown_outcome_is_looked_up_by_coid_and_the_venue_ends_with_one_order(SubmitMode mode)
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.NextSubmissions(mode);
        var broker = Broker(venue, http, o => o with { Timeout = TimeSpan.FromMilliseconds(400) });

        var order = (await broker.SubmitAsync(Limit())).GetValueOrThrow();

        Assert.Single(venue.Server.Requests, r => r.Method == "POST");
        Assert.Equal((Assert.Single(venue.Orders).Id.ToString(CultureInfo.InvariantCulture), Cid), (order.VenueOrderId, order.ClientOrderId));
        Assert.Contains(venue.Server.Requests, r => r.Path == "/v1/api/iserver/account/orders");
        Assert.Empty(venue.Violations);
    }

    [Fact]
    public async Task A_timeout_on_the_confirmation_is_looked_up_too()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.NextQuestions.Add(new Question("o163", PriceQuestion));
        venue.ConfirmMode = SubmitMode.TimeoutAfterCreate;
        var broker = Broker(venue, http, o => o with { Timeout = TimeSpan.FromMilliseconds(400) });

        var order = (await broker.SubmitAsync(Limit())).GetValueOrThrow();

        Assert.Single(venue.Server.Requests, r => r.Method == "POST" && r.Path.EndsWith("/orders", StringComparison.Ordinal));
        Assert.Equal(Assert.Single(venue.Orders).Id.ToString(CultureInfo.InvariantCulture), order.VenueOrderId);
    }

    [Fact]
    public async Task A_server_error_before_placing_is_resent_only_after_a_warm_listing_shows_nothing()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.NextSubmissions(SubmitMode.ServerErrorBeforeCreate);
        venue.ColdCache(1);

        var order = (await Broker(venue, http).SubmitAsync(Limit())).GetValueOrThrow();

        Assert.Equal(2, venue.Server.Requests.Count(r => r.Method == "POST"));
        // The first, cold answer is empty by nature; the adapter asks again before believing "not there".
        Assert.Equal(2, venue.Server.Requests.Count(r => r.Path == "/v1/api/iserver/account/orders"));
        Assert.Equal(order.VenueOrderId, Assert.Single(venue.Orders).Id.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_cold_cache_does_not_hide_an_order_placed_before_a_timeout()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.NextSubmissions(SubmitMode.TimeoutAfterCreate);
        venue.ColdCache(1);
        var broker = Broker(venue, http, o => o with { Timeout = TimeSpan.FromMilliseconds(400) });

        (await broker.SubmitAsync(Limit())).GetValueOrThrow();

        Assert.Single(venue.Server.Requests, r => r.Method == "POST");
        Assert.Single(venue.Orders);
    }

    [Theory]
    [InlineData(0, "quantity must be positive (was 0)")]
    [InlineData(-1, "quantity must be positive (was -1)")]
    public async Task An_invalid_order_is_refused_before_anything_is_sent(decimal quantity, string why)
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();

        var error = Failed(await Broker(venue, http).SubmitAsync(Limit(quantity: quantity)));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest), (error.Class, error.Code));
        Assert.EndsWith(why, error.Message, StringComparison.Ordinal);
        Assert.Empty(venue.Server.Requests);
    }
}
