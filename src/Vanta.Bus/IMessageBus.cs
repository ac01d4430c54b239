using Vanta.Core.Envelopes;

namespace Vanta.Bus;

/// <summary>
/// The bus the roles talk over: an in-process bus in <c>vanta run</c>, Redis Streams between nodes.
/// </summary>
/// <remarks>
/// <para><b>Groups.</b> A consumer group is created by its first <see cref="Subscribe"/> and receives
/// every message published to the topic from then on (fan-out across groups). A message published
/// while a topic has no group is not kept for groups created later. A group outlives its consumers:
/// with none subscribed its backlog keeps filling until publishers wait.</para>
/// <para><b>Competing consumers.</b> Within a group each message goes to one consumer at a time.</para>
/// <para><b>At-least-once.</b> A message stays in its group's backlog until acked. It is delivered
/// again when the consumer holding it disposes its subscription (a crashed consumer) or when it has
/// been pending for <see cref="BusOptions.MinIdle"/> and a reclaim runs.</para>
/// <para><b>Per-key order.</b> Messages with the same key land in the same partition
/// (<see cref="KeyPartitioner"/>). A partition's messages are delivered in publish order, and while
/// a consumer holds unacked messages of a partition no other consumer of the group receives from it.
/// When the bus takes a partition back, all of its unacked messages are delivered again, in publish
/// order, before any of its messages not yet delivered. A message acked is never delivered again.
/// So a consumer that acks in the order it receives never sees a key's message n after n+1, though
/// it may see a message twice (hence <see cref="Idempotency.IdempotentConsumer"/>).</para>
/// <para><b>Bounded.</b> A group's backlog (published and not yet acked, delivered or not) holds at most
/// <see cref="BusOptions.Capacity"/> messages; publishing to a topic waits while any group of it is full.</para>
/// </remarks>
public interface IMessageBus : IAsyncDisposable
{
    /// <summary>The options the bus was built with.</summary>
    BusOptions Options { get; }

    /// <summary>
    /// Appends <paramref name="envelope"/> to <paramref name="topic"/> for every group, waiting while
    /// any group's backlog is at capacity.
    /// </summary>
    /// <param name="key">The partition key: messages with equal keys keep their publish order.</param>
    ValueTask PublishAsync(string topic, string key, Envelope envelope, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends without waiting for capacity: returns <see langword="false"/>, and appends to no group,
    /// when any group of the topic is full. A single-threaded runner uses this to drain before it
    /// publishes more, where waiting would deadlock.
    /// </summary>
    bool TryPublish(string topic, string key, Envelope envelope);

    /// <summary>
    /// Joins <paramref name="consumer"/> to <paramref name="group"/> on <paramref name="topic"/>,
    /// creating the group if it does not exist. A consumer name is held by one live subscription at a time.
    /// </summary>
    IBusSubscription Subscribe(string topic, string group, string consumer);
}
