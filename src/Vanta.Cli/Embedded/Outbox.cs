using Vanta.Bus;
using Vanta.Core.Envelopes;

namespace Vanta.Cli.Embedded;

/// <summary>Journals an envelope, then publishes it: nothing reaches a consumer that is not in the journal first.</summary>
public sealed class Outbox(JournalSink journal, IMessageBus bus)
{
    /// <summary>Returns true when the event is new to the journal (false on a rerun of events already recorded).</summary>
    /// <remarks>
    /// The embedded scheduler publishes and drains from one thread, so waiting for space would wait for ever:
    /// a full group here means the scheduler stopped draining, which is a bug.
    /// </remarks>
    public ValueTask<bool> PublishAsync(string topic, string key, Envelope envelope, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var appended = journal.Append(envelope);
        if (!bus.TryPublish(topic, key, envelope))
            throw new InvalidOperationException($"bus topic '{topic}' is full: the embedded scheduler must drain before publishing more");
        return ValueTask.FromResult(appended);
    }

    /// <summary>Journals an event that no other role consumes (heartbeats, quarantine); true when new.</summary>
    public bool Record(Envelope envelope) => journal.Append(envelope);
}

/// <summary>One role's subscription, drained on demand by the embedded scheduler, deduping by event id.</summary>
public sealed class Inbox
{
    private readonly IBusSubscription _subscription;
    private readonly Bus.Idempotency.IdempotentConsumer _consumer;

    public Inbox(IMessageBus bus, string topic, string group, Func<Envelope, CancellationToken, ValueTask> handler)
    {
        _subscription = bus.Subscribe(topic, group, group + "-1");
        _consumer = new Bus.Idempotency.IdempotentConsumer(_subscription, (message, ct) => handler(message.Envelope, ct));
    }

    /// <summary>Handles every message available now; returns how many there were.</summary>
    public async ValueTask<int> DrainAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        while (_subscription.TryReceive(out var message))
        {
            await _consumer.HandleAsync(message, cancellationToken).ConfigureAwait(false);
            handled++;
        }
        return handled;
    }
}
