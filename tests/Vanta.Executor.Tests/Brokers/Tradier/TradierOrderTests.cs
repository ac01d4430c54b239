using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;
using static Vanta.Executor.Tests.Brokers.Common.BrokerAssert;
using static Vanta.Executor.Tests.Brokers.Tradier.TradierFixture;

namespace Vanta.Executor.Tests.Brokers.Tradier;

public sealed class TradierOrderTests
{
    [Fact]
    public async Task A_partial_fill_reads_as_partially_filled_with_its_average_price()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        var broker = Broker(venue, http);
        var placed = (await broker.SubmitAsync(Limit())).GetValueOrThrow();
        venue.Fill(long.Parse(placed.VenueOrderId, CultureInfo.InvariantCulture), 4m, 512.20m);

        var order = (await broker.GetOrderAsync(Cid)).GetValueOrThrow();

        Assert.Equal((OrderStatus.PartiallyFilled, 4m, (decimal?)512.20m, 10m), (order.Status, order.FilledQuantity, order.AverageFillPrice, order.Quantity));
        Assert.Equal(new DateTimeOffset(2024, 6, 14, 14, 31, 4, 877, TimeSpan.Zero), order.UpdatedAt);
    }

    [Fact]
    public async Task A_single_listed_order_comes_as_an_object_and_is_still_found_by_tag()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        var listed = venue.Add("SPY", "filled", Cid.Value);
        venue.Fill(listed.Id, 10m, 511.5m);

        var order = (await Broker(venue, http).GetOrderAsync(Cid)).GetValueOrThrow();

        Assert.Contains(venue.Server.Requests, r => r.Path.EndsWith("/orders", StringComparison.Ordinal) && r.QueryValue("includeTags") == "true");
        Assert.Equal((OrderStatus.Filled, 10m, (decimal?)511.5m), (order.Status, order.FilledQuantity, order.AverageFillPrice));
    }

    [Fact]
    public async Task An_empty_listing_rendered_as_the_string_null_means_not_found()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();

        var error = Failed(await Broker(venue, http).GetOrderAsync(Cid));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound), (error.Class, error.Code));
    }

    [Fact]
    public async Task Open_orders_leave_out_finished_ones_and_keep_orders_placed_outside_vanta()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        venue.Add("SPY", "open", "vanta-aaa");
        venue.Add("QQQ", "pending", "vanta-bbb");
        venue.Add("IWM", "partially_filled", "vanta-ccc");
        venue.Add("DIA", "filled", "vanta-ddd");
        venue.Add("XLF", "canceled", "vanta-eee");
        venue.Add("XLE", "rejected", "vanta-fff");
        var manual = venue.Add("TLT", "open", tag: null, type: "stop", price: null);

        var open = (await Broker(venue, http).ListOpenOrdersAsync()).GetValueOrThrow();

        Assert.Equal(
            [("vanta-aaa", OrderStatus.Accepted), ("vanta-bbb", OrderStatus.Submitted), ("vanta-ccc", OrderStatus.PartiallyFilled), ("tradier-" + manual.Id, OrderStatus.Accepted)],
            open.Select(o => (o.ClientOrderId.Value, o.Status)));
        Assert.Equal("tradier type stop", open[^1].Reason);
    }

    [Fact]
    public async Task Listing_reads_every_page_until_a_short_one()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        for (var i = 0; i < 5; i++)
            venue.Add("SPY", "open", $"vanta-{i}");

        var open = (await Broker(venue, http, o => o with { ListPageSize = 2 }).ListOpenOrdersAsync()).GetValueOrThrow();

        Assert.Equal(5, open.Count);
        Assert.Equal(["1", "2", "3"], venue.Server.Requests.Select(r => r.QueryValue("page")));
        Assert.All(venue.Server.Requests, r => Assert.Equal("2", r.QueryValue("limit")));
    }

    [Fact]
    public async Task A_status_the_adapter_does_not_know_is_a_malformed_response_naming_it()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        venue.Add("SPY", "on_vacation", Cid.Value);

        var error = Failed(await Broker(venue, http).GetOrderAsync(Cid));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse), (error.Class, error.Code));
        Assert.Contains("unknown order status 'on_vacation'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_deletes_the_order_by_its_venue_id_and_returns_it_cancelled()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        var listed = venue.Add("SPY", "open", Cid.Value);

        var order = (await Broker(venue, http).CancelAsync(Cid)).GetValueOrThrow();

        var delete = Assert.Single(venue.Server.Requests, r => r.Method == "DELETE");
        Assert.Equal($"/v1/accounts/{TradierVenue.Account}/orders/{listed.Id}", delete.Path);
        Assert.Equal("Bearer " + TradierVenue.Token, delete.Header("Authorization"));
        Assert.Equal((OrderStatus.Cancelled, "canceled"), (order.Status, listed.Status));
    }

    [Fact]
    public async Task A_cancel_refused_in_an_http_200_body_is_not_cancelable()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        venue.Add("SPY", "open", Cid.Value);
        venue.RejectNextCancelWith = """{"errors": {"error": "Order is in a state that cannot be canceled."}}""";

        var error = Failed(await Broker(venue, http).CancelAsync(Cid));

        Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotCancelable), (error.Class, error.Code));
        Assert.Contains("cannot be canceled", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("filled", BrokerErrorCodes.NotCancelable)]
    [InlineData("canceled", null)]
    public async Task Cancelling_a_finished_order_sends_nothing(string status, string? code)
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        venue.Add("SPY", status, Cid.Value);

        var result = await Broker(venue, http).CancelAsync(Cid);

        Assert.Equal(code, result.Error?.Code);
        Assert.DoesNotContain(venue.Server.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Cancelling_an_order_tradier_does_not_have_is_not_found()
    {
        await using var venue = TradierVenue.Start();
        using var http = new HttpClient();
        venue.Add("SPY", "open", "vanta-someone-else");

        var error = Failed(await Broker(venue, http).CancelAsync(new ClientOrderId("vanta-missing")));

        Assert.Equal(BrokerErrorCodes.NotFound, error.Code);
        Assert.DoesNotContain(venue.Server.Requests, r => r.Method == "DELETE");
    }
}
