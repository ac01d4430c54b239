using Vanta.Core.Domain;
using Vanta.Core.Envelopes;

namespace Vanta.Bus.Contract;

/// <summary>Small, distinct envelopes for bus tests: heartbeats whose sequence makes each id unique.</summary>
internal static class TestEnvelopes
{
    public static readonly DateTimeOffset T0 = new(2024, 3, 1, 14, 30, 0, TimeSpan.Zero);

    private static readonly Producer Node = new("test-node", Role.Markets);

    public static Envelope Numbered(long sequence) =>
        Envelope.Create(EventKinds.Heartbeat, new Heartbeat("test-node", "markets", "cfg-1", sequence, T0), T0, T0, Node);

    public static long NumberOf(in BusMessage message) => message.Envelope.Read(EventKinds.Heartbeat).Sequence;
}

/// <summary>A seen-id store shared by several consumers, as a database table would be.</summary>
internal sealed class MemorySeenIdStore : Idempotency.ISeenIdStore
{
    private readonly HashSet<Core.Ids.EventId> ids = [];

    public int Count => ids.Count;

    public ValueTask<bool> ContainsAsync(Core.Ids.EventId id, CancellationToken cancellationToken = default) =>
        new(ids.Contains(id));

    public ValueTask AddAsync(Core.Ids.EventId id, CancellationToken cancellationToken = default)
    {
        ids.Add(id);
        return default;
    }
}
