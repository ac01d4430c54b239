using Vanta.Core.Ids;

namespace Vanta.Bus.Idempotency;

/// <summary>
/// Durable memory of the event ids a consumer has handled, consulted when an id is not in the
/// in-memory window (after a restart, or once the window has evicted it). Shared by the consumers of
/// a group, it also catches a message redelivered to one consumer after another handled it.
/// </summary>
public interface ISeenIdStore
{
    ValueTask<bool> ContainsAsync(EventId id, CancellationToken cancellationToken = default);

    ValueTask AddAsync(EventId id, CancellationToken cancellationToken = default);
}
