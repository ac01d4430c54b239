using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Bybit;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Tests.Brokers.Common;
using static Vanta.Executor.Tests.Brokers.Bybit.BybitRig;

namespace Vanta.Executor.Tests.Brokers.Bybit;

public sealed class BybitOrderTests
{
    [Fact]
    public async Task Partial_then_full_fill_is_reported_with_quantity_and_average_price()
    {
        await using var rig = new BybitRig(BybitOptions.Linear);
        var id = new ClientOrderId("vanta-fills");
        (await rig.Broker.SubmitAsync(Limit(id.Value, 0.01m, 30000m))).GetValueOrThrow();

        rig.Venue.Fill(id.Value, 0.004m, 29999.5m);
        var partial = (await rig.Broker.GetOrderAsync(id)).GetValueOrThrow();
        rig.Venue.Fill(id.Value, 0.006m, 30000m);
        var filled = (await rig.Broker.GetOrderAsync(id)).GetValueOrThrow();

        Assert.Equal((OrderStatus.PartiallyFilled, 0.004m, 29999.5m, 30000m), (partial.Status, partial.FilledQuantity, partial.AverageFillPrice, partial.LimitPrice));
        Assert.Equal((OrderStatus.Filled, 0.01m, 29999.8m), (filled.Status, filled.FilledQuantity, filled.AverageFillPrice));
        // A linear lookup without a symbol is scoped by settle coin; a finished order is only in the closed view.
        Assert.Contains("/v5/order/realtime?category=linear&settleCoin=USDT&orderLinkId=vanta-fills&openOnly=1", rig.Calls);
    }

    [Fact]
    public async Task Order_the_venue_does_not_have_is_not_found_after_both_views()
    {
        await using var rig = new BybitRig();

        var found = await rig.Broker.GetOrderAsync(new ClientOrderId("vanta-ghost"));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound), (found.Error!.Class, found.Error.Code));
        Assert.Equal(2, rig.Server.RequestsTo("/v5/order/realtime").Count);
    }

    [Fact]
    public async Task Cancel_sends_symbol_and_order_link_id_and_returns_the_cancelled_order()
    {
        await using var rig = new BybitRig(BybitOptions.Linear);
        (await rig.Broker.SubmitAsync(Limit("vanta-cancel", 1m, 100m, "ETHUSDT"))).GetValueOrThrow();

        var cancelled = (await rig.Broker.CancelAsync(new ClientOrderId("vanta-cancel"))).GetValueOrThrow();

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal("Cancelled", rig.Venue.Orders.Single().Status);
        Assert.Equal("""{"category":"linear","symbol":"ETHUSDT","orderLinkId":"vanta-cancel"}""", rig.Server.RequestsTo("/v5/order/cancel").Single().BodyText);
    }

    [Fact]
    public async Task Cancel_of_a_partly_filled_spot_order_keeps_what_filled()
    {
        await using var rig = new BybitRig();
        (await rig.Broker.SubmitAsync(Limit("vanta-part", 2m, 100m))).GetValueOrThrow();
        rig.Venue.Fill("vanta-part", 0.5m, 99m);

        var cancelled = (await rig.Broker.CancelAsync(new ClientOrderId("vanta-part"))).GetValueOrThrow();

        Assert.Equal((OrderStatus.Cancelled, 0.5m, 99m), (cancelled.Status, cancelled.FilledQuantity, cancelled.AverageFillPrice));
        Assert.Equal("PartiallyFilledCanceled", rig.Venue.Orders.Single().Status);
    }

    [Fact]
    public async Task Cancel_of_a_filled_order_is_not_cancelable_and_sends_no_cancel()
    {
        await using var rig = new BybitRig();
        (await rig.Broker.SubmitAsync(Limit("vanta-done", 1m, 100m))).GetValueOrThrow();
        rig.Venue.Fill("vanta-done", 1m, 100m);

        var cancelled = await rig.Broker.CancelAsync(new ClientOrderId("vanta-done"));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotCancelable), (cancelled.Error!.Class, cancelled.Error.Code));
        Assert.Empty(rig.Server.RequestsTo("/v5/order/cancel"));
    }

    [Fact]
    public async Task Cancel_whose_answer_is_lost_reads_back_the_cancelled_order()
    {
        await using var rig = new BybitRig();
        (await rig.Broker.SubmitAsync(Limit("vanta-lostcancel", 1m, 100m))).GetValueOrThrow();
        rig.Venue.Inject("/v5/order/cancel", VenueFault.AcceptThenCut);

        var cancelled = (await rig.Broker.CancelAsync(new ClientOrderId("vanta-lostcancel"))).GetValueOrThrow();

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Single(rig.Server.RequestsTo("/v5/order/cancel"));
    }

    [Fact]
    public async Task Open_orders_follow_the_cursor_and_keep_orders_placed_outside_vanta()
    {
        await using var rig = new BybitRig();
        rig.Venue.PageSize = 2;
        rig.Venue.Seed("vanta-a", "BTCUSDT");
        rig.Venue.Seed("vanta-b", "ETHUSDT", "PartiallyFilled");
        var manual = rig.Venue.Seed(null, "SOLUSDT");
        rig.Venue.Seed("vanta-c", "BTCUSDT", "Filled");
        rig.Venue.Seed("vanta-d", "BTCUSDT", "Cancelled");
        rig.Venue.Seed("vanta-e", "XRPUSDT", "Untriggered");

        var open = (await rig.Broker.ListOpenOrdersAsync()).GetValueOrThrow();

        Assert.Equal(["vanta-e", manual.OrderId, "vanta-b", "vanta-a"], open.Select(o => o.ClientOrderId.Value));
        Assert.Equal([OrderStatus.Accepted, OrderStatus.Accepted, OrderStatus.PartiallyFilled, OrderStatus.Accepted], open.Select(o => o.Status));
        Assert.Equal(2, rig.Server.RequestsTo("/v5/order/realtime").Count);
    }

    [Fact]
    public async Task Linear_positions_are_signed_by_side_and_valued_at_the_mark()
    {
        await using var rig = new BybitRig(BybitOptions.Linear);
        rig.Venue.LinearPositions.Add(new JsonObject { ["symbol"] = "BTCUSDT", ["side"] = "Buy", ["size"] = "0.5", ["avgPrice"] = "30000", ["markPrice"] = "31000" });
        rig.Venue.LinearPositions.Add(new JsonObject { ["symbol"] = "ETHUSDT", ["side"] = "Sell", ["size"] = "2", ["avgPrice"] = "2000", ["markPrice"] = "1900" });
        rig.Venue.LinearPositions.Add(new JsonObject { ["symbol"] = "SOLUSDT", ["side"] = "", ["size"] = "0", ["avgPrice"] = "0", ["markPrice"] = "100" });

        var positions = (await rig.Broker.GetPositionsAsync()).GetValueOrThrow();

        Assert.Equal(
            [new BrokerPosition("BTCUSDT", 0.5m, 30000m, 15500m), new BrokerPosition("ETHUSDT", -2m, 2000m, -3800m)],
            positions);
    }

    [Fact]
    public async Task Spot_positions_and_account_come_from_the_unified_wallet()
    {
        await using var rig = new BybitRig();
        rig.Venue.WalletAccount = JsonNode.Parse("""
            {"accountType":"UNIFIED","totalEquity":"25500.5","totalWalletBalance":"25500.5","totalAvailableBalance":"9000",
             "coin":[{"coin":"USDT","walletBalance":"10000","usdValue":"10000"},
                     {"coin":"BTC","walletBalance":"0.5","usdValue":"15500.5"},
                     {"coin":"ETH","walletBalance":"0","usdValue":"0"}]}
            """)!.AsObject();

        var positions = (await rig.Broker.GetPositionsAsync()).GetValueOrThrow();
        var account = (await rig.Broker.GetAccountAsync()).GetValueOrThrow();

        Assert.Equal([new BrokerPosition("BTCUSDT", 0.5m, 0m, 15500.5m)], positions);
        Assert.Equal(new BrokerAccount("UNIFIED", "USD", 10000m, 25500.5m, 9000m), account);
    }

    [Fact]
    public async Task Spent_budget_header_holds_the_next_request_until_the_reset_on_the_injected_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        await using var rig = new BybitRig(time: clock);
        rig.Venue.LimitStatus = 0;
        rig.Venue.ResetAfter = TimeSpan.FromSeconds(2);
        (await rig.Broker.SubmitAsync(Market("vanta-budget-1"))).GetValueOrThrow();
        rig.Venue.LimitStatus = 9;

        var second = rig.Broker.SubmitAsync(Market("vanta-budget-2"));
        await Task.Delay(200);
        var sentEarly = rig.Server.RequestsTo("/v5/order/create").Count;
        clock.Advance(TimeSpan.FromSeconds(2));
        var placed = await second.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(second.IsFaulted);
        Assert.Equal(1, sentEarly);
        Assert.True(placed.IsSuccess, placed.Error?.ToString());
        Assert.Equal(2, rig.Venue.Orders.Count);
    }
}
