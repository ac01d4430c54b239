using System.Collections.Immutable;
using Vanta.Bus;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;
using Vanta.Core.Serialization;
using Vanta.Core.Stages;
using Vanta.Journal;
using Vanta.Vaults.Compounding;
using Vanta.Vaults.Config;
using Vanta.Vaults.Engine;

namespace Vanta.Cli.Embedded.Roles;

/// <summary>
/// Alpha, the control plane: publishes the authoritative config documents, turns live convictions into
/// allocation intents (the autotrade queue), and once a day on the run's clock rereads <c>vault.json</c> and
/// <c>vault_overlay.json</c> (an invalid change is quarantined with its JSON path and the previous version stays
/// active) and sweeps realised gains by the vaults' compounding rules. It reads bar closes to size quantities and
/// the executor's portfolio snapshots for realised PnL.
/// </summary>
public sealed class AlphaRole
{
    private readonly Outbox _outbox;
    private readonly TimeProvider _clock;
    private readonly VaultConfigWatch _watch;
    private readonly JsonlAppender? _quarantineLog;
    private readonly VaultCapitalBook _capital;
    private readonly AutotradeQueue _queue = new();
    private readonly ImmutableArray<CapitalSweep>.Builder _sweeps = ImmutableArray.CreateBuilder<CapitalSweep>();
    private readonly Inbox _prices;
    private readonly Inbox _convictions;
    private readonly Inbox _executions;
    private VaultAllocator _allocator;
    private DateOnly? _day;

    public AlphaRole(string node, IMessageBus bus, Outbox outbox, TimeProvider clock, VaultConfigWatch watch, JsonlAppender? quarantineLog = null)
    {
        Producer = new Producer(node, Role.Alpha);
        _outbox = outbox;
        _clock = clock;
        _watch = watch;
        _quarantineLog = quarantineLog;
        _allocator = new VaultAllocator(watch.Active.Config!, watch.Active.Document!, watch.ActiveOverlay?.Overlay, watch.ActiveOverlay?.Document);
        _capital = new VaultCapitalBook(watch.Active.Config!);
        _prices = new Inbox(bus, Topics.Observations, "alpha.prices", OnMarketDataAsync);
        _convictions = new Inbox(bus, Topics.Convictions, "alpha.allocator", AllocateAsync);
        _executions = new Inbox(bus, Topics.Executions, "alpha.pnl", OnExecutionAsync);
    }

    public Producer Producer { get; }

    public int Intents { get; private set; }

    /// <summary>The vault.json version in force now.</summary>
    public string VaultVersion => _watch.Active.Document!.Version;

    /// <summary>Changed config files refused during the run (the previous version stayed active).</summary>
    public int ConfigRejections { get; private set; }

    /// <summary>The live intents per vault and symbol at <paramref name="now"/>: the autotrade queue operators read.</summary>
    public ImmutableArray<AllocationIntent> Queue(DateTimeOffset now) => _queue.Snapshot(now);

    /// <summary>Every vault's capital now, and the sweeps made in this run.</summary>
    public CapitalStatement Capital(DateTimeOffset now) =>
        new(DateOnly.FromDateTime(now.UtcDateTime), _sweeps.ToImmutable(), _capital.Snapshot());

    public async ValueTask PublishConfigAsync(ConfigDocument document, CancellationToken ct)
    {
        var envelope = Envelope.Create(EventKinds.Config, document, document.EffectiveAt, _clock.GetUtcNow(), Producer);
        await _outbox.PublishAsync(Topics.Config, document.Kind, envelope, ct).ConfigureAwait(false);
    }

    /// <summary>Publishes the config versions the run starts with.</summary>
    public async ValueTask PublishActiveConfigAsync(CancellationToken ct)
    {
        await PublishConfigAsync(_watch.Active.Document!, ct).ConfigureAwait(false);
        if (_watch.ActiveOverlay?.Document is { } overlay)
            await PublishConfigAsync(overlay, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Called before each input event: when the clock has entered a new day, closes the previous one (config
    /// reload, then compounding sweeps). Days follow the run's clock, so a replay makes the same days every time.
    /// </summary>
    public async ValueTask TickAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (_day is not { } day || today <= day)
        {
            _day ??= today;
            return;
        }
        _day = today;
        await ReloadAsync(now, ct).ConfigureAwait(false);
        var sweeps = _capital.Sweep(day);
        if (!sweeps.IsEmpty)
        {
            _sweeps.AddRange(sweeps);
            await PublishConfigAsync(_capital.ToDocument(day, sweeps, now), ct).ConfigureAwait(false);
        }
        ApplyCapital();
    }

    public async ValueTask<int> PumpAsync(CancellationToken ct) =>
        await _prices.DrainAsync(ct).ConfigureAwait(false)
        + await _convictions.DrainAsync(ct).ConfigureAwait(false)
        + await _executions.DrainAsync(ct).ConfigureAwait(false);

    private async ValueTask ReloadAsync(DateTimeOffset now, CancellationToken ct)
    {
        var poll = _watch.Poll(now);
        // What the files held is journaled (not applied, not sent to the Executor), so explain shows the refused
        // content and a replay shows Alpha the same files; each refusal names it as its parent.
        var seen = new Dictionary<string, EventId>(StringComparer.Ordinal);
        foreach (var sighting in poll.Unapplied)
        {
            var document = Envelope.Create(EventKinds.Config, sighting.ToDocument(now), now, now, Producer);
            _outbox.Record(document);
            seen[sighting.Kind] = document.EventId;
        }
        foreach (var rejection in poll.Rejected)
        {
            ImmutableArray<EventId> parents = seen.TryGetValue(rejection.Kind, out var parent) ? [parent] : [];
            foreach (var error in rejection.Errors)
            {
                ConfigRejections++;
                var location = error.Field.Length == 0 ? rejection.File : $"{rejection.File}:$.{error.Field}";
                var entry = new QuarantineEntry("alpha.config", location, error.Message + "; the previous valid version stays active",
                    rejection.ContentSha256, now);
                if (_outbox.Record(Envelope.Create(EventKinds.Quarantine, entry, now, now, Producer, parents)))
                    _quarantineLog?.Append(entry, VantaJsonContext.Default.QuarantineEntry);
            }
        }
        if (!poll.VaultChanged && !poll.OverlayChanged)
            return;
        if (poll.VaultChanged)
            await PublishConfigAsync(_watch.Active.Document!, ct).ConfigureAwait(false);
        if (poll.OverlayChanged)
            await PublishConfigAsync(_watch.ActiveOverlay!.Document!, ct).ConfigureAwait(false);
        _allocator = _allocator.Reconfigure(_watch.Active.Config!, _watch.Active.Document!, _watch.ActiveOverlay?.Overlay, _watch.ActiveOverlay?.Document);
        _capital.Reconfigure(_watch.Active.Config!);
    }

    private void ApplyCapital()
    {
        foreach (var vault in _capital.Snapshot())
            _allocator.SetCapital(vault.Vault, _capital.CapitalOf(vault.Vault));
    }

    private ValueTask OnMarketDataAsync(Envelope envelope, CancellationToken ct)
    {
        if (envelope.Is(EventKinds.PriceBar))
        {
            var bar = envelope.Read(EventKinds.PriceBar);
            _allocator.Mark(bar.Symbol, bar.Close);
        }
        return ValueTask.CompletedTask;
    }

    private ValueTask OnExecutionAsync(Envelope envelope, CancellationToken ct)
    {
        if (envelope.Is(EventKinds.Portfolio))
        {
            var portfolio = envelope.Read(EventKinds.Portfolio);
            _capital.ReportRealized(portfolio.VaultId, portfolio.RealizedPnl);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Convictions received at the current instant, allocated together when the instant ends.</summary>
    private readonly List<Observed<ConvictionVector>> _pending = [];

    private ValueTask AllocateAsync(Envelope envelope, CancellationToken ct)
    {
        _pending.Add(new Observed<ConvictionVector>(envelope.EventId, envelope.Read(EventKinds.Conviction)));
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Ends the current instant: one allocation round over every conviction that arrived in it. Bars of many
    /// symbols share a close; allocating after each would rebalance the whole book once per symbol, trading small
    /// deltas back and forth. Each intent's parent is the conviction for its symbol, else every one of the round.
    /// </summary>
    public async ValueTask EndInstantAsync(CancellationToken ct)
    {
        if (_pending.Count == 0)
            return;
        var now = _clock.GetUtcNow();
        var round = _pending.ToList();
        _pending.Clear();
        var bySignal = new Dictionary<SignalId, EventId>();
        foreach (var (id, conviction) in round)
            bySignal[conviction.SignalId] = id;
        ImmutableArray<EventId> all = [.. round.Select(r => r.EventId).Distinct()];
        foreach (var intent in _allocator.AllocateBatch(round.Select(r => r.Value), now))
        {
            // Same vault, symbol and target as the live queued intent: nothing new to say.
            if (!_queue.Offer(intent, now))
                continue;
            var parents = bySignal.TryGetValue(intent.SignalId, out var parent) ? [parent] : all;
            var published = Envelope.Create(EventKinds.AllocationIntent, intent, intent.IssuedAt, now, Producer, parents);
            await _outbox.PublishAsync(Topics.Intents, intent.VaultId.Value + "/" + intent.Symbol, published, ct).ConfigureAwait(false);
            Intents++;
        }
    }
}
