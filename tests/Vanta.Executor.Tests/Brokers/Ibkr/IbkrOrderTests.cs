using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Vanta.Http;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;
using static Vanta.Executor.Tests.Brokers.Common.BrokerAssert;
using static Vanta.Executor.Tests.Brokers.Ibkr.IbkrFixture;

namespace Vanta.Executor.Tests.Brokers.Ibkr;

public sealed class IbkrOrderTests
{
    [Fact]
    public async Task A_partial_fill_reads_from_the_status_endpoint_as_partially_filled()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        var broker = Broker(venue, http);
        var placed = (await broker.SubmitAsync(Limit())).GetValueOrThrow();
        venue.Fill(long.Parse(placed.VenueOrderId, CultureInfo.InvariantCulture), 4m, 187.49m);

        var order = (await broker.GetOrderAsync(Cid)).GetValueOrThrow();

        Assert.Equal($"/v1/api/iserver/account/order/status/{placed.VenueOrderId}", venue.Server.Requests[^1].Path);
        Assert.Equal((OrderStatus.PartiallyFilled, 4m, (decimal?)187.49m, 10m, OrderSide.Buy), (order.Status, order.FilledQuantity, order.AverageFillPrice, order.Quantity, order.Side));
        Assert.Equal(new DateTimeOffset(2024, 6, 14, 14, 31, 2, TimeSpan.Zero), order.UpdatedAt);
    }

    [Fact]
    public async Task A_restarted_adapter_finds_the_order_by_its_coid_in_the_live_orders()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        var listed = venue.Add("AAPL", "Filled", Cid.Value);
        venue.Fill(listed.Id, 10m, 187.2m);

        var order = (await Broker(venue, http).GetOrderAsync(Cid)).GetValueOrThrow();

        Assert.Equal((listed.Id.ToString(CultureInfo.InvariantCulture), OrderStatus.Filled, 10m, (decimal?)187.2m, (decimal?)null),
            (order.VenueOrderId, order.Status, order.FilledQuantity, order.AverageFillPrice, order.LimitPrice));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1718375462000), order.UpdatedAt);
        Assert.Equal($"accountId={IbkrVenue.Account}", venue.Server.Requests.Single(r => r.Path == "/v1/api/iserver/account/orders").Query);
        Assert.Empty(venue.Violations);
    }

    [Fact]
    public async Task An_order_ibkr_does_not_have_is_not_found()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.Add("AAPL", "Submitted", "vanta-other");

        var error = Failed(await Broker(venue, http).GetOrderAsync(Cid));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound), (error.Class, error.Code));
    }

    [Fact]
    public async Task Open_orders_leave_out_finished_ones_and_keep_orders_placed_elsewhere()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.Add("AAPL", "PreSubmitted", "vanta-a");
        venue.Add("AAPL", "PendingSubmit", "vanta-b");
        var partial = venue.Add("AAPL", "Submitted", "vanta-c");
        venue.Fill(partial.Id, 3m, 187m);
        venue.Add("AAPL", "Filled", "vanta-d");
        venue.Add("AAPL", "Cancelled", "vanta-e");
        venue.Add("AAPL", "Inactive", "vanta-f");
        var manual = venue.Add("AAPL", "Submitted", coid: null, type: "MKT");

        var open = (await Broker(venue, http).ListOpenOrdersAsync()).GetValueOrThrow();

        Assert.Equal(
            [("vanta-a", OrderStatus.Accepted), ("vanta-b", OrderStatus.Submitted), ("vanta-c", OrderStatus.PartiallyFilled), ("ibkr-" + manual.Id, OrderStatus.Accepted)],
            open.Select(o => (o.ClientOrderId.Value, o.Status)));
        Assert.Equal(OrderType.Market, open[^1].Type);
    }

    [Theory]
    [InlineData("PendingSubmit", 0, OrderStatus.Submitted)]
    [InlineData("ApiPending", 0, OrderStatus.Submitted)]
    [InlineData("PreSubmitted", 0, OrderStatus.Accepted)]
    [InlineData("Submitted", 0, OrderStatus.Accepted)]
    [InlineData("Submitted", 4, OrderStatus.PartiallyFilled)]
    [InlineData("PendingCancel", 4, OrderStatus.PartiallyFilled)]
    [InlineData("WarnState", 0, OrderStatus.Accepted)]
    [InlineData("Filled", 10, OrderStatus.Filled)]
    [InlineData("Cancelled", 4, OrderStatus.Cancelled)]
    [InlineData("ApiCancelled", 0, OrderStatus.Cancelled)]
    [InlineData("Inactive", 0, OrderStatus.Rejected)]
    [InlineData("filled", 10, OrderStatus.Filled)]
    public void Every_documented_status_maps_onto_the_lifecycle(string status, decimal filled, OrderStatus expected) =>
        Assert.Equal(expected, Vanta.Executor.Brokers.Ibkr.IbkrOrders.MapStatus(status, filled, 10m));

    [Fact]
    public async Task Cancel_deletes_by_order_id_and_returns_the_cancelled_state()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        var listed = venue.Add("AAPL", "Submitted", Cid.Value);

        var order = (await Broker(venue, http).CancelAsync(Cid)).GetValueOrThrow();

        var delete = Assert.Single(venue.Server.Requests, r => r.Method == "DELETE");
        Assert.Equal($"/v1/api/iserver/account/{IbkrVenue.Account}/order/{listed.Id}", delete.Path);
        Assert.Equal((OrderStatus.Cancelled, "Order Cancelled"), (order.Status, order.Reason));
        Assert.Empty(venue.Violations);
    }

    [Fact]
    public async Task A_refused_cancel_is_not_cancelable_with_the_venue_text()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.Add("AAPL", "Submitted", Cid.Value);
        venue.RefuseNextCancelWith = "OrderID 1876543210 is being processed and cannot be cancelled";

        var error = Failed(await Broker(venue, http).CancelAsync(Cid));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotCancelable), (error.Class, error.Code));
        Assert.Contains("cannot be cancelled", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Filled", BrokerErrorCodes.NotCancelable)]
    [InlineData("Cancelled", null)]
    public async Task Cancelling_a_finished_order_sends_nothing(string status, string? code)
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.Add("AAPL", status, Cid.Value);

        var result = await Broker(venue, http).CancelAsync(Cid);

        Assert.Equal(code, result.Error?.Code);
        Assert.DoesNotContain(venue.Server.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Cancelling_an_unknown_order_is_not_found()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();

        var error = Failed(await Broker(venue, http).CancelAsync(new ClientOrderId("vanta-nothing")));

        Assert.Equal(BrokerErrorCodes.NotFound, error.Code);
    }

    [Fact]
    public async Task Positions_and_summary_follow_the_portfolio_accounts_call()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.PositionsJson = """
            [{"acctId": "DU7654321", "conid": 265598, "contractDesc": "AAPL", "position": 25.0, "mktPrice": 190.1, "mktValue": 4752.5, "currency": "USD", "avgCost": 180.25, "avgPrice": 180.25, "ticker": "AAPL"},
             {"acctId": "DU7654321", "conid": 756733, "contractDesc": "SPY", "position": -5, "mktPrice": 510, "mktValue": -2550, "currency": "USD", "avgCost": 500.5, "ticker": "SPY"}]
            """;
        venue.SummaryJson = """
            {"accountcode": {"amount": 0.0, "currency": null, "isNull": false, "timestamp": 1718375462000, "value": "DU7654321", "severity": 0},
             "totalcashvalue": {"amount": 100000.5, "currency": "USD", "isNull": false, "timestamp": 1718375462000, "value": null, "severity": 0},
             "netliquidation": {"amount": 102203.0, "currency": "USD", "isNull": false, "timestamp": 1718375462000, "value": null, "severity": 0},
             "buyingpower": {"amount": 408812.0, "currency": "USD", "isNull": false, "timestamp": 1718375462000, "value": null, "severity": 0}}
            """;
        var broker = Broker(venue, http);

        var positions = (await broker.GetPositionsAsync()).GetValueOrThrow();
        var account = (await broker.GetAccountAsync()).GetValueOrThrow();

        Assert.Equal([new("AAPL", 25m, 180.25m, 4752.5m), new("SPY", -5m, 500.5m, -2550m)], positions);
        Assert.Equal(new BrokerAccount(IbkrVenue.Account, "USD", 100000.5m, 102203.0m, 408812.0m), account);
        Assert.Single(venue.Server.Requests, r => r.Path == "/v1/api/portfolio/accounts");
        Assert.Empty(venue.Violations);
    }

    [Fact]
    public async Task A_summary_without_buying_power_is_malformed_and_names_it()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.SummaryJson = """{"totalcashvalue": {"amount": 1, "currency": "USD"}, "netliquidation": {"amount": 2, "currency": "USD"}}""";

        var error = Failed(await Broker(venue, http).GetAccountAsync());

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse), (error.Class, error.Code));
        Assert.Contains("'buyingpower'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_orders_are_read_at_most_once_per_five_seconds_on_the_injected_clock()
    {
        await using var venue = IbkrVenue.Start();
        using var http = new HttpClient();
        venue.Add("AAPL", "Submitted", Cid.Value);
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 6, 14, 14, 30, 0, TimeSpan.Zero));
        var broker = Broker(venue, http, o => o with { LiveOrdersRateLimit = new RateLimit(1, TimeSpan.FromSeconds(5)), Timeout = TimeSpan.FromMinutes(5) }, clock);
        var start = clock.GetUtcNow();

        await Tradier.TradierFixture.Pump(clock, broker.ListOpenOrdersAsync());
        var afterFirst = clock.GetUtcNow();
        await Tradier.TradierFixture.Pump(clock, broker.ListOpenOrdersAsync());

        Assert.True(afterFirst - start < TimeSpan.FromSeconds(5), "the first read must not wait");
        Assert.True(clock.GetUtcNow() - start >= TimeSpan.FromSeconds(5), "the second read must wait for the endpoint's slot");
        Assert.Equal(2, venue.Server.Requests.Count(r => r.Path == "/v1/api/iserver/account/orders"));
    }
}
