using Vanta.Core.Domain;
using Vanta.Executor.Brokers.Alpaca;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Orders;

namespace Vanta.Executor.Tests.Brokers.Alpaca;

public sealed class AlpacaMappingTests
{
    [Theory]
    [InlineData("new", "0", OrderStatus.Accepted)]
    [InlineData("accepted", "0", OrderStatus.Accepted)]
    [InlineData("pending_new", "0", OrderStatus.Accepted)]
    [InlineData("accepted_for_bidding", "0", OrderStatus.Accepted)]
    [InlineData("partially_filled", "4", OrderStatus.PartiallyFilled)]
    [InlineData("filled", "10", OrderStatus.Filled)]
    [InlineData("canceled", "0", OrderStatus.Cancelled)]
    [InlineData("expired", "2", OrderStatus.Expired)]
    [InlineData("rejected", "0", OrderStatus.Rejected)]
    [InlineData("replaced", "0", OrderStatus.Cancelled)]
    [InlineData("done_for_day", "0", OrderStatus.Accepted)]
    [InlineData("done_for_day", "3", OrderStatus.PartiallyFilled)]
    [InlineData("pending_cancel", "0", OrderStatus.Accepted)]
    [InlineData("pending_cancel", "6", OrderStatus.PartiallyFilled)]
    [InlineData("pending_replace", "0", OrderStatus.Accepted)]
    [InlineData("stopped", "0", OrderStatus.Accepted)]
    [InlineData("suspended", "1", OrderStatus.PartiallyFilled)]
    [InlineData("calculated", "10", OrderStatus.Filled)]
    [InlineData("calculated", "7", OrderStatus.PartiallyFilled)]
    public void Every_alpaca_status_maps_onto_vantas_lifecycle(string status, string filled, OrderStatus expected)
    {
        var order = AlpacaMapping.Order(Json(status) with { FilledQty = filled });

        Assert.Equal(expected, order.Status);
    }

    [Fact]
    public void Mapped_statuses_only_move_along_legal_lifecycle_steps_from_accepted()
    {
        // Whatever Alpaca reports after acknowledging an order must be reachable from Accepted (or be Accepted).
        string[] statuses = ["new", "partially_filled", "filled", "canceled", "expired", "replaced", "done_for_day", "pending_cancel", "calculated", "stopped"];
        Assert.All(statuses, s =>
        {
            var status = AlpacaMapping.Order(Json(s) with { FilledQty = "1" }).Status;
            Assert.True(status == OrderStatus.Accepted || OrderStateMachine.CanTransition(OrderStatus.Accepted, status), $"{s} -> {status}");
        });
    }

    [Fact]
    public void Unknown_status_is_reported_not_guessed()
    {
        var error = Assert.Throws<AlpacaWireException>(() => AlpacaMapping.Order(Json("held_for_review")));

        Assert.Equal("unknown order status \"held_for_review\"", error.Message);
    }

    [Fact]
    public void Replaced_order_names_its_replacement()
    {
        var order = AlpacaMapping.Order(Json("replaced") with { ReplacedBy = "9a0b1c2d-0000-4000-8000-000000000009" });

        Assert.Equal("replaced by Alpaca order 9a0b1c2d-0000-4000-8000-000000000009", order.Reason);
    }

    [Theory]
    [InlineData("2023-12-12T22:31:24.668464435Z", "2023-12-12T22:31:24.6684644+00:00")]
    [InlineData("2024-06-14T10:31:05.402-04:00", "2024-06-14T10:31:05.4020000-04:00")]
    [InlineData("2024-06-14T14:31:05Z", "2024-06-14T14:31:05.0000000+00:00")]
    public void Timestamps_with_nanoseconds_and_offsets_are_read(string wire, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), AlpacaMapping.Timestamp(wire, "t"));
    }

    [Theory]
    [InlineData(10, "10")]
    [InlineData(187.50, "187.5")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(12345678.9, "12345678.9")]
    public void Decimals_are_written_as_plain_invariant_strings(decimal value, string wire) => Assert.Equal(wire, AlpacaMapping.Format(value));

    private static AlpacaOrderJson Json(string status) => new()
    {
        Id = "0f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
        ClientOrderId = "vanta-c-0001",
        Symbol = "AAPL",
        Qty = "10",
        FilledQty = "0",
        Side = "buy",
        Type = "limit",
        LimitPrice = "187.5",
        Status = status,
        UpdatedAt = "2024-06-14T14:31:02.120511Z",
    };
}
