namespace Vanta.Bus;

/// <summary>
/// One consumer's membership of a consumer group. Disposing it hands the consumer's unacked messages
/// back to the group, to be delivered to its other consumers (or to the next one to join).
/// </summary>
/// <remarks>Meant to be driven by one thread at a time, like the consumer it stands for.</remarks>
public interface IBusSubscription : IAsyncDisposable
{
    string Topic { get; }

    string Group { get; }

    string Consumer { get; }

    /// <summary>
    /// Takes the next message available to this consumer without waiting: redelivered messages first,
    /// then new ones. Never blocks, so a runner can drain every queue from one thread.
    /// </summary>
    bool TryReceive(out BusMessage message);

    /// <summary>Waits for the next message available to this consumer.</summary>
    ValueTask<BusMessage> ReceiveAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a message handled, so it is never delivered again. Acking an unknown, foreign or already
    /// acked delivery does nothing. An implementation over a network may buffer acks and send them
    /// with its next request; the message may be delivered again until then.
    /// </summary>
    void Ack(in BusMessage message);

    /// <summary>
    /// Takes back messages that consumers of the group have held unacked for at least
    /// <see cref="BusOptions.MinIdle"/>, so that they are delivered again (to this consumer or another).
    /// Implementations may also do this on their own; this makes it happen now.
    /// </summary>
    /// <returns>How many messages were taken back.</returns>
    ValueTask<int> ReclaimAsync(CancellationToken cancellationToken = default);

    /// <summary>Fills <paramref name="buffer"/> with up to its length of messages without waiting.</summary>
    /// <returns>How many messages were written.</returns>
    int TryReceiveMany(Span<BusMessage> buffer)
    {
        var count = 0;
        while (count < buffer.Length && TryReceive(out buffer[count]))
            count++;
        return count;
    }

    /// <summary>Acks each message, as <see cref="Ack(in BusMessage)"/> does.</summary>
    void AckMany(ReadOnlySpan<BusMessage> messages)
    {
        foreach (ref readonly var message in messages)
            Ack(in message);
    }
}
