using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Vanta.Bus.Contract;

/// <summary>
/// What every <see cref="IMessageBus"/> must do. A test project per implementation derives from this
/// class and supplies <see cref="CreateBus"/>. Another test project reuses the suite by linking this
/// folder: <c>&lt;Compile Include="../Vanta.Bus.Tests/Contract/*.cs" LinkBase="Contract" /&gt;</c>.
/// </summary>
/// <remarks>
/// The suite drives consumers from one thread. Implementations that deliver through a server override
/// <see cref="QuietPeriod"/> (how long "nothing arrives" is waited for) and <see cref="PassTimeAsync"/>
/// (when the server measures idle time with its own clock).
/// </remarks>
public abstract partial class BusContractTests
{
    protected const string Topic = "contract";

    protected static readonly TimeSpan MinIdle = TimeSpan.FromSeconds(30);

    protected FakeTimeProvider Time { get; } = new(TestEnvelopes.T0);

    protected abstract IMessageBus CreateBus(TimeProvider time, BusOptions options);

    /// <summary>The longest wait for a message that must arrive.</summary>
    protected virtual TimeSpan DeliveryTimeout => TimeSpan.FromSeconds(10);

    /// <summary>How long a receive must find nothing before the suite concludes nothing will come.</summary>
    protected virtual TimeSpan QuietPeriod => TimeSpan.Zero;

    /// <summary>Lets <paramref name="span"/> pass for idle-time purposes.</summary>
    protected virtual Task PassTimeAsync(TimeSpan span)
    {
        Time.Advance(span);
        return Task.CompletedTask;
    }

    protected IMessageBus NewBus(int capacity = 1_024, int partitions = 8) =>
        CreateBus(Time, new BusOptions { Capacity = capacity, PartitionCount = partitions, MinIdle = MinIdle });

    protected async Task<BusMessage> ReceiveAsync(IBusSubscription subscription)
    {
        if (subscription.TryReceive(out var message))
            return message;
        using var timeout = new CancellationTokenSource(DeliveryTimeout);
        return await subscription.ReceiveAsync(timeout.Token);
    }

    protected async Task<BusMessage?> ReceiveOrNoneAsync(IBusSubscription subscription)
    {
        if (subscription.TryReceive(out var message))
            return message;
        if (QuietPeriod <= TimeSpan.Zero)
            return null;
        using var quiet = new CancellationTokenSource(QuietPeriod);
        try
        {
            return await subscription.ReceiveAsync(quiet.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    protected async Task AssertNothingFor(params IBusSubscription[] subscriptions)
    {
        foreach (var subscription in subscriptions)
        {
            var stray = await ReceiveOrNoneAsync(subscription);
            Assert.True(stray is null, $"{subscription.Consumer} unexpectedly received {stray}");
        }
    }

    /// <summary>Receives and acks exactly <paramref name="count"/> messages, in order received.</summary>
    protected async Task<List<BusMessage>> DrainAsync(IBusSubscription subscription, int count)
    {
        var received = new List<BusMessage>(count);
        for (var i = 0; i < count; i++)
        {
            var message = await ReceiveAsync(subscription);
            subscription.Ack(in message);
            received.Add(message);
        }
        return received;
    }

    protected static long[] Numbers(IEnumerable<BusMessage> messages) =>
        messages.Select(m => TestEnvelopes.NumberOf(m)).ToArray();

    protected static string KeyOf(long number) => "key-" + (number % 5);

    [Fact]
    public async Task Published_envelope_arrives_byte_for_byte_with_topic_key_and_first_delivery_count()
    {
        await using var bus = NewBus();
        await using var consumer = bus.Subscribe(Topic, "g", "c1");
        var envelope = TestEnvelopes.Numbered(1);

        await bus.PublishAsync(Topic, "AAPL", envelope);
        var message = await ReceiveAsync(consumer);

        Assert.Equal(Topic, message.Topic);
        Assert.Equal("AAPL", message.Key);
        Assert.Equal(1, message.DeliveryCount);
        Assert.False(message.IsRedelivery);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(envelope), JsonSerializer.SerializeToUtf8Bytes(message.Envelope));
        Assert.Equal(envelope.EventId, message.Envelope.ComputeId());
    }

    [Fact]
    public async Task Every_group_receives_every_message()
    {
        await using var bus = NewBus();
        await using var first = bus.Subscribe(Topic, "g1", "c");
        await using var second = bus.Subscribe(Topic, "g2", "c");

        for (var n = 0; n < 20; n++)
            await bus.PublishAsync(Topic, KeyOf(n), TestEnvelopes.Numbered(n));

        var expected = Enumerable.Range(0, 20).Select(n => (long)n).ToArray();
        Assert.Equal(expected, Numbers(await DrainAsync(first, 20)).Order());
        Assert.Equal(expected, Numbers(await DrainAsync(second, 20)).Order());
        await AssertNothingFor(first, second);
    }

    [Fact]
    public async Task Consumers_of_one_group_share_the_messages_without_overlap()
    {
        await using var bus = NewBus();
        await using var a = bus.Subscribe(Topic, "g", "a");
        await using var b = bus.Subscribe(Topic, "g", "b");
        for (var n = 0; n < 40; n++)
            await bus.PublishAsync(Topic, KeyOf(n), TestEnvelopes.Numbered(n));

        var got = new Dictionary<IBusSubscription, List<long>> { [a] = [], [b] = [] };
        var idleRounds = 0;
        while (idleRounds < 2)
        {
            idleRounds++;
            foreach (var consumer in new[] { a, b })
            {
                if (await ReceiveOrNoneAsync(consumer) is not { } message)
                    continue;
                consumer.Ack(in message);
                got[consumer].Add(TestEnvelopes.NumberOf(message));
                idleRounds = 0;
            }
        }

        Assert.NotEmpty(got[a]);
        Assert.NotEmpty(got[b]);
        Assert.Empty(got[a].Intersect(got[b]));
        Assert.Equal(Enumerable.Range(0, 40).Select(n => (long)n), got[a].Concat(got[b]).Order());
    }

    [Fact]
    public async Task Messages_of_a_key_are_handled_in_publish_order_across_two_consumers()
    {
        const int total = 300;
        await using var bus = NewBus();
        await using var a = bus.Subscribe(Topic, "g", "a");
        await using var b = bus.Subscribe(Topic, "g", "b");
        for (var n = 0; n < total; n++)
            await bus.PublishAsync(Topic, KeyOf(n), TestEnvelopes.Numbered(n));

        // Both consumers take up to three before either acks, so both hold messages at once. The later
        // taker handles its batch first: consumers run concurrently, so the batches must share no key.
        var handled = new List<long>();
        var idleRounds = 0;
        while (idleRounds < 2)
        {
            idleRounds++;
            var batches = new List<(IBusSubscription Consumer, List<BusMessage> Batch)>();
            foreach (var consumer in new[] { a, b })
            {
                var batch = new List<BusMessage>();
                while (batch.Count < 3 && await ReceiveOrNoneAsync(consumer) is { } message)
                    batch.Add(message);
                batches.Add((consumer, batch));
            }
            batches.Reverse();
            foreach (var (consumer, batch) in batches)
            {
                foreach (var message in batch)
                {
                    handled.Add(TestEnvelopes.NumberOf(message));
                    consumer.Ack(in message);
                }
                if (batch.Count > 0)
                    idleRounds = 0;
            }
        }

        Assert.Equal(Enumerable.Range(0, total).Select(n => (long)n), handled.Order());
        foreach (var key in handled.GroupBy(KeyOf))
            Assert.Equal(key.Order(), key);
    }
}
