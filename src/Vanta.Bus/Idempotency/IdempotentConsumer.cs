namespace Vanta.Bus.Idempotency;

/// <summary>Whether <see cref="IdempotentConsumer"/> ran the handler or recognised a duplicate.</summary>
public enum ConsumeOutcome
{
    Processed = 1,
    Duplicate = 2,
}

/// <summary>
/// Runs a handler at most once per <see cref="Core.Envelopes.Envelope.EventId"/>, as far as its
/// memory reaches: the bus is at-least-once and event ids are content-derived, so a redelivery or a
/// republished event carries an id already seen. Acks in both cases. Not thread-safe: one per consumer.
/// </summary>
/// <remarks>
/// The id is remembered after the handler returns, and the message acked after that. If the process
/// dies between handler and remembering, the handler runs again on redelivery; handlers whose effects
/// must happen once (orders at a broker) derive their own idempotency key from the envelope as well.
/// A handler that throws leaves the message unacked and unremembered, so it is delivered again.
/// </remarks>
public sealed class IdempotentConsumer
{
    private readonly IBusSubscription subscription;
    private readonly Func<BusMessage, CancellationToken, ValueTask> handler;
    private readonly ISeenIdStore? store;

    /// <param name="windowCapacity">How many recent ids to keep in memory.</param>
    /// <param name="store">Optional durable memory behind the window, consulted on a miss.</param>
    public IdempotentConsumer(
        IBusSubscription subscription,
        Func<BusMessage, CancellationToken, ValueTask> handler,
        int windowCapacity = 65_536,
        ISeenIdStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(handler);
        this.subscription = subscription;
        this.handler = handler;
        this.store = store;
        Window = new SeenIdWindow(windowCapacity);
    }

    /// <summary>The in-memory ids, for inspection.</summary>
    public SeenIdWindow Window { get; }

    public async ValueTask<ConsumeOutcome> HandleAsync(BusMessage message, CancellationToken cancellationToken = default)
    {
        var id = message.Envelope.EventId;
        if (Window.Contains(id) || await SeenInStoreAsync(message, cancellationToken).ConfigureAwait(false))
        {
            subscription.Ack(in message);
            return ConsumeOutcome.Duplicate;
        }

        await handler(message, cancellationToken).ConfigureAwait(false);
        Window.Add(id);
        if (store is not null)
            await store.AddAsync(id, cancellationToken).ConfigureAwait(false);
        subscription.Ack(in message);
        return ConsumeOutcome.Processed;
    }

    private async ValueTask<bool> SeenInStoreAsync(BusMessage message, CancellationToken cancellationToken)
    {
        if (store is null || !await store.ContainsAsync(message.Envelope.EventId, cancellationToken).ConfigureAwait(false))
            return false;
        // Keep it close at hand: further copies of it are likely.
        Window.Add(message.Envelope.EventId);
        return true;
    }
}
