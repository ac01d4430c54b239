using Microsoft.Extensions.Time.Testing;
using Vanta.Bus.Contract;
using Vanta.Bus.Idempotency;
using Vanta.Bus.InProcess;

namespace Vanta.Bus.Tests.Idempotency;

public sealed class IdempotentConsumerTests
{
    private static readonly TimeSpan MinIdle = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider time = new(TestEnvelopes.T0);

    private InProcessBus NewBus(int capacity = 64) => new(time, new BusOptions { Capacity = capacity, MinIdle = MinIdle });

    [Fact]
    public async Task Republished_event_is_handled_once_and_both_copies_are_acked()
    {
        await using var bus = NewBus(capacity: 2);
        await using var sub = bus.Subscribe("t", "g", "c");
        var calls = 0;
        var consumer = new IdempotentConsumer(sub, (_, _) => { calls++; return default; });
        var envelope = TestEnvelopes.Numbered(1);
        await bus.PublishAsync("t", "k", envelope);
        await bus.PublishAsync("t", "k", envelope);

        Assert.True(sub.TryReceive(out var first));
        Assert.True(sub.TryReceive(out var second));
        Assert.Equal(ConsumeOutcome.Processed, await consumer.HandleAsync(first));
        Assert.Equal(ConsumeOutcome.Duplicate, await consumer.HandleAsync(second));

        Assert.Equal(1, calls);
        // Both acked: the backlog of two is empty again.
        Assert.True(bus.TryPublish("t", "k", TestEnvelopes.Numbered(2)));
        Assert.True(bus.TryPublish("t", "k", TestEnvelopes.Numbered(3)));
    }

    [Fact]
    public async Task A_failed_handler_leaves_the_message_to_be_delivered_and_handled_again()
    {
        await using var bus = NewBus();
        await using var sub = bus.Subscribe("t", "g", "c");
        var attempts = 0;
        var consumer = new IdempotentConsumer(sub, (_, _) =>
        {
            if (++attempts == 1)
                throw new InvalidOperationException("first attempt fails");
            return default;
        });
        await bus.PublishAsync("t", "k", TestEnvelopes.Numbered(1));

        Assert.True(sub.TryReceive(out var first));
        await Assert.ThrowsAsync<InvalidOperationException>(() => consumer.HandleAsync(first).AsTask());
        Assert.Equal(0, consumer.Window.Count);

        time.Advance(MinIdle);
        Assert.True(sub.TryReceive(out var again));
        Assert.Equal(2, again.DeliveryCount);
        Assert.Equal(ConsumeOutcome.Processed, await consumer.HandleAsync(again));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task An_id_evicted_from_the_window_is_still_found_in_the_store()
    {
        await using var bus = NewBus();
        await using var sub = bus.Subscribe("t", "g", "c");
        var store = new MemorySeenIdStore();
        var calls = 0;
        var consumer = new IdempotentConsumer(sub, (_, _) => { calls++; return default; }, windowCapacity: 1, store: store);
        foreach (var n in new long[] { 1, 2, 1 })
            await bus.PublishAsync("t", "k", TestEnvelopes.Numbered(n));

        var outcomes = new List<ConsumeOutcome>();
        while (sub.TryReceive(out var message))
            outcomes.Add(await consumer.HandleAsync(message));

        Assert.Equal([ConsumeOutcome.Processed, ConsumeOutcome.Processed, ConsumeOutcome.Duplicate], outcomes);
        Assert.Equal(2, calls);
        Assert.Equal(2, store.Count);
    }
}
