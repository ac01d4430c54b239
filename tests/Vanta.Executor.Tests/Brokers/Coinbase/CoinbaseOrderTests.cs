using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Coinbase;
using Vanta.Executor.Brokers.Common;
using static Vanta.Executor.Tests.Brokers.Coinbase.CoinbaseAuthTests;
using static Vanta.Executor.Tests.Brokers.Coinbase.CoinbaseRig;

namespace Vanta.Executor.Tests.Brokers.Coinbase;

public sealed class CoinbaseOrderTests
{
    [Fact]
    public async Task Partial_then_full_fill_is_reported_with_quantity_and_average_price()
    {
        await using var rig = new CoinbaseRig();
        var id = new ClientOrderId("vanta-fills");
        (await rig.Broker.SubmitAsync(Limit(id.Value, 2m, 100m))).GetValueOrThrow();

        rig.Venue.Fill(id.Value, 0.5m, 99m);
        var partial = (await rig.Broker.GetOrderAsync(id)).GetValueOrThrow();
        rig.Venue.Fill(id.Value, 1.5m, 100m);
        var filled = (await rig.Broker.GetOrderAsync(id)).GetValueOrThrow();

        Assert.Equal((OrderStatus.PartiallyFilled, 0.5m, 99m, 2m, 100m), (partial.Status, partial.FilledQuantity, partial.AverageFillPrice, partial.Quantity, partial.LimitPrice));
        Assert.Equal((OrderStatus.Filled, 2m, 99.75m), (filled.Status, filled.FilledQuantity, filled.AverageFillPrice));
    }

    [Fact]
    public async Task Restarted_adapter_finds_an_order_by_client_id_in_the_recent_orders()
    {
        await using var rig = new CoinbaseRig();
        rig.Venue.PageSize = 2;
        var wanted = rig.Venue.Seed("vanta-old");
        for (var i = 0; i < 4; i++)
            rig.Venue.Seed($"vanta-newer-{i}");
        using var restarted = rig.NewBroker();

        var found = (await restarted.GetOrderAsync(new ClientOrderId("vanta-old"))).GetValueOrThrow();
        var again = (await restarted.GetOrderAsync(new ClientOrderId("vanta-old"))).GetValueOrThrow();

        Assert.Equal((wanted.OrderId, OrderStatus.Accepted), (found.VenueOrderId, found.Status));
        Assert.Equal(found, again);
        var lists = rig.Server.RequestsTo("/api/v3/brokerage/orders/historical/batch");
        Assert.Equal(3, lists.Count);
        Assert.All(lists, r => Assert.NotNull(r.QueryValue("start_date")));
        // The second lookup used the id learned by the first.
        Assert.Single(rig.Server.RequestsTo("/api/v3/brokerage/orders/historical/" + wanted.OrderId));
    }

    [Fact]
    public async Task Order_the_venue_does_not_have_is_not_found()
    {
        await using var rig = new CoinbaseRig();
        rig.Venue.Seed("vanta-other");

        var found = await rig.Broker.GetOrderAsync(new ClientOrderId("vanta-ghost"));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound), (found.Error!.Class, found.Error.Code));
    }

    [Fact]
    public async Task Cancel_sends_the_venue_id_and_returns_the_cancelled_order()
    {
        await using var rig = new CoinbaseRig();
        var placed = (await rig.Broker.SubmitAsync(Limit("vanta-cancel", 1m, 100m))).GetValueOrThrow();

        var cancelled = (await rig.Broker.CancelAsync(new ClientOrderId("vanta-cancel"))).GetValueOrThrow();

        Assert.Equal((OrderStatus.Cancelled, "User requested cancel"), (cancelled.Status, cancelled.Reason));
        Assert.Equal($$"""{"order_ids":["{{placed.VenueOrderId}}"]}""", rig.Server.RequestsTo("/api/v3/brokerage/orders/batch_cancel").Single().BodyText);
    }

    [Fact]
    public async Task Cancel_of_a_filled_order_is_not_cancelable_and_sends_no_cancel()
    {
        await using var rig = new CoinbaseRig();
        (await rig.Broker.SubmitAsync(Limit("vanta-done", 1m, 100m))).GetValueOrThrow();
        rig.Venue.Fill("vanta-done", 1m, 100m);

        var cancelled = await rig.Broker.CancelAsync(new ClientOrderId("vanta-done"));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotCancelable), (cancelled.Error!.Class, cancelled.Error.Code));
        Assert.Empty(rig.Server.RequestsTo("/api/v3/brokerage/orders/batch_cancel"));
    }

    [Fact]
    public async Task Cancel_the_venue_refuses_for_a_working_order_is_an_error_naming_the_reason()
    {
        await using var rig = new CoinbaseRig();
        (await rig.Broker.SubmitAsync(Limit("vanta-stuck", 1m, 100m))).GetValueOrThrow();
        rig.Venue.RefuseCancels = "COMMANDER_REJECTED_CANCEL_ORDER";

        var cancelled = await rig.Broker.CancelAsync(new ClientOrderId("vanta-stuck"));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotCancelable), (cancelled.Error!.Class, cancelled.Error.Code));
        Assert.Contains("COMMANDER_REJECTED_CANCEL_ORDER", cancelled.Error.Message, StringComparison.Ordinal);
        Assert.Equal("OPEN", rig.Venue.Orders.Single().Status);
    }

    [Fact]
    public async Task Open_orders_are_the_open_ones_across_pages()
    {
        await using var rig = new CoinbaseRig();
        rig.Venue.PageSize = 2;
        rig.Venue.Seed("vanta-a");
        rig.Venue.Seed("vanta-b", "FILLED");
        rig.Venue.Seed("vanta-c");
        rig.Venue.Seed("vanta-d", "CANCELLED");
        rig.Venue.Seed("vanta-e");
        rig.Venue.Fill("vanta-c", 0.25m, 100m);

        var open = (await rig.Broker.ListOpenOrdersAsync()).GetValueOrThrow();

        Assert.Equal(["vanta-e", "vanta-c", "vanta-a"], open.Select(o => o.ClientOrderId.Value));
        Assert.Equal([OrderStatus.Accepted, OrderStatus.PartiallyFilled, OrderStatus.Accepted], open.Select(o => o.Status));
        Assert.Equal(2, rig.Server.RequestsTo("/api/v3/brokerage/orders/historical/batch").Count);
        Assert.All(rig.Server.RequestsTo("/api/v3/brokerage/orders/historical/batch"), r => Assert.Equal("OPEN", r.QueryValue("order_status")));
    }

    [Fact]
    public async Task Account_and_positions_come_from_the_wallets_across_pages()
    {
        await using var rig = new CoinbaseRig();
        rig.Venue.PageSize = 2;
        rig.Venue.Wallets.Add(Wallet("BTC", "0.4", "0.1"));
        rig.Venue.Wallets.Add(Wallet("USD", "900.50", "99.50", "usd-uuid"));
        rig.Venue.Wallets.Add(Wallet("ETH", "0", "0"));
        rig.Venue.Wallets.Add(Wallet("SOL", "12", "0"));

        var account = (await rig.Broker.GetAccountAsync()).GetValueOrThrow();
        var positions = (await rig.Broker.GetPositionsAsync()).GetValueOrThrow();

        Assert.Equal(new BrokerAccount("usd-uuid", "USD", 1000.00m, 1000.00m, 900.50m), account);
        Assert.Equal([new BrokerPosition("BTC-USD", 0.5m, 0m, null), new BrokerPosition("SOL-USD", 12m, 0m, null)], positions);
    }

    [Fact]
    public async Task Account_without_a_cash_wallet_is_a_malformed_answer()
    {
        await using var rig = new CoinbaseRig();
        rig.Venue.Wallets.Add(Wallet("BTC", "1", "0"));

        var account = await rig.Broker.GetAccountAsync();

        Assert.Equal(BrokerErrorCodes.MalformedResponse, account.Error!.Code);
        Assert.Contains("no USD wallet", account.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PENDING", 0, OrderStatus.Submitted)]
    [InlineData("QUEUED", 0, OrderStatus.Submitted)]
    [InlineData("UNKNOWN_ORDER_STATUS", 0, OrderStatus.Submitted)]
    [InlineData("OPEN", 0, OrderStatus.Accepted)]
    [InlineData("OPEN", 1, OrderStatus.PartiallyFilled)]
    [InlineData("CANCEL_QUEUED", 1, OrderStatus.PartiallyFilled)]
    [InlineData("EDIT_QUEUED", 0, OrderStatus.Accepted)]
    [InlineData("FILLED", 1, OrderStatus.Filled)]
    [InlineData("CANCELLED", 1, OrderStatus.Cancelled)]
    [InlineData("EXPIRED", 0, OrderStatus.Expired)]
    [InlineData("FAILED", 0, OrderStatus.Rejected)]
    public void Venue_statuses_map_onto_vantas_lifecycle(string status, int filled, OrderStatus expected) =>
        Assert.Equal(expected, CoinbaseWire.Status(status, filled));

    [Fact]
    public void Unknown_status_is_a_format_error_not_a_guess() =>
        Assert.Throws<FormatException>(() => CoinbaseWire.Status("TELEPORTED", 0m));
}
