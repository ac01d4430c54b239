using System.Collections.Concurrent;
using Vanta.Core.Envelopes;

namespace Vanta.Bus.InProcess;

/// <summary>
/// The bus of <c>vanta run</c>: everything in memory, one lock per topic, no allocation per message
/// once the rings have grown. Driven from one thread it is deterministic: a lone consumer of a group
/// receives the topic's messages in publish order, and any fixed sequence of calls gives the same
/// deliveries. Idle time is measured with the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class InProcessBus : IMessageBus
{
    private readonly ConcurrentDictionary<string, TopicLog> topics = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private readonly long minIdle;
    private volatile bool disposed;

    public InProcessBus(TimeProvider time, BusOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        this.time = time;
        Options = (options ?? new BusOptions()).Validate();
        minIdle = ToTimestampTicks(Options.MinIdle, time.TimestampFrequency);
    }

    public BusOptions Options { get; }

    public ValueTask PublishAsync(string topic, string key, Envelope envelope, CancellationToken cancellationToken = default)
    {
        var log = Topic(topic);
        var partition = Partition(key, envelope);
        var full = log.AppendOrWait(partition, key, envelope);
        return full is null ? default : WaitAndPublishAsync(log, partition, key, envelope, full, cancellationToken);
    }

    public bool TryPublish(string topic, string key, Envelope envelope)
    {
        var log = Topic(topic);
        return log.TryAppend(Partition(key, envelope), key, envelope);
    }

    public IBusSubscription Subscribe(string topic, string group, string consumer)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        return Topic(topic).Subscribe(group, consumer, time);
    }

    public ValueTask DisposeAsync()
    {
        disposed = true;
        foreach (var log in topics.Values)
            log.Close();
        return default;
    }

    private static async ValueTask WaitAndPublishAsync(
        TopicLog log, int partition, string key, Envelope envelope, Task full, CancellationToken cancellationToken)
    {
        for (var wait = full; wait is not null; wait = log.AppendOrWait(partition, key, envelope))
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private TopicLog Topic(string name)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentException.ThrowIfNullOrEmpty(name, "topic");
        return topics.TryGetValue(name, out var log)
            ? log
            : topics.GetOrAdd(name, static (n, bus) => new TopicLog(n, bus.Options, bus.minIdle), this);
    }

    private int Partition(string key, Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return KeyPartitioner.PartitionOf(key, Options.PartitionCount);
    }

    // Rounded up, so a message is never taken back before the full min idle time.
    private static long ToTimestampTicks(TimeSpan span, long frequency)
    {
        if (frequency == TimeSpan.TicksPerSecond)
            return span.Ticks;
        var ticks = Math.Ceiling(span.Ticks * ((double)frequency / TimeSpan.TicksPerSecond));
        return ticks >= long.MaxValue ? long.MaxValue : (long)ticks;
    }
}
