using Microsoft.Extensions.Time.Testing;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;
using static Vanta.Executor.Tests.Brokers.Common.BrokerAssert;
using static Vanta.Executor.Tests.Brokers.Tradier.TradierFixture;

namespace Vanta.Executor.Tests.Brokers.Tradier;

public sealed class TradierSubmitTests
{
    [Fact]
    public async Task Limit_order_goes_out_form_encoded_with_bearer_token_and_tag_and_comes_back_accepted()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();

        var order = (await Broker(venue, http).SubmitAsync(Limit())).GetValueOrThrow();

        var post = Assert.Single(venue.Server.Requests, r => r.Method == "POST");
        Assert.Equal($"/v1/accounts/{TradierVenue.Account}/orders", post.Path);
        Assert.Equal(("Bearer " + TradierVenue.Token, "application/json"), (post.Header("Authorization"), post.Header("Accept")));
        Assert.Equal("class=equity&symbol=SPY&side=buy&quantity=10&type=limit&duration=day&price=512.25&tag=" + Cid.Value, post.BodyText);
        Assert.Empty(venue.Violations);
        var placed = Assert.Single(venue.Orders);
        Assert.Equal((placed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Cid, OrderStatus.Accepted, 10m, 512.25m),
            (order.VenueOrderId, order.ClientOrderId, order.Status, order.Quantity, order.LimitPrice));
    }

    [Fact]
    public async Task Market_order_sends_no_price_and_gtc_duration()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();

        var order = (await Broker(venue, http).SubmitAsync(Market())).GetValueOrThrow();

        var post = Assert.Single(venue.Server.Requests, r => r.Method == "POST");
        Assert.Equal(("sell", "market", "gtc", null), (post.FormValue("side"), post.FormValue("type"), post.FormValue("duration"), post.FormValue("price")));
        Assert.Equal((OrderType.Market, OrderSide.Sell, (decimal?)null), (order.Type, order.Side, order.LimitPrice));
        Assert.Empty(venue.Violations);
    }

    [Fact]
    public async Task An_order_already_tagged_with_the_client_order_id_is_returned_without_sending()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        var earlier = venue.Add("SPY", "open", Cid.Value);

        var order = (await Broker(venue, http).SubmitAsync(Limit())).GetValueOrThrow();

        Assert.DoesNotContain(venue.Server.Requests, r => r.Method == "POST");
        Assert.Equal(earlier.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), order.VenueOrderId);
        Assert.Single(venue.Orders);
    }

    [Theory]
    [InlineData("""{"errors": {"error": ["Backoffice rejected override of the order.", "DayTradingBuyingPowerExceeded"]}}""", "DayTradingBuyingPowerExceeded", BrokerErrorClass.NonRetryable)]
    [InlineData("""{"errors": {"error": "Backoffice rejected override of the order."}}""", BrokerErrorCodes.Rejected, BrokerErrorClass.NonRetryable)]
    [InlineData("""{"errors": {"error": ["AccountDisabled"]}}""", "AccountDisabled", BrokerErrorClass.Fatal)]
    public async Task A_rejection_in_an_http_200_body_is_a_classified_error_not_an_order(string body, string code, BrokerErrorClass @class)
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        venue.RejectNextPlacementWith = body;

        var error = Failed(await Broker(venue, http).SubmitAsync(Limit()));

        Assert.Equal((@class, code, 200), (error.Class, error.Code, error.HttpStatus));
        Assert.StartsWith("tradier refused: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(body.Contains("Backoffice", StringComparison.Ordinal) ? "Backoffice rejected override" : "AccountDisabled", error.Message, StringComparison.Ordinal);
        Assert.Single(venue.Server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_wrong_token_is_fatal_and_the_token_never_reaches_the_message()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        var broker = Broker(venue, http, o => o with { AccessToken = "tk-Wrong-0000aaaa" });

        var error = Failed(await broker.SubmitAsync(Limit()));

        // The stand-in echoes the header it got, as some gateways do; the adapter must mask it.
        Assert.Equal((BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized, 401), (error.Class, error.Code, error.HttpStatus));
        Assert.DoesNotContain("tk-Wrong-0000aaaa", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tk-Wrong-0000aaaa", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", error.Message, StringComparison.Ordinal);
        Assert.Empty(venue.Orders);
    }

    [Theory]
    [InlineData(2.5, 10, "quantity must be a positive whole number of shares (was 2.5)")]
    [InlineData(0, 10, "quantity must be a positive whole number of shares (was 0)")]
    [InlineData(10, 0, "a limit order needs a positive limit price")]
    public async Task An_order_tradier_cannot_take_is_refused_before_anything_is_sent(decimal quantity, decimal price, string why)
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();

        var error = Failed(await Broker(venue, http).SubmitAsync(Limit(quantity: quantity, price: price)));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest), (error.Class, error.Code));
        Assert.EndsWith(why, error.Message, StringComparison.Ordinal);
        Assert.Empty(venue.Server.Requests);
    }

    [Fact]
    public async Task Too_many_requests_is_resent_after_retry_after_on_the_injected_clock()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 6, 14, 14, 30, 0, TimeSpan.Zero));
        venue.NextPlacements(PlaceMode.RateLimited);
        var broker = Broker(venue, http, o => o with { Timeout = TimeSpan.FromMinutes(5) }, clock);
        var start = clock.GetUtcNow();

        var order = (await Pump(clock, broker.SubmitAsync(Limit()))).GetValueOrThrow();

        Assert.Equal(2, venue.Server.Requests.Count(r => r.Method == "POST"));
        Assert.Single(venue.Orders);
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.True(clock.GetUtcNow() - start >= TimeSpan.FromSeconds(venue.RetryAfterSeconds), "the resend must wait out Retry-After");
    }

    [Fact]
    public async Task A_retry_after_beyond_the_limit_comes_back_retryable_without_a_resend()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        venue.RetryAfterSeconds = 120;
        venue.NextPlacements(PlaceMode.RateLimited);

        var error = Failed(await Broker(venue, http).SubmitAsync(Limit()));

        Assert.Equal((BrokerErrorClass.Retryable, BrokerErrorCodes.RateLimited, (TimeSpan?)TimeSpan.FromSeconds(120)), (error.Class, error.Code, error.RetryAfter));
        Assert.Single(venue.Server.Requests, r => r.Method == "POST");
        Assert.Empty(venue.Orders);
    }

    [Theory]
    [InlineData(PlaceMode.TimeoutAfterCreate)]
    [InlineData(PlaceMode.DropAfterCreate)]
    [InlineData(PlaceMode.ServerErrorAfterCreate)]
    public async Task An_unknown_outcome_is_looked_up_by_tag_and_the_venue_ends_with_one_order(PlaceMode mode)
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        venue.NextPlacements(mode);
        var broker = Broker(venue, http, o => o with { Timeout = TimeSpan.FromMilliseconds(400) });

        var order = (await broker.SubmitAsync(Limit())).GetValueOrThrow();

        var only = Assert.Single(venue.Orders);
        Assert.Single(venue.Server.Requests, r => r.Method == "POST");
        Assert.Equal((only.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Cid), (order.VenueOrderId, order.ClientOrderId));
        Assert.Empty(venue.Violations);
    }

    [Fact]
    public async Task A_server_error_before_the_order_existed_is_resent_once_the_listing_shows_nothing()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        venue.NextPlacements(PlaceMode.ServerErrorBeforeCreate);

        var order = (await Broker(venue, http).SubmitAsync(Limit())).GetValueOrThrow();

        Assert.Equal(2, venue.Server.Requests.Count(r => r.Method == "POST"));
        Assert.Equal(order.VenueOrderId, Assert.Single(venue.Orders).Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Server_errors_on_every_send_stop_after_the_attempt_limit_with_a_retryable_error()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        venue.NextPlacements(PlaceMode.ServerErrorBeforeCreate, PlaceMode.ServerErrorBeforeCreate, PlaceMode.ServerErrorBeforeCreate, PlaceMode.ServerErrorBeforeCreate);

        var error = Failed(await Broker(venue, http, o => o with { MaxSubmitAttempts = 3 }).SubmitAsync(Limit()));

        Assert.Equal((BrokerErrorClass.Retryable, BrokerErrorCodes.Unavailable, 500), (error.Class, error.Code, error.HttpStatus));
        Assert.Equal(3, venue.Server.Requests.Count(r => r.Method == "POST"));
        Assert.Empty(venue.Orders);
    }

    [Fact]
    public async Task A_client_order_id_with_characters_tags_cannot_hold_is_hex_tagged_and_found_again()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        var odd = new ClientOrderId("strat/1:ünïcode");
        var broker = Broker(venue, http);

        await broker.SubmitAsync(Limit(odd));
        var fresh = Broker(venue, http); // a restarted executor remembers no venue ids
        var again = (await fresh.GetOrderAsync(odd)).GetValueOrThrow();

        Assert.StartsWith("h--", Assert.Single(venue.Orders).Tag, StringComparison.Ordinal);
        Assert.Empty(venue.Violations);
        Assert.Equal(odd, again.ClientOrderId);
    }
}
