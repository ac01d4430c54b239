using Microsoft.Extensions.Time.Testing;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Executor.Desk;
using static Vanta.Executor.Tests.Builders;

namespace Vanta.Executor.Tests.Desk;

public sealed class OrderDeskTests
{
    private readonly FakeTimeProvider _time = new(Day1);
    private readonly MemoryJournal _journal = new();
    private readonly FakeVenue _venue = new();

    [Fact]
    public async Task An_approved_order_is_journaled_and_flushed_before_it_is_sent()
    {
        var desk = DeskSetup.Desk(_journal, _venue, _time);
        var order = Market("AAPL", OrderSide.Buy, 10m, Day1);

        var outcome = await desk.SubmitAsync(order, "fake", []);

        var done = Assert.IsType<DeskOutcome.Done>(outcome);
        Assert.Equal(OrderStatus.Accepted, done.Order.Status);
        Assert.Equal(["risk_check", "order", "order_routed", "order_event", "order_event"], _journal.Records.Select(r => r.Type));
        Assert.Equal([OrderStatus.Submitted, OrderStatus.Accepted], _journal.Of(EventKinds.OrderEvent).Select(e => e.Status));
        Assert.True(_journal.Of(EventKinds.RiskCheck).Single().Approved);
        Assert.Single(_venue.Orders);
        Assert.Equal(_journal.Records.Count, _journal.Durable.Count);
    }

    [Fact]
    public async Task Submitting_the_same_client_order_id_again_sends_nothing()
    {
        var desk = DeskSetup.Desk(_journal, _venue, _time);
        var order = Market("AAPL", OrderSide.Buy, 10m, Day1);
        await desk.SubmitAsync(order, "fake", []);

        var again = await desk.SubmitAsync(order, "fake", []);

        Assert.IsType<DeskOutcome.AlreadyKnown>(again);
        Assert.Equal(1, _venue.SubmitCalls);
        // A new process reading the journal refuses it too.
        var restarted = DeskSetup.Desk(_journal.AfterCrash(), _venue, _time);
        Assert.IsType<DeskOutcome.AlreadyKnown>(await restarted.SubmitAsync(order, "fake", []));
        Assert.Equal(1, _venue.SubmitCalls);
    }

    [Fact]
    public async Task A_denied_order_is_journaled_as_a_risk_check_and_never_reaches_the_venue()
    {
        var desk = DeskSetup.Desk(_journal, _venue, _time, maxQuantity: 5m);

        var outcome = await desk.SubmitAsync(Market("AAPL", OrderSide.Buy, 10m, Day1), "fake", []);

        var denied = Assert.IsType<DeskOutcome.Denied>(outcome);
        Assert.Equal("max_quantity", denied.Check.DenialReason);
        Assert.Equal(["risk_check"], _journal.Records.Select(r => r.Type));
        Assert.Equal(0, _venue.SubmitCalls);
    }

    [Fact]
    public async Task Halted_denies_everything_until_resumed()
    {
        var desk = DeskSetup.Desk(_journal, _venue, _time);
        await desk.SetTradingStateAsync(TradingState.Halted, "operator");

        var denied = Assert.IsType<DeskOutcome.Denied>(await desk.SubmitAsync(Market("AAPL", OrderSide.Sell, 1m, Day1), "fake", []));
        Assert.Equal("halted", denied.Check.DenialReason);
        Assert.Equal(0, _venue.SubmitCalls);

        // The halt survives a restart: it is in the journal. Lifting it steps through REDUCING.
        var survivor = _journal.AfterCrash();
        var restarted = DeskSetup.Desk(survivor, _venue, _time);
        Assert.Equal(TradingState.Halted, restarted.Book.TradingState);
        await restarted.SetTradingStateAsync(TradingState.Active, "operator");
        Assert.Equal([(TradingState.Active, TradingState.Halted), (TradingState.Halted, TradingState.Reducing), (TradingState.Reducing, TradingState.Active)],
            survivor.Of(EventKinds.TradingState).Select(c => (c.From, c.To)));
        Assert.IsType<DeskOutcome.Done>(await restarted.SubmitAsync(Market("AAPL", OrderSide.Sell, 1m, Day1, "2"), "fake", []));
    }

    [Fact]
    public async Task A_send_whose_answer_was_lost_is_settled_by_reconciliation_without_a_second_order()
    {
        var desk = DeskSetup.Desk(_journal, _venue, _time);
        var order = Market("AAPL", OrderSide.Buy, 10m, Day1);
        _venue.Next = NextSubmit.AcceptThenTimeOut;

        Assert.IsType<DeskOutcome.Pending>(await desk.SubmitAsync(order, "fake", []));

        var restarted = DeskSetup.Desk(_journal.AfterCrash(), _venue, _time);
        var differences = await restarted.ReconcileAsync("fake");

        var difference = Assert.Single(differences);
        Assert.Equal(("order_status", "adopted_broker_state"), (difference.Kind, difference.Action));
        Assert.Single(_venue.Orders);
        Assert.Equal(1, _venue.SubmitCalls);
        Assert.True(restarted.Book.TryGet(order.ClientOrderId, out var settled));
        Assert.Equal(OrderStatus.Accepted, settled.Status);
    }

    [Fact]
    public async Task A_send_that_never_arrived_is_resent_once_by_reconciliation()
    {
        var desk = DeskSetup.Desk(_journal, _venue, _time);
        var order = Market("AAPL", OrderSide.Buy, 10m, Day1);
        _venue.Next = NextSubmit.LoseBeforeArrival;
        Assert.IsType<DeskOutcome.Pending>(await desk.SubmitAsync(order, "fake", []));
        Assert.Empty(_venue.Orders);

        var survivor = _journal.AfterCrash();
        var differences = await DeskSetup.Desk(survivor, _venue, _time).ReconcileAsync("fake");

        Assert.Equal("resent", Assert.Single(differences).Action);
        Assert.Single(_venue.Orders);
        // Reconciling again, after another restart, finds nothing to do.
        Assert.Empty(await DeskSetup.Desk(survivor.AfterCrash(), _venue, _time).ReconcileAsync("fake"));
        Assert.Equal(2, _venue.SubmitCalls);
    }

    [Fact]
    public async Task A_venue_that_jumps_to_filled_is_journaled_through_the_legal_lifecycle_with_its_fill()
    {
        var desk = DeskSetup.Desk(_journal, _venue, _time);
        var order = Market("AAPL", OrderSide.Buy, 10m, Day1);
        await desk.SubmitAsync(order, "fake", []);
        _venue.Move(order.ClientOrderId, OrderStatus.PartiallyFilled, 4m, 100m);
        await desk.RefreshAsync(order.ClientOrderId.Value);
        _venue.Move(order.ClientOrderId, OrderStatus.Filled, 10m, 101.2m);

        var outcome = await desk.RefreshAsync(order.OrderId.Value);

        Assert.Equal(OrderStatus.Filled, Assert.IsType<DeskOutcome.Done>(outcome).Order.Status);
        var fills = _journal.Of(EventKinds.Fill).ToList();
        Assert.Equal([4m, 6m], fills.Select(f => f.Quantity));
        // 10 x 101.2 - 4 x 100 = 612 for the last 6: 102 each.
        Assert.Equal([100m, 102m], fills.Select(f => f.Price));
        Assert.Equal(10m, desk.Book.PositionOf("fake", "AAPL"));
        Assert.Equal([OrderStatus.Submitted, OrderStatus.Accepted, OrderStatus.PartiallyFilled, OrderStatus.Filled],
            _journal.Of(EventKinds.OrderEvent).Select(e => e.Status));
    }

    [Fact]
    public async Task A_pushed_update_journals_the_same_steps_as_a_poll()
    {
        var desk = DeskSetup.Desk(_journal, _venue, _time);
        var order = Market("AAPL", OrderSide.Buy, 10m, Day1);
        await desk.SubmitAsync(order, "fake", []);
        _venue.Move(order.ClientOrderId, OrderStatus.Filled, 10m, 101m);
        var pushed = (await _venue.GetOrderAsync(order.ClientOrderId)).Value!;

        Assert.IsType<DeskOutcome.Done>(await desk.ObserveAsync("fake", pushed));
        Assert.Null(await desk.ObserveAsync("fake", pushed with { ClientOrderId = new("someone-else") }));

        Assert.Equal((10m, 101m), _journal.Of(EventKinds.Fill).Select(f => (f.Quantity, f.Price)).Single());
        Assert.Equal("order_unknown_locally", _journal.Of(EventKinds.Reconciliation).Single().Kind);
        // The same push again changes nothing.
        await desk.ObserveAsync("fake", pushed);
        Assert.Single(_journal.Of(EventKinds.Fill));
    }

    [Fact]
    public async Task A_venue_rejection_is_journaled_as_rejected()
    {
        var desk = DeskSetup.Desk(_journal, _venue, _time);
        _venue.Next = NextSubmit.Reject;

        var failed = Assert.IsType<DeskOutcome.Failed>(await desk.SubmitAsync(Market("AAPL", OrderSide.Buy, 10m, Day1), "fake", []));

        Assert.Equal(OrderStatus.Rejected, failed.Order!.Status);
        Assert.Contains("insufficient buying power", failed.Order.Reason, StringComparison.Ordinal);
        Assert.Empty(desk.Book.Working());
    }

    [Fact]
    public async Task Cancel_is_journaled_and_a_filled_order_is_not_cancelable()
    {
        var desk = DeskSetup.Desk(_journal, _venue, _time);
        var first = Market("AAPL", OrderSide.Buy, 10m, Day1);
        var second = Market("MSFT", OrderSide.Buy, 10m, Day1);
        await desk.SubmitAsync(first, "fake", []);
        await desk.SubmitAsync(second, "fake", []);
        _venue.Move(second.ClientOrderId, OrderStatus.Filled, 10m, 50m);

        Assert.Equal(OrderStatus.Cancelled, Assert.IsType<DeskOutcome.Done>(await desk.CancelAsync(first.ClientOrderId.Value)).Order.Status);
        var refused = Assert.IsType<DeskOutcome.Failed>(await desk.CancelAsync(second.ClientOrderId.Value));
        Assert.Equal("not_cancelable", refused.Error.Code);
        Assert.Throws<DeskException>(() => desk.CancelAsync("nope").GetAwaiter().GetResult());
    }

    [Fact]
    public async Task Reconciliation_records_orders_and_positions_the_journal_does_not_know()
    {
        var desk = DeskSetup.Desk(_journal, _venue, _time);
        _venue.Plant(new BrokerOrderStub("x-1").Order);
        _venue.Positions.Add(new("TSLA", 3m, 200m, 600m));

        var differences = await desk.ReconcileAsync("fake");

        Assert.Equal(["order_unknown_locally", "position_quantity"], differences.Select(d => d.Kind));
        Assert.Equal(2, _journal.Of(EventKinds.Reconciliation).Count());
    }

    [Theory]
    [InlineData(OrderStatus.New, OrderStatus.Filled, "Submitted,Accepted,Filled")]
    [InlineData(OrderStatus.Accepted, OrderStatus.Cancelled, "Cancelled")]
    [InlineData(OrderStatus.New, OrderStatus.Rejected, "Rejected")]
    [InlineData(OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled, "PartiallyFilled")]
    [InlineData(OrderStatus.Accepted, OrderStatus.Accepted, "")]
    public void Lifecycle_paths_are_the_shortest_legal_ones(OrderStatus from, OrderStatus to, string expected) =>
        Assert.Equal(expected, string.Join(",", OrderLifecycle.PathTo(from, to)!));

    [Fact]
    public void There_is_no_path_out_of_a_terminal_state() =>
        Assert.Null(OrderLifecycle.PathTo(OrderStatus.Cancelled, OrderStatus.Filled));

    private sealed record BrokerOrderStub(string Id)
    {
        public Vanta.Executor.Brokers.Common.BrokerOrder Order => new(Id, new Core.Ids.ClientOrderId("manual-" + Id), "MSFT", OrderSide.Sell, OrderType.Limit,
            5m, 300m, OrderStatus.Accepted, 0m, null, null, null);
    }
}
