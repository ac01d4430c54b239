using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Bybit;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Orders;
using Vanta.Executor.Tests.Brokers.Common;
using static Vanta.Executor.Tests.Brokers.Bybit.BybitRig;

namespace Vanta.Executor.Tests.Brokers.Bybit;

public sealed class BybitSubmitTests
{
    private const string Create = "/v5/order/create";

    [Fact]
    public async Task Linear_limit_order_is_signed_exactly_as_the_spec_worked_example()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        await using var rig = new BybitRig(BybitOptions.Linear, clock);

        var placed = await rig.Broker.SubmitAsync(Limit("my-order-0001", 0.01m, 30000m));

        Assert.True(placed.IsSuccess, placed.Error?.ToString());
        var sent = Assert.Single(rig.Server.RequestsTo(Create));
        Assert.Equal("""{"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.01","price":"30000","timeInForce":"GTC","orderLinkId":"my-order-0001"}""", sent.BodyText);
        Assert.Equal(("TESTKEY0001", "1700000000000", "5000"), (sent.Header("X-BAPI-API-KEY"), sent.Header("X-BAPI-TIMESTAMP"), sent.Header("X-BAPI-RECV-WINDOW")));
        Assert.Equal("deacd96113fe627011c178bbc20f3d01df05fa1925aec2f16c3753da16618a63", sent.Header("X-BAPI-SIGN"));
    }

    [Fact]
    public void Query_is_signed_as_sent_per_the_spec_worked_example()
    {
        var signer = new BybitSigner(FakeBybitVenue.ApiKey, FakeBybitVenue.ApiSecret, 5000);
        using var message = new HttpRequestMessage(HttpMethod.Get, "https://api-testnet.bybit.com/v5/order/realtime?category=linear&symbol=BTCUSDT&orderLinkId=my-order-0001");

        signer.Sign(message, BrokerHttpRequest.Get("v5/order/realtime?category=linear&symbol=BTCUSDT&orderLinkId=my-order-0001"),
            DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));

        Assert.Equal("60ef4a4e46556f058f404194d220e2f45b1c3e163ea6269ec1d3f59ebda67bb1", message.Headers.GetValues("X-BAPI-SIGN").Single());
    }

    [Fact]
    public async Task Market_order_carries_vantas_client_order_id_and_is_acknowledged_as_submitted()
    {
        await using var rig = new BybitRig();
        var id = OrderIds.ClientOrderIdFor(new IntentId("intent-1"));

        var placed = (await rig.Broker.SubmitAsync(Market(id.Value, qty: 0.25m))).GetValueOrThrow();

        Assert.Equal(30, id.Value.Length);
        var held = Assert.Single(rig.Venue.Orders);
        Assert.Equal((id.Value, "BTCUSDT", "Buy", "Market", 0.25m), (held.LinkId, held.Symbol, held.Side, held.OrderType, held.Qty));
        Assert.Equal((held.OrderId, id, OrderStatus.Submitted, 0.25m), (placed.VenueOrderId, placed.ClientOrderId, placed.Status, placed.Quantity));
        var body = JsonNode.Parse(rig.Server.RequestsTo(Create).Single().BodyText)!;
        Assert.Equal(("spot", "IOC", "baseCoin"), ((string?)body["category"], (string?)body["timeInForce"], (string?)body["marketUnit"]));
    }

    [Fact]
    public async Task Rejection_in_an_http_200_body_is_non_retryable_and_not_resent()
    {
        await using var rig = new BybitRig();
        rig.Venue.RefuseCreates = (110007, "ab not enough for new order");

        var placed = await rig.Broker.SubmitAsync(Market("vanta-poor"));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected, 200), (placed.Error!.Class, placed.Error.Code, placed.Error.HttpStatus));
        Assert.Contains("retCode 110007 ab not enough for new order", placed.Error.Message, StringComparison.Ordinal);
        Assert.Single(rig.Server.RequestsTo(Create));
        Assert.Empty(rig.Venue.Orders);
    }

    [Theory]
    [InlineData(VenueFault.RefuseRateLimited)]
    [InlineData(VenueFault.Refuse429)]
    public async Task Rate_limit_is_waited_out_and_the_order_then_placed_once(VenueFault fault)
    {
        await using var rig = new BybitRig();
        rig.Venue.Inject(Create, fault);

        var placed = await rig.Broker.SubmitAsync(Market("vanta-limited"));

        Assert.True(placed.IsSuccess, placed.Error?.ToString());
        Assert.Equal(2, rig.Server.RequestsTo(Create).Count);
        Assert.Single(rig.Venue.Orders);
    }

    [Fact]
    public async Task Rate_limit_that_persists_is_a_retryable_error()
    {
        await using var rig = new BybitRig();
        for (var i = 0; i < 3; i++)
            rig.Venue.Inject(Create, VenueFault.RefuseRateLimited);

        var placed = await rig.Broker.SubmitAsync(Market("vanta-limited"));

        Assert.Equal((BrokerErrorClass.Retryable, BrokerErrorCodes.RateLimited), (placed.Error!.Class, placed.Error.Code));
        Assert.NotNull(placed.Error.RetryAfter);
        Assert.Equal(3, rig.Server.RequestsTo(Create).Count);
        Assert.Empty(rig.Venue.Orders);
    }

    [Fact]
    public async Task Server_error_before_the_order_existed_is_looked_up_then_resent_once()
    {
        await using var rig = new BybitRig();
        rig.Venue.Inject(Create, VenueFault.Refuse500);

        var placed = await rig.Broker.SubmitAsync(Market("vanta-resend"));

        Assert.True(placed.IsSuccess, placed.Error?.ToString());
        Assert.Equal(
            [Create, "/v5/order/realtime?category=spot&symbol=BTCUSDT&orderLinkId=vanta-resend",
             "/v5/order/realtime?category=spot&symbol=BTCUSDT&orderLinkId=vanta-resend&openOnly=1", Create],
            rig.Calls);
        Assert.Single(rig.Venue.Orders);
    }

    [Theory]
    [InlineData(VenueFault.AcceptThen500)]
    [InlineData(VenueFault.AcceptThenCut)]
    public async Task Lost_answer_after_the_order_was_placed_finds_it_instead_of_resending(VenueFault fault)
    {
        await using var rig = new BybitRig();
        rig.Venue.Inject(Create, fault);

        var placed = (await rig.Broker.SubmitAsync(Market("vanta-lost"))).GetValueOrThrow();

        Assert.Single(rig.Server.RequestsTo(Create));
        var held = Assert.Single(rig.Venue.Orders);
        Assert.Equal((held.OrderId, OrderStatus.Accepted), (placed.VenueOrderId, placed.Status));
    }

    [Fact]
    public async Task Timeout_after_the_order_was_placed_ends_with_exactly_one_order()
    {
        await using var rig = new BybitRig(tweak: o => o with { Timeout = TimeSpan.FromMilliseconds(300) });
        rig.Venue.Inject(Create, VenueFault.AcceptThenStall);

        var placed = (await rig.Broker.SubmitAsync(Market("vanta-slow"))).GetValueOrThrow();

        Assert.Single(rig.Server.RequestsTo(Create));
        Assert.Equal(rig.Venue.Orders.Single().OrderId, placed.VenueOrderId);
    }

    [Fact]
    public async Task Timeout_whose_lookup_also_fails_returns_the_unknown_outcome_without_resending()
    {
        await using var rig = new BybitRig(tweak: o => o with { Timeout = TimeSpan.FromMilliseconds(300), MaxRetries = 0 });
        rig.Venue.Inject(Create, VenueFault.AcceptThenStall);
        rig.Venue.Inject("/v5/order/realtime", VenueFault.Refuse500);

        var placed = await rig.Broker.SubmitAsync(Market("vanta-dark"));

        Assert.Equal((BrokerErrorClass.Retryable, BrokerErrorCodes.Timeout), (placed.Error!.Class, placed.Error.Code));
        Assert.Single(rig.Server.RequestsTo(Create));
        Assert.Single(rig.Venue.Orders);
    }

    [Theory]
    [InlineData(110072)]
    [InlineData(10014)]
    public async Task Reused_client_order_id_returns_the_existing_order(int duplicateCode)
    {
        await using var rig = new BybitRig();
        rig.Venue.DuplicateCode = duplicateCode;
        var first = (await rig.Broker.SubmitAsync(Market("vanta-twice"))).GetValueOrThrow();
        rig.Venue.Fill("vanta-twice", 0.004m, 30000m);

        var second = (await rig.Broker.SubmitAsync(Market("vanta-twice"))).GetValueOrThrow();

        Assert.Equal(2, rig.Server.RequestsTo(Create).Count);
        Assert.Single(rig.Venue.Orders);
        Assert.Equal((first.VenueOrderId, OrderStatus.PartiallyFilled, 0.004m), (second.VenueOrderId, second.Status, second.FilledQuantity));
    }

    [Theory]
    [InlineData("vanta-0123456789abcdef0123456789abcde", "not a Bybit orderLinkId")]
    [InlineData("vanta with spaces", "not a Bybit orderLinkId")]
    public async Task Client_order_id_bybit_cannot_carry_is_refused_before_sending(string id, string message)
    {
        await using var rig = new BybitRig();

        var placed = await rig.Broker.SubmitAsync(Market(id));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest), (placed.Error!.Class, placed.Error.Code));
        Assert.Contains(message, placed.Error.Message, StringComparison.Ordinal);
        Assert.Empty(rig.Server.Requests);
    }

    [Fact]
    public async Task Day_limit_order_is_refused_before_sending()
    {
        await using var rig = new BybitRig();

        var placed = await rig.Broker.SubmitAsync(Limit("vanta-day", 1m, 100m) with { TimeInForce = TimeInForce.Day });

        Assert.Equal(BrokerErrorCodes.InvalidRequest, placed.Error!.Code);
        Assert.Contains("send limit orders as Gtc", placed.Error.Message, StringComparison.Ordinal);
        Assert.Empty(rig.Server.Requests);
    }
}
