using System.Collections.Immutable;
using Vanta.Bus;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Executor.Orders;
using Vanta.Executor.Portfolio;
using Vanta.Journal;
using Vanta.Vaults.Config;

namespace Vanta.Cli.Embedded.Roles;

/// <summary>
/// The Executor: plans orders from intents, routes them to the paper venue, applies fills to each
/// vault's ledger, and keeps the trade log. Market data is handled before intents so that an order
/// placed at a close can only fill at a later bar.
/// </summary>
public sealed class ExecutorRole
{
    private readonly Outbox _outbox;
    private readonly TimeProvider _clock;
    private readonly ISimulatedVenue _venue;
    private readonly OrderPlanner _planner;
    private readonly OpenOrders _open = new();
    private readonly JsonlAppender _tradeLog;
    private readonly SortedDictionary<string, VaultLedger> _ledgers = new(StringComparer.Ordinal);
    private readonly Dictionary<OrderId, EventId> _orderEvents = [];
    private readonly Inbox _marketData;
    private readonly Inbox _intents;

    public ExecutorRole(string node, IMessageBus bus, Outbox outbox, TimeProvider clock, VaultConfig config,
        ISimulatedVenue venue, OrderPlanner planner, JsonlAppender tradeLog)
    {
        Producer = new Producer(node, Role.Executor);
        _outbox = outbox;
        _clock = clock;
        _venue = venue;
        _planner = planner;
        _tradeLog = tradeLog;
        foreach (var vault in config.Vaults)
            _ledgers[vault.Id.Value] = new VaultLedger(vault.Id, vault.Capital);
        _marketData = new Inbox(bus, Topics.Observations, "executor.marketdata", OnMarketDataAsync);
        _intents = new Inbox(bus, Topics.Intents, "executor.orders", OnIntentAsync);
    }

    public Producer Producer { get; }

    public int Orders { get; private set; }

    public int Fills { get; private set; }

    /// <summary>Intents that made no order, by reason (at target, below minimum, expired...).</summary>
    public SortedDictionary<string, int> IntentsWithoutOrder { get; } = new(StringComparer.Ordinal);

    public IEnumerable<VaultLedger> Ledgers => _ledgers.Values;

    public ImmutableArray<OpenOrder> OpenOrders => _open.Snapshot();

    public async ValueTask<int> PumpAsync(CancellationToken ct) =>
        await _marketData.DrainAsync(ct).ConfigureAwait(false) + await _intents.DrainAsync(ct).ConfigureAwait(false);

    private async ValueTask OnMarketDataAsync(Envelope envelope, CancellationToken ct)
    {
        if (!envelope.Is(EventKinds.PriceBar))
            return;
        var bar = envelope.Read(EventKinds.PriceBar);
        await HandleReportsAsync(_venue.OnBar(bar), ct).ConfigureAwait(false);
        foreach (var ledger in _ledgers.Values)
            ledger.Mark(bar);
    }

    private async ValueTask OnIntentAsync(Envelope envelope, CancellationToken ct)
    {
        var intent = envelope.Read(EventKinds.AllocationIntent);
        if (!_ledgers.TryGetValue(intent.VaultId.Value, out var ledger))
        {
            Count("unknown_vault");
            return;
        }
        var context = new PlanningContext(
            ledger.Equity, ledger.QuantityOf(intent.Symbol), _open.PendingQuantity(intent.VaultId, intent.Symbol), ledger.LastPriceOf(intent.Symbol));
        switch (_planner.Plan(intent, context, _clock.GetUtcNow()))
        {
            case OrderPlan.Submit(var order):
                _open.Track(order);
                var orderEnvelope = Envelope.Create(EventKinds.Order, order, order.CreatedAt, _clock.GetUtcNow(), Producer, [envelope.EventId]);
                _orderEvents[order.OrderId] = orderEnvelope.EventId;
                await _outbox.PublishAsync(Topics.Orders, order.Symbol, orderEnvelope, ct).ConfigureAwait(false);
                Orders++;
                await HandleReportsAsync(await _venue.SubmitAsync(order, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
                break;
            case OrderPlan.Skip(var reason, _):
                Count(reason.ToString());
                break;
            case OrderPlan.Reject(var reason, _):
                Count(reason.ToString());
                break;
        }
    }

    private async ValueTask HandleReportsAsync(IReadOnlyList<ExecutionReport> reports, CancellationToken ct)
    {
        foreach (var report in reports)
        {
            _open.Apply(report.Event);
            var parent = _orderEvents[report.Event.OrderId];
            var eventEnvelope = Envelope.Create(EventKinds.OrderEvent, report.Event, report.Event.Ts, _clock.GetUtcNow(), Producer, [parent]);
            await _outbox.PublishAsync(Topics.Executions, report.Event.ClientOrderId.Value, eventEnvelope, ct).ConfigureAwait(false);
            if (report.Fill is not { } fill)
                continue;
            var ledger = _ledgers[fill.VaultId.Value];
            ledger.Apply(fill);
            var fillEnvelope = Envelope.Create(EventKinds.Fill, fill, fill.Ts, _clock.GetUtcNow(), Producer, [eventEnvelope.EventId]);
            var isNew = await _outbox.PublishAsync(Topics.Executions, fill.ClientOrderId.Value, fillEnvelope, ct).ConfigureAwait(false);
            var portfolio = ledger.Snapshot(fill.Ts);
            await _outbox.PublishAsync(Topics.Executions, fill.VaultId.Value,
                Envelope.Create(EventKinds.Portfolio, portfolio, portfolio.Ts, _clock.GetUtcNow(), Producer, [fillEnvelope.EventId]), ct).ConfigureAwait(false);
            // The trade log is append-only: a rerun of fills already journaled must not repeat its lines.
            if (isNew)
                _tradeLog.Append(fill, Core.Serialization.VantaJsonContext.Default.Fill);
            Fills++;
        }
    }

    private void Count(string reason) =>
        IntentsWithoutOrder[reason] = IntentsWithoutOrder.GetValueOrDefault(reason) + 1;
}
