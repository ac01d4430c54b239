using System.Collections.Immutable;
using System.Text.Json;
using Vanta.Bus;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Executor.Orders;
using Vanta.Executor.Portfolio;
using Vanta.Executor.Risk;
using Vanta.Journal;
using Vanta.Vaults.Compounding;
using Vanta.Vaults.Config;
using Vanta.Vaults.Personas;

namespace Vanta.Cli.Embedded.Roles;

/// <summary>
/// The Executor: plans orders from intents, runs every order through the risk fences (each verdict journaled as a
/// <c>risk_check</c>, the order's second parent), routes approved ones to the paper venue, applies fills to each
/// vault's ledger and to the gate's book, and keeps the trade log. Market data is handled before intents so that
/// an order placed at a close can only fill at a later bar, and the gate's reference price is the last close.
/// </summary>
public sealed class ExecutorRole
{
    private readonly Outbox _outbox;
    private readonly TimeProvider _clock;
    private readonly ISimulatedVenue _venue;
    private readonly OrderPlanner _planner;
    private readonly RiskGate _gate;
    private readonly OpenOrders _open = new();
    private readonly JsonlAppender _tradeLog;
    private readonly SortedDictionary<string, VaultLedger> _ledgers = new(StringComparer.Ordinal);
    private readonly Dictionary<OrderId, EventId> _orderEvents = [];
    private readonly Inbox _marketData;
    private readonly Inbox _intents;
    private readonly Inbox _config;
    private readonly Dictionary<string, decimal> _configured = new(StringComparer.Ordinal);

    public ExecutorRole(string node, IMessageBus bus, Outbox outbox, TimeProvider clock, VaultConfig config,
        ISimulatedVenue venue, OrderPlanner planner, JsonlAppender tradeLog)
    {
        _gate = new RiskGate(clock);
        foreach (var vault in config.Vaults)
            _gate.OpenVault(vault.Id, vault.Capital, LimitsFor(vault, config));
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
        _config = new Inbox(bus, Topics.Config, "executor.config", OnConfigAsync);
    }

    public Producer Producer { get; }

    public int Orders { get; private set; }

    public int Fills { get; private set; }

    /// <summary>Intents that made no order, by reason (at target, below minimum, expired...).</summary>
    public SortedDictionary<string, int> IntentsWithoutOrder { get; } = new(StringComparer.Ordinal);

    public IEnumerable<VaultLedger> Ledgers => _ledgers.Values;

    public ImmutableArray<OpenOrder> OpenOrders => _open.Snapshot();

    /// <summary>Orders the risk fences refused, by reason.</summary>
    public SortedDictionary<string, int> RiskDenials { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The fences a vault's orders pass in an embedded run: no single order larger than the vault's capital, no
    /// leverage (gross and net at most equity), the persona's position cap (a second line behind the allocator's),
    /// and the gate's defaults for the daily loss limit, order rate and price collar.
    /// </summary>
    public static RiskLimits LimitsFor(VaultDefinition vault, VaultConfig config)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(config);
        var persona = PersonaCatalog.Find(vault.Persona, config.Personas);
        return RiskLimits.Default with
        {
            MaxOrderNotional = vault.Capital,
            PersonaMaxPositionWeight = persona is { MaxPosition: < 1m } capped ? capped.MaxPosition : null,
        };
    }

    public async ValueTask<int> PumpAsync(CancellationToken ct) =>
        await _config.DrainAsync(ct).ConfigureAwait(false)
        + await _marketData.DrainAsync(ct).ConfigureAwait(false)
        + await _intents.DrainAsync(ct).ConfigureAwait(false);

    /// <summary>
    /// Alpha's configuration, as journaled: a vault added by a new <c>vault.json</c> version gets a ledger and risk
    /// limits; a compounding statement moves each sweep's cash from its source vault's ledger into its growth vault's.
    /// </summary>
    private ValueTask OnConfigAsync(Envelope envelope, CancellationToken ct)
    {
        var document = envelope.Read(EventKinds.Config);
        if (document.Kind == VaultCapitalBook.DocumentKind)
        {
            var statement = JsonSerializer.Deserialize(document.Content, VaultsJsonContext.Default.CapitalStatement)
                ?? throw new InvalidOperationException($"config {document.Version}: empty capital statement");
            foreach (var sweep in statement.Sweeps)
            {
                _ledgers[sweep.From.Value].Transfer(-sweep.Amount);
                _ledgers[sweep.Into.Value].Transfer(sweep.Amount);
                _gate.Transfer(sweep.From, -sweep.Amount);
                _gate.Transfer(sweep.Into, sweep.Amount);
            }
        }
        else if (document.Kind == VaultConfigLoader.DocumentKind && VaultConfigLoader.Parse(document.Content, document.EffectiveAt) is { IsSuccess: true } loaded)
        {
            foreach (var vault in loaded.Config!.Vaults)
            {
                if (!_ledgers.TryGetValue(vault.Id.Value, out var ledger))
                {
                    _ledgers[vault.Id.Value] = new VaultLedger(vault.Id, vault.Capital);
                    _gate.OpenVault(vault.Id, vault.Capital, LimitsFor(vault, loaded.Config));
                    _configured[vault.Id.Value] = vault.Capital;
                }
                else if (_configured.GetValueOrDefault(vault.Id.Value, ledger.Capital) is var before && before != vault.Capital)
                {
                    // A new configured capital is money put in or taken out, not a gain or a loss.
                    ledger.Transfer(vault.Capital - before);
                    _gate.Transfer(vault.Id, vault.Capital - before);
                    _configured[vault.Id.Value] = vault.Capital;
                }
            }
        }
        return ValueTask.CompletedTask;
    }

    private async ValueTask OnMarketDataAsync(Envelope envelope, CancellationToken ct)
    {
        if (!envelope.Is(EventKinds.PriceBar))
            return;
        var bar = envelope.Read(EventKinds.PriceBar);
        await HandleReportsAsync(_venue.OnBar(bar), ct).ConfigureAwait(false);
        foreach (var ledger in _ledgers.Values)
            ledger.Mark(bar);
        if (bar.Close > 0m)
            _gate.Mark(bar.Symbol, bar.Close);
        await JournalStateChangesAsync(envelope.EventId, ct).ConfigureAwait(false);
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
                var decision = _gate.Evaluate(order, envelope.Producer.Role);
                var check = Envelope.Create(EventKinds.RiskCheck, decision.ToRiskCheck(order, _clock.GetUtcNow()), order.CreatedAt, _clock.GetUtcNow(), Producer, [envelope.EventId]);
                await _outbox.PublishAsync(Topics.Orders, order.Symbol, check, ct).ConfigureAwait(false);
                await JournalStateChangesAsync(check.EventId, ct).ConfigureAwait(false);
                if (decision is RiskDecision.Denied denied)
                {
                    RiskDenials[RiskNames.Of(denied.Reason)] = RiskDenials.GetValueOrDefault(RiskNames.Of(denied.Reason)) + 1;
                    Count("risk_" + RiskNames.Of(denied.Reason));
                    break;
                }
                _open.Track(order);
                var orderEnvelope = Envelope.Create(EventKinds.Order, order, order.CreatedAt, _clock.GetUtcNow(), Producer, [envelope.EventId, check.EventId]);
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
            if (report.Fill is { } executed)
                _gate.ApplyFill(executed);
            _gate.ApplyOrderEvent(report.Event);
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

    /// <summary>Journals the trading-state changes the gate made on its own (a daily-loss breach moves a vault to REDUCING).</summary>
    private async ValueTask JournalStateChangesAsync(EventId cause, CancellationToken ct)
    {
        foreach (var change in _gate.TakeStateChanges())
        {
            await _outbox.PublishAsync(Topics.Executions, change.Scope,
                Envelope.Create(EventKinds.TradingState, change, change.Ts, _clock.GetUtcNow(), Producer, [cause]), ct).ConfigureAwait(false);
        }
    }

    private void Count(string reason) =>
        IntentsWithoutOrder[reason] = IntentsWithoutOrder.GetValueOrDefault(reason) + 1;
}
