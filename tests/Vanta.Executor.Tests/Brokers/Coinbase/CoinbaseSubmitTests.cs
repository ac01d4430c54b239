using Vanta.Core.Domain;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Tests.Brokers.Common;
using static Vanta.Executor.Tests.Brokers.Coinbase.CoinbaseRig;

namespace Vanta.Executor.Tests.Brokers.Coinbase;

public sealed class CoinbaseSubmitTests
{
    [Fact]
    public async Task Limit_order_goes_out_as_limit_limit_gtc_with_string_decimals_under_a_verified_jwt()
    {
        await using var rig = new CoinbaseRig();

        var placed = (await rig.Broker.SubmitAsync(Limit("strat1-20240614-0001", 0.0100m, 65000.00m))).GetValueOrThrow();

        var sent = Assert.Single(rig.Server.RequestsTo(CreatePath));
        Assert.Equal("""{"client_order_id":"strat1-20240614-0001","product_id":"BTC-USD","side":"BUY","order_configuration":{"limit_limit_gtc":{"base_size":"0.0100","limit_price":"65000.00","post_only":false}}}""", sent.BodyText);
        Assert.Equal("POST api.coinbase.com/api/v3/brokerage/orders", (string?)Assert.Single(rig.Venue.AcceptedClaims)["uri"]);
        var held = Assert.Single(rig.Venue.Orders);
        Assert.Equal((held.OrderId, OrderStatus.Submitted, 65000.00m), (placed.VenueOrderId, placed.Status, placed.LimitPrice));
    }

    [Fact]
    public async Task Market_order_goes_out_as_market_market_ioc_by_base_size()
    {
        await using var rig = new CoinbaseRig();

        (await rig.Broker.SubmitAsync(Market("vanta-mkt", 0.5m, "ETH-USD", OrderSide.Sell))).GetValueOrThrow();

        Assert.Equal("""{"client_order_id":"vanta-mkt","product_id":"ETH-USD","side":"SELL","order_configuration":{"market_market_ioc":{"base_size":"0.5"}}}""",
            rig.Server.RequestsTo(CreatePath).Single().BodyText);
    }

    [Fact]
    public async Task Rejection_in_an_http_200_body_is_non_retryable_and_not_resent()
    {
        await using var rig = new CoinbaseRig();
        rig.Venue.RefuseCreates = ("INSUFFICIENT_FUND", "Insufficient balance in source account");

        var placed = await rig.Broker.SubmitAsync(Market("vanta-poor"));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected, 200), (placed.Error!.Class, placed.Error.Code, placed.Error.HttpStatus));
        Assert.Equal("coinbase rejected order vanta-poor: INSUFFICIENT_FUND: PREVIEW_INSUFFICIENT_FUND: Insufficient balance in source account", placed.Error.Message);
        Assert.Single(rig.Server.RequestsTo(CreatePath));
        Assert.Empty(rig.Venue.Orders);
    }

    [Fact]
    public async Task Http_429_is_waited_out_and_the_order_then_placed_once()
    {
        await using var rig = new CoinbaseRig();
        rig.Venue.Inject(CreatePath, VenueFault.Refuse429);

        var placed = await rig.Broker.SubmitAsync(Market("vanta-limited"));

        Assert.True(placed.IsSuccess, placed.Error?.ToString());
        Assert.Equal(2, rig.Server.RequestsTo(CreatePath).Count);
        Assert.Single(rig.Venue.Orders);
    }

    [Fact]
    public async Task Server_error_before_the_order_existed_is_looked_up_then_resent_once()
    {
        await using var rig = new CoinbaseRig();
        rig.Venue.Inject(CreatePath, VenueFault.Refuse500);

        var placed = await rig.Broker.SubmitAsync(Market("vanta-resend"));

        Assert.True(placed.IsSuccess, placed.Error?.ToString());
        Assert.Equal(["POST /api/v3/brokerage/orders", "GET /api/v3/brokerage/orders/historical/batch", "POST /api/v3/brokerage/orders"],
            rig.Calls.Select(c => c.Split('?')[0]));
        Assert.Single(rig.Venue.Orders);
    }

    [Theory]
    [InlineData(VenueFault.AcceptThen500)]
    [InlineData(VenueFault.AcceptThenCut)]
    public async Task Lost_answer_after_the_order_was_placed_finds_it_instead_of_resending(VenueFault fault)
    {
        await using var rig = new CoinbaseRig();
        rig.Venue.Inject(CreatePath, fault);

        var placed = (await rig.Broker.SubmitAsync(Limit("vanta-lost", 1m, 100m))).GetValueOrThrow();

        Assert.Single(rig.Server.RequestsTo(CreatePath));
        var held = Assert.Single(rig.Venue.Orders);
        Assert.Equal((held.OrderId, OrderStatus.Accepted), (placed.VenueOrderId, placed.Status));
    }

    [Fact]
    public async Task Timeout_after_the_order_was_placed_ends_with_exactly_one_order()
    {
        await using var rig = new CoinbaseRig(tweak: o => o with { Timeout = TimeSpan.FromMilliseconds(300) });
        rig.Venue.Inject(CreatePath, VenueFault.AcceptThenStall);

        var placed = (await rig.Broker.SubmitAsync(Market("vanta-slow"))).GetValueOrThrow();

        Assert.Single(rig.Server.RequestsTo(CreatePath));
        Assert.Equal(rig.Venue.Orders.Single().OrderId, placed.VenueOrderId);
    }

    [Fact]
    public async Task Unknown_outcome_whose_lookup_cannot_finish_is_returned_without_resending()
    {
        await using var rig = new CoinbaseRig(tweak: o => o with { LookupPages = 1 });
        rig.Venue.PageSize = 2;
        for (var i = 0; i < 3; i++)
            rig.Venue.Seed($"other-{i}");
        rig.Venue.Inject(CreatePath, VenueFault.Refuse500);

        var placed = await rig.Broker.SubmitAsync(Market("vanta-unsure"));

        Assert.Equal((BrokerErrorClass.Retryable, BrokerErrorCodes.Unavailable, 500), (placed.Error!.Class, placed.Error.Code, placed.Error.HttpStatus));
        Assert.Single(rig.Server.RequestsTo(CreatePath));
        Assert.Equal(3, rig.Venue.Orders.Count);
    }

    [Fact]
    public async Task Reused_client_order_id_answers_the_existing_order_and_the_venue_keeps_one()
    {
        await using var rig = new CoinbaseRig();
        var first = (await rig.Broker.SubmitAsync(Market("vanta-twice"))).GetValueOrThrow();

        var again = (await rig.NewBroker().SubmitAsync(Market("vanta-twice"))).GetValueOrThrow();

        Assert.Equal(first.VenueOrderId, again.VenueOrderId);
        Assert.Single(rig.Venue.Orders);
    }

    [Theory]
    [InlineData("BTCUSD", 1, "not a Coinbase product id")]
    [InlineData("BTC-USD", 0, "quantity must be positive (was 0)")]
    public async Task Order_coinbase_cannot_take_is_refused_before_sending(string symbol, int quantity, string message)
    {
        await using var rig = new CoinbaseRig();

        var placed = await rig.Broker.SubmitAsync(Market("vanta-bad", quantity, symbol));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest), (placed.Error!.Class, placed.Error.Code));
        Assert.Contains(message, placed.Error.Message, StringComparison.Ordinal);
        Assert.Empty(rig.Server.Requests);
    }
}
