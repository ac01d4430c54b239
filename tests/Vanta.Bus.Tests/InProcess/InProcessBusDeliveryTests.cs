using Microsoft.Extensions.Time.Testing;
using Vanta.Bus.Contract;
using Vanta.Bus.InProcess;

namespace Vanta.Bus.Tests.InProcess;

/// <summary>What the in-process bus promises beyond the contract: determinism and publish order.</summary>
public sealed class InProcessBusDeliveryTests
{
    private static readonly TimeSpan MinIdle = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider time = new(TestEnvelopes.T0);

    private InProcessBus NewBus(int partitions = 16, int capacity = 1_024) =>
        new(time, new BusOptions { PartitionCount = partitions, Capacity = capacity, MinIdle = MinIdle });

    private static string KeyOf(long n) => "SYM" + (n % 11);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public async Task A_lone_consumer_receives_in_publish_order_whatever_the_partition_count(int partitions)
    {
        await using var bus = NewBus(partitions);
        await using var sub = bus.Subscribe("t", "g", "c");
        for (var n = 0; n < 100; n++)
            Assert.True(bus.TryPublish("t", KeyOf(n), TestEnvelopes.Numbered(n)));

        var received = new List<long>();
        while (sub.TryReceive(out var message))
            received.Add(TestEnvelopes.NumberOf(message));

        Assert.Equal(Enumerable.Range(0, 100).Select(n => (long)n), received);
    }

    [Fact]
    public async Task The_same_calls_give_the_same_deliveries()
    {
        var first = await ScriptAsync();
        Assert.Equal(first, await ScriptAsync());
        Assert.Contains(first, line => line.StartsWith("a ", StringComparison.Ordinal));
        Assert.Contains(first, line => line.StartsWith("b ", StringComparison.Ordinal) && line.EndsWith(" x2", StringComparison.Ordinal));
    }

    // Two consumers, uneven acks, an idle reclaim and a departure: every delivery is recorded.
    private async Task<List<string>> ScriptAsync()
    {
        var clock = new FakeTimeProvider(TestEnvelopes.T0);
        await using var bus = new InProcessBus(clock, new BusOptions { PartitionCount = 8, MinIdle = MinIdle });
        var a = bus.Subscribe("t", "g", "a");
        var b = bus.Subscribe("t", "g", "b");
        var live = new List<IBusSubscription> { a, b };
        var log = new List<string>();
        for (var n = 0; n < 60; n++)
        {
            bus.TryPublish("t", KeyOf(n), TestEnvelopes.Numbered(n));
            foreach (var sub in live)
            {
                if (!sub.TryReceive(out var message))
                    continue;
                log.Add($"{sub.Consumer} {TestEnvelopes.NumberOf(message)} {message.DeliveryId} x{message.DeliveryCount}");
                if (n % 3 != 0)
                    sub.Ack(in message);
            }
            if (n == 30)
                clock.Advance(MinIdle);
            if (n == 45)
            {
                await a.DisposeAsync();
                live.Remove(a);
            }
        }
        while (b.TryReceive(out var rest))
        {
            log.Add($"b {TestEnvelopes.NumberOf(rest)} {rest.DeliveryId} x{rest.DeliveryCount}");
            b.Ack(in rest);
        }
        return log;
    }

    [Fact]
    public async Task A_partition_with_unacked_messages_is_held_by_its_consumer_while_others_flow()
    {
        await using var bus = NewBus();
        await using var a = bus.Subscribe("t", "g", "a");
        await using var b = bus.Subscribe("t", "g", "b");
        await bus.PublishAsync("t", "AAPL", TestEnvelopes.Numbered(1));
        await bus.PublishAsync("t", "AAPL", TestEnvelopes.Numbered(2));
        await bus.PublishAsync("t", "MSFT", TestEnvelopes.Numbered(3));
        Assert.NotEqual(KeyPartitioner.PartitionOf("AAPL", 16), KeyPartitioner.PartitionOf("MSFT", 16));

        Assert.True(a.TryReceive(out var first));
        Assert.True(b.TryReceive(out var other));
        Assert.False(b.TryReceive(out _));
        Assert.Equal(3, TestEnvelopes.NumberOf(other));

        a.Ack(in first);
        Assert.True(b.TryReceive(out var second));
        Assert.Equal(2, TestEnvelopes.NumberOf(second));
    }

    [Fact]
    public async Task Receiving_takes_back_idle_leases_without_an_explicit_reclaim()
    {
        await using var bus = NewBus();
        await using var a = bus.Subscribe("t", "g", "a");
        await using var b = bus.Subscribe("t", "g", "b");
        await bus.PublishAsync("t", "AAPL", TestEnvelopes.Numbered(1));
        Assert.True(a.TryReceive(out _));

        time.Advance(MinIdle - TimeSpan.FromTicks(1));
        Assert.False(b.TryReceive(out _));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.True(b.TryReceive(out var again));
        Assert.Equal(2, again.DeliveryCount);
    }

    [Fact]
    public async Task A_late_ack_from_the_consumer_whose_lease_was_taken_back_spares_the_redelivery()
    {
        await using var bus = NewBus();
        await using var a = bus.Subscribe("t", "g", "a");
        await using var b = bus.Subscribe("t", "g", "b");
        await bus.PublishAsync("t", "AAPL", TestEnvelopes.Numbered(1));
        await bus.PublishAsync("t", "AAPL", TestEnvelopes.Numbered(2));
        Assert.True(a.TryReceive(out var first));
        Assert.True(a.TryReceive(out var second));

        time.Advance(MinIdle);
        Assert.Equal(2, await b.ReclaimAsync());
        a.Ack(in second);

        Assert.True(b.TryReceive(out var redelivered));
        Assert.Equal(first.DeliveryId, redelivered.DeliveryId);
        Assert.False(b.TryReceive(out _));
    }

    [Fact]
    public async Task A_group_sees_only_messages_published_after_it_was_created()
    {
        await using var bus = NewBus();
        await bus.PublishAsync("t", "k", TestEnvelopes.Numbered(1));
        await using var sub = bus.Subscribe("t", "g", "c");
        await bus.PublishAsync("t", "k", TestEnvelopes.Numbered(2));

        Assert.True(sub.TryReceive(out var message));
        Assert.Equal(2, TestEnvelopes.NumberOf(message));
        Assert.False(sub.TryReceive(out _));
    }

    [Fact]
    public async Task Rings_grow_and_wrap_without_losing_order()
    {
        await using var bus = NewBus(partitions: 4, capacity: 300);
        await using var sub = bus.Subscribe("t", "g", "c");
        var buffer = new BusMessage[37];
        var received = new List<long>();
        long published = 0;
        while (published < 10_000 || received.Count < 10_000)
        {
            while (published < 10_000 && bus.TryPublish("t", "k" + (published % 3), TestEnvelopes.Numbered(published)))
                published++;
            var count = sub.TryReceiveMany(buffer);
            received.AddRange(buffer.Take(count).Select(m => TestEnvelopes.NumberOf(m)));
            sub.AckMany(buffer.AsSpan(0, count));
        }

        Assert.Equal(Enumerable.Range(0, 10_000).Select(n => (long)n), received);
    }
}
