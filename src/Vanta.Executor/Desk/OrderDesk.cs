using System.Collections.Immutable;
using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Orders;
using Vanta.Executor.Risk;

namespace Vanta.Executor.Desk;

/// <summary>The risk gate as the desk sees it: a verdict for one order, never an exception.</summary>
public interface IPreTradeCheck
{
    RiskCheck Check(Order order, string broker, DeskBook book, DateTimeOffset now);
}

/// <summary>What became of a request to the desk.</summary>
public abstract record DeskOutcome
{
    /// <summary>The venue has the order (or reported on it); <see cref="Order"/> is its journaled state.</summary>
    public sealed record Done(DeskOrder Order) : DeskOutcome;

    /// <summary>The client order id was journaled before: nothing was sent again.</summary>
    public sealed record AlreadyKnown(DeskOrder Order) : DeskOutcome;

    /// <summary>A risk fence refused it; it never reached the venue.</summary>
    public sealed record Denied(RiskCheck Check) : DeskOutcome;

    /// <summary>The venue refused it or the call failed for good; journaled.</summary>
    public sealed record Failed(BrokerError Error, DeskOrder? Order) : DeskOutcome;

    /// <summary>The send's outcome is unknown (timeout, dropped connection); reconciliation will settle it.</summary>
    public sealed record Pending(BrokerError Error, DeskOrder Order) : DeskOutcome;
}

/// <summary>
/// The executor's order desk for real venues. Every order is journaled (risk verdict, order, route) and flushed
/// BEFORE it is sent, so a kill at any point leaves a journal from which <see cref="ReconcileAsync"/> can ask the
/// venue, by client order id, what became of it. A client order id is sent at most once by this desk; adapters are
/// idempotent on it for the resend that reconciliation does when the venue has never heard of the order.
/// </summary>
/// <remarks>Not thread-safe: one command or one executor loop drives it.</remarks>
public sealed class OrderDesk(
    IJournal journal,
    IReadOnlyDictionary<string, IBrokerAdapter> brokers,
    IPreTradeCheck check,
    TimeProvider time,
    Producer producer,
    DeskBook book)
{
    public DeskBook Book => book;

    /// <summary>Fences, journals and sends <paramref name="order"/> to <paramref name="broker"/>.</summary>
    public async Task<DeskOutcome> SubmitAsync(Order order, string broker, ImmutableArray<EventId> parents, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (book.TryGet(order.ClientOrderId, out var known))
            return new DeskOutcome.AlreadyKnown(known);
        var adapter = Adapter(broker);
        var now = time.GetUtcNow();
        var verdict = book.TradingState == TradingState.Halted
            ? new RiskCheck(order.OrderId, order.ClientOrderId, order.VaultId, order.Symbol, false, "halted", "trading_state",
                "the executor is HALTED (kill switch); `vanta resume` lifts it", [], now)
            : check.Check(order, broker, book, now);
        var checkEnvelope = await AppendAsync(EventKinds.RiskCheck, verdict, now, parents, ct).ConfigureAwait(false);
        if (!verdict.Approved)
        {
            await journal.FlushAsync(ct).ConfigureAwait(false);
            return new DeskOutcome.Denied(verdict);
        }

        var orderEnvelope = await AppendAsync(EventKinds.Order, order, now, [checkEnvelope.EventId], ct).ConfigureAwait(false);
        await AppendAsync(EventKinds.OrderRouted, new OrderRouted(order.OrderId, order.ClientOrderId, broker, now), now, [orderEnvelope.EventId], ct).ConfigureAwait(false);
        // Write-ahead: the order is durable before the venue can know it.
        await journal.FlushAsync(ct).ConfigureAwait(false);

        var sent = await adapter.SubmitAsync(BrokerOrderRequest.From(order), ct).ConfigureAwait(false);
        return await SettleAsync(order.ClientOrderId, sent, ct).ConfigureAwait(false);
    }

    /// <summary>Asks the venue to cancel a working order and journals what it says.</summary>
    public async Task<DeskOutcome> CancelAsync(string id, CancellationToken ct = default)
    {
        var order = book.Find(id) ?? throw new DeskException($"no order '{id}' in this home's journal");
        if (order.IsTerminal)
            return new DeskOutcome.AlreadyKnown(order);
        var result = await Adapter(order.Broker).CancelAsync(order.Order.ClientOrderId, ct).ConfigureAwait(false);
        return await SettleAsync(order.Order.ClientOrderId, result, ct).ConfigureAwait(false);
    }

    /// <summary>Asks the venue for an order's state and journals any change.</summary>
    public async Task<DeskOutcome> RefreshAsync(string id, CancellationToken ct = default)
    {
        var order = book.Find(id) ?? throw new DeskException($"no order '{id}' in this home's journal");
        var result = await Adapter(order.Broker).GetOrderAsync(order.Order.ClientOrderId, ct).ConfigureAwait(false);
        return await SettleAsync(order.Order.ClientOrderId, result, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Journals a state the venue pushed (a trade-updates stream message): the same steps as a status query, so a
    /// pushed fill and a polled one journal the same events. An order the journal does not know is recorded.
    /// </summary>
    public async Task<DeskOutcome?> ObserveAsync(string broker, BrokerOrder state, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (book.TryGet(state.ClientOrderId, out var known) && known.Broker == broker)
            return await SettleAsync(state.ClientOrderId, state, ct).ConfigureAwait(false);
        await RecordAsync(broker, "order_unknown_locally", state.ClientOrderId.Value, "absent",
            Invariant($"{state.Status} {state.Side} {state.Quantity} {state.Symbol} (venue id {state.VenueOrderId})"), "recorded", ct).ConfigureAwait(false);
        await journal.FlushAsync(ct).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Records a trading-state change (kill switch, resume) for the whole executor. A halt is lifted one step at a
    /// time (HALTED, REDUCING, ACTIVE; see <see cref="TradingStateMachine"/>), each step journaled.
    /// </summary>
    public async Task SetTradingStateAsync(TradingState to, string reason, CancellationToken ct = default)
    {
        var steps = (book.TradingState, to) switch
        {
            var (from, same) when from == same => [],
            (TradingState.Halted, TradingState.Active) => new[] { TradingState.Reducing, TradingState.Active },
            _ => [to],
        };
        foreach (var step in steps)
        {
            var now = time.GetUtcNow();
            var change = new TradingStateChange("*", book.TradingState, TradingStateMachine.Transition(book.TradingState, step), reason, now);
            await AppendAsync(EventKinds.TradingState, change, now, [], ct).ConfigureAwait(false);
        }
        await journal.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Compares the journal with <paramref name="broker"/>: each working order is looked up by client order id
    /// (a newer state is adopted; one the venue never received is resent, once); orders the venue works that the
    /// journal does not know, and positions that differ from the journaled fills, are recorded. Every difference
    /// is journaled and returned.
    /// </summary>
    public async Task<IReadOnlyList<ReconciliationDifference>> ReconcileAsync(string broker, CancellationToken ct = default)
    {
        var adapter = Adapter(broker);
        var differences = new List<ReconciliationDifference>();
        foreach (var order in book.Working().Where(o => o.Broker == broker))
        {
            var cid = order.Order.ClientOrderId;
            var venue = await adapter.GetOrderAsync(cid, ct).ConfigureAwait(false);
            if (venue.IsSuccess)
            {
                if (venue.Value!.Status != order.Status || venue.Value.FilledQuantity != order.FilledQuantity)
                {
                    differences.Add(await RecordAsync(broker, "order_status", cid.Value, Describe(order.Status, order.FilledQuantity),
                        Describe(venue.Value.Status, venue.Value.FilledQuantity), "adopted_broker_state", ct).ConfigureAwait(false));
                    await SettleAsync(cid, venue, ct).ConfigureAwait(false);
                }
            }
            else if (venue.Error!.Code == BrokerErrorCodes.NotFound && order.Status == OrderStatus.New)
            {
                // Journaled but never acknowledged, and the venue has no such order: the send never arrived.
                differences.Add(await RecordAsync(broker, "order_missing_at_broker", cid.Value, "new", "absent", "resent", ct).ConfigureAwait(false));
                await SettleAsync(cid, await adapter.SubmitAsync(BrokerOrderRequest.From(order.Order), ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            }
            else if (venue.Error.Code == BrokerErrorCodes.NotFound)
            {
                differences.Add(await RecordAsync(broker, "order_missing_at_broker", cid.Value, Describe(order.Status, order.FilledQuantity), "absent", "recorded", ct).ConfigureAwait(false));
            }
            else
            {
                throw new DeskException($"reconciliation with {broker} stopped: {venue.Error}");
            }
        }

        var open = await adapter.ListOpenOrdersAsync(ct).ConfigureAwait(false);
        if (!open.IsSuccess)
            throw new DeskException($"reconciliation with {broker} stopped: {open.Error}");
        foreach (var unknown in open.Value!.Where(o => !book.TryGet(o.ClientOrderId, out _)).OrderBy(o => o.ClientOrderId))
        {
            differences.Add(await RecordAsync(broker, "order_unknown_locally", unknown.ClientOrderId.Value, "absent",
                Invariant($"{unknown.Status} {unknown.Side} {unknown.Quantity} {unknown.Symbol} (venue id {unknown.VenueOrderId})"), "recorded", ct).ConfigureAwait(false));
        }

        var positions = await adapter.GetPositionsAsync(ct).ConfigureAwait(false);
        if (!positions.IsSuccess)
            throw new DeskException($"reconciliation with {broker} stopped: {positions.Error}");
        var venueQuantities = positions.Value!.GroupBy(p => p.Symbol, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Quantity), StringComparer.Ordinal);
        var symbols = venueQuantities.Keys.Concat(book.Positions.Where(p => p.Broker == broker).Select(p => p.Symbol)).Distinct().Order(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            var local = book.PositionOf(broker, symbol);
            var atVenue = venueQuantities.GetValueOrDefault(symbol);
            if (local != atVenue)
                differences.Add(await RecordAsync(broker, "position_quantity", symbol, Invariant($"{local}"), Invariant($"{atVenue}"), "recorded", ct).ConfigureAwait(false));
        }
        await journal.FlushAsync(ct).ConfigureAwait(false);
        return differences;
    }

    private async Task<DeskOutcome> SettleAsync(ClientOrderId cid, BrokerResult<BrokerOrder> result, CancellationToken ct)
    {
        book.TryGet(cid, out var order);
        if (result.IsSuccess)
        {
            await ApplyVenueStateAsync(order, result.Value!, ct).ConfigureAwait(false);
            book.TryGet(cid, out order);
            await journal.FlushAsync(ct).ConfigureAwait(false);
            return new DeskOutcome.Done(order);
        }
        var error = result.Error!;
        if (error.Class == BrokerErrorClass.Retryable)
            return new DeskOutcome.Pending(error, order);
        if (order.Status is OrderStatus.New or OrderStatus.Submitted && error.Code != BrokerErrorCodes.NotCancelable)
        {
            await AppendEventAsync(order, OrderStatus.Rejected, order.FilledQuantity, order.AveragePrice, error.ToString(), ct).ConfigureAwait(false);
            await journal.FlushAsync(ct).ConfigureAwait(false);
            book.TryGet(cid, out order);
        }
        return new DeskOutcome.Failed(error, order);
    }

    private async Task ApplyVenueStateAsync(DeskOrder order, BrokerOrder venue, CancellationToken ct)
    {
        if (venue.Status == order.Status && venue.FilledQuantity == order.FilledQuantity)
            return;
        var path = OrderLifecycle.PathTo(order.Status, venue.Status);
        if (path is null)
        {
            // The venue reports a state the journal cannot reach (e.g. filled after cancelled): record, never rewrite history.
            await RecordAsync(order.Broker, "order_status_unreachable", order.Order.ClientOrderId.Value,
                Describe(order.Status, order.FilledQuantity), Describe(venue.Status, venue.FilledQuantity), "recorded", ct).ConfigureAwait(false);
            return;
        }
        foreach (var status in path)
        {
            var filled = status is OrderStatus.PartiallyFilled or OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Expired
                ? venue.FilledQuantity
                : order.FilledQuantity;
            book.TryGet(order.Order.ClientOrderId, out order);
            if (filled > order.FilledQuantity)
                await AppendFillAsync(order, filled, venue.AverageFillPrice, ct).ConfigureAwait(false);
            book.TryGet(order.Order.ClientOrderId, out order);
            await AppendEventAsync(order, status, filled, venue.AverageFillPrice ?? order.AveragePrice, venue.Reason, ct).ConfigureAwait(false);
        }
    }

    private async Task AppendFillAsync(DeskOrder order, decimal cumulative, decimal? averagePrice, CancellationToken ct)
    {
        var quantity = cumulative - order.FilledQuantity;
        if (averagePrice is not { } average)
            return;
        // The venue reports a running average; this execution's price is what moves the average to the new one.
        var price = order.AveragePrice is { } before && order.FilledQuantity > 0m
            ? decimal.Round(((average * cumulative) - (before * order.FilledQuantity)) / quantity, 8)
            : average;
        var now = time.GetUtcNow();
        var fillId = OrderIds.FillIdAtCumulative(order.Order.OrderId, cumulative);
        if (book.HasFill(fillId))
            return;
        var fill = new Fill(fillId, order.Order.OrderId, order.Order.ClientOrderId, order.Order.VaultId, order.Order.Symbol,
            order.Order.Side, quantity, price, 0m, now);
        await AppendAsync(EventKinds.Fill, fill, now, [order.LastEventId], ct).ConfigureAwait(false);
    }

    private async Task AppendEventAsync(DeskOrder order, OrderStatus status, decimal filled, decimal? averagePrice, string? reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var change = new OrderEvent(order.Order.OrderId, order.Order.ClientOrderId, status, filled, averagePrice, reason, now);
        await AppendAsync(EventKinds.OrderEvent, change, now, [order.LastEventId], ct).ConfigureAwait(false);
    }

    private async Task<ReconciliationDifference> RecordAsync(string broker, string kind, string subject, string local, string venue, string action, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var difference = new ReconciliationDifference(broker, kind, subject, local, venue, action, now);
        await AppendAsync(EventKinds.Reconciliation, difference, now, [], ct).ConfigureAwait(false);
        return difference;
    }

    private async Task<Envelope> AppendAsync<T>(EventKind<T> kind, T payload, DateTimeOffset ts, ImmutableArray<EventId> parents, CancellationToken ct)
    {
        var envelope = Envelope.Create(kind, payload, ts, time.GetUtcNow(), producer, parents);
        await journal.AppendAsync(envelope, ct).ConfigureAwait(false);
        book.Apply(envelope);
        return envelope;
    }

    private IBrokerAdapter Adapter(string broker) =>
        brokers.TryGetValue(broker, out var adapter)
            ? adapter
            : throw new DeskException($"no broker '{broker}' configured (known: {string.Join(", ", brokers.Keys.Order(StringComparer.Ordinal))})");

    private static string Describe(OrderStatus status, decimal filled) => Invariant($"{status} filled {filled}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A request the desk cannot act on (unknown order or broker, reconciliation stopped by the venue).</summary>
public sealed class DeskException(string message) : InvalidOperationException(message);
