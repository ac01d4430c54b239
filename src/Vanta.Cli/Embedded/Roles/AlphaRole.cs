using Vanta.Bus;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Stages;

namespace Vanta.Cli.Embedded.Roles;

/// <summary>
/// Alpha, the control plane: publishes the authoritative config document and turns live convictions
/// into allocation intents (the autotrade queue).
/// </summary>
public sealed class AlphaRole
{
    private readonly Outbox _outbox;
    private readonly TimeProvider _clock;
    private readonly IAllocator _allocator;
    private readonly Inbox _convictions;
    private readonly SortedDictionary<(string Vault, string Symbol), AllocationIntent> _queue = new(QueueKeyComparer.Instance);

    public AlphaRole(string node, IMessageBus bus, Outbox outbox, TimeProvider clock, IAllocator allocator)
    {
        Producer = new Producer(node, Role.Alpha);
        _outbox = outbox;
        _clock = clock;
        _allocator = allocator;
        _convictions = new Inbox(bus, Topics.Convictions, "alpha.allocator", AllocateAsync);
    }

    public Producer Producer { get; }

    public int Intents { get; private set; }

    /// <summary>The latest intent per vault and symbol: the autotrade queue operators read.</summary>
    public IReadOnlyCollection<AllocationIntent> Queue => _queue.Values;

    public async ValueTask PublishConfigAsync(ConfigDocument document, CancellationToken ct)
    {
        var envelope = Envelope.Create(EventKinds.Config, document, document.EffectiveAt, _clock.GetUtcNow(), Producer);
        await _outbox.PublishAsync(Topics.Config, document.Kind, envelope, ct).ConfigureAwait(false);
    }

    public ValueTask<int> PumpAsync(CancellationToken ct) => _convictions.DrainAsync(ct);

    private async ValueTask AllocateAsync(Envelope envelope, CancellationToken ct)
    {
        var conviction = envelope.Read(EventKinds.Conviction);
        var now = _clock.GetUtcNow();
        foreach (var intent in _allocator.Allocate(new Observed<ConvictionVector>(envelope.EventId, conviction), now))
        {
            var published = Envelope.Create(EventKinds.AllocationIntent, intent, intent.IssuedAt, now, Producer, [envelope.EventId]);
            await _outbox.PublishAsync(Topics.Intents, intent.VaultId.Value + "/" + intent.Symbol, published, ct).ConfigureAwait(false);
            _queue[(intent.VaultId.Value, intent.Symbol)] = intent;
            Intents++;
        }
    }

    private sealed class QueueKeyComparer : IComparer<(string Vault, string Symbol)>
    {
        public static QueueKeyComparer Instance { get; } = new();

        public int Compare((string Vault, string Symbol) x, (string Vault, string Symbol) y)
        {
            var byVault = string.CompareOrdinal(x.Vault, y.Vault);
            return byVault != 0 ? byVault : string.CompareOrdinal(x.Symbol, y.Symbol);
        }
    }
}
