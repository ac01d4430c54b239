using Vanta.Bus.Idempotency;

namespace Vanta.Bus.Contract;

public abstract partial class BusContractTests
{
    [Fact]
    public async Task Unacked_message_is_redelivered_once_min_idle_has_passed()
    {
        await using var bus = NewBus();
        await using var a = bus.Subscribe(Topic, "g", "a");
        await using var b = bus.Subscribe(Topic, "g", "b");
        await bus.PublishAsync(Topic, "AAPL", TestEnvelopes.Numbered(7));
        var first = await ReceiveAsync(a);

        await PassTimeAsync(MinIdle - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await b.ReclaimAsync());
        await AssertNothingFor(b);

        await PassTimeAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await b.ReclaimAsync());
        var again = await ReceiveAsync(b);

        Assert.Equal(first.Envelope.EventId, again.Envelope.EventId);
        Assert.Equal(first.DeliveryId, again.DeliveryId);
        Assert.Equal(2, again.DeliveryCount);
        Assert.True(again.IsRedelivery);
        b.Ack(in again);
        await PassTimeAsync(MinIdle * 2);
        Assert.Equal(0, await b.ReclaimAsync());
        await AssertNothingFor(a, b);
    }

    [Fact]
    public async Task Acked_message_is_never_delivered_again()
    {
        await using var bus = NewBus();
        var a = bus.Subscribe(Topic, "g", "a");
        await using var b = bus.Subscribe(Topic, "g", "b");
        await bus.PublishAsync(Topic, "AAPL", TestEnvelopes.Numbered(1));
        var message = await ReceiveAsync(a);
        a.Ack(in message);

        await PassTimeAsync(MinIdle * 3);
        Assert.Equal(0, await a.ReclaimAsync());
        Assert.Equal(0, await b.ReclaimAsync());
        await AssertNothingFor(a, b);
        await a.DisposeAsync();
        await AssertNothingFor(b);
    }

    [Fact]
    public async Task Disposed_consumer_hands_its_unacked_messages_to_another_in_order()
    {
        await using var bus = NewBus();
        var a = bus.Subscribe(Topic, "g", "a");
        await using var b = bus.Subscribe(Topic, "g", "b");
        for (var n = 1; n <= 5; n++)
            await bus.PublishAsync(Topic, "MSFT", TestEnvelopes.Numbered(n));
        var taken = new[] { await ReceiveAsync(a), await ReceiveAsync(a), await ReceiveAsync(a) };
        Assert.Equal(new long[] { 1L, 2L, 3L }, Numbers(taken));
        a.Ack(in taken[0]);

        await a.DisposeAsync();
        var handedOver = await DrainAsync(b, 4);

        Assert.Equal(new long[] { 2L, 3L, 4L, 5L }, Numbers(handedOver));
        Assert.Equal(new[] { 2, 2, 1, 1 }, handedOver.Select(m => m.DeliveryCount));
        await AssertNothingFor(b);
    }

    [Fact]
    public async Task Acking_an_unknown_or_already_acked_delivery_changes_nothing()
    {
        await using var bus = NewBus();
        await using var a = bus.Subscribe(Topic, "g", "a");
        await bus.PublishAsync(Topic, "AAPL", TestEnvelopes.Numbered(1));
        await bus.PublishAsync(Topic, "AAPL", TestEnvelopes.Numbered(2));
        var first = await ReceiveAsync(a);

        a.Ack(in first);
        a.Ack(in first);
        a.Ack(first with { DeliveryId = new DeliveryId(first.DeliveryId.Partition, first.DeliveryId.Major + 1_000, 0) });
        a.Ack(first with { DeliveryId = new DeliveryId(BusOptions.MaxPartitions + 1, 1, 1) });

        var second = await ReceiveAsync(a);
        Assert.Equal(2, TestEnvelopes.NumberOf(second));
        Assert.Equal(1, second.DeliveryCount);
        await PassTimeAsync(MinIdle);
        Assert.Equal(1, await a.ReclaimAsync());
        Assert.Equal(2, (await ReceiveAsync(a)).DeliveryCount);
    }

    [Fact]
    public async Task Idempotent_consumer_skips_a_message_redelivered_after_another_consumer_handled_it()
    {
        await using var bus = NewBus();
        await using var a = bus.Subscribe(Topic, "g", "a");
        await using var b = bus.Subscribe(Topic, "g", "b");
        var store = new MemorySeenIdStore();
        var handled = new List<string>();
        var onA = new IdempotentConsumer(a, (m, _) => { handled.Add("a"); return default; }, store: store);
        var onB = new IdempotentConsumer(b, (m, _) => { handled.Add("b"); return default; }, store: store);
        await bus.PublishAsync(Topic, "AAPL", TestEnvelopes.Numbered(1));

        // a is slow: its message goes idle and is redelivered to b before a finishes with it.
        var slow = await ReceiveAsync(a);
        await PassTimeAsync(MinIdle);
        Assert.Equal(1, await b.ReclaimAsync());
        var redelivered = await ReceiveAsync(b);
        Assert.Equal(ConsumeOutcome.Processed, await onA.HandleAsync(slow));
        Assert.Equal(ConsumeOutcome.Duplicate, await onB.HandleAsync(redelivered));

        Assert.Equal(new[] { "a" }, handled);
        await PassTimeAsync(MinIdle * 2);
        Assert.Equal(0, await b.ReclaimAsync());
        await AssertNothingFor(a, b);
    }
}
