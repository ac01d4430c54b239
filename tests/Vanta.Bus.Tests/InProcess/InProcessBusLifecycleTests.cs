using Microsoft.Extensions.Time.Testing;
using Vanta.Bus.Contract;
using Vanta.Bus.InProcess;

namespace Vanta.Bus.Tests.InProcess;

/// <summary>Waiting, cancellation, disposal and configuration of the in-process bus.</summary>
public sealed class InProcessBusLifecycleTests
{
    private static readonly TimeSpan MinIdle = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider time = new(TestEnvelopes.T0);

    private InProcessBus NewBus(int capacity = 64) => new(time, new BusOptions { Capacity = capacity, MinIdle = MinIdle });

    [Fact]
    public async Task ReceiveAsync_waits_for_the_next_publish()
    {
        await using var bus = NewBus();
        await using var sub = bus.Subscribe("t", "g", "c");

        var waiting = sub.ReceiveAsync().AsTask();
        Assert.False(waiting.IsCompleted);
        await bus.PublishAsync("t", "k", TestEnvelopes.Numbered(1));

        Assert.Equal(1, TestEnvelopes.NumberOf(await waiting.WaitAsync(Timeout)));
    }

    [Fact]
    public async Task ReceiveAsync_wakes_when_another_consumers_lease_goes_idle()
    {
        await using var bus = NewBus();
        await using var a = bus.Subscribe("t", "g", "a");
        await using var b = bus.Subscribe("t", "g", "b");
        await bus.PublishAsync("t", "k", TestEnvelopes.Numbered(1));
        Assert.True(a.TryReceive(out _));

        var waiting = b.ReceiveAsync().AsTask();
        Assert.False(waiting.IsCompleted);
        time.Advance(MinIdle);

        Assert.Equal(2, (await waiting.WaitAsync(Timeout)).DeliveryCount);
    }

    [Fact]
    public async Task ReceiveAsync_wakes_when_another_consumer_releases_the_partition()
    {
        await using var bus = NewBus();
        await using var a = bus.Subscribe("t", "g", "a");
        await using var b = bus.Subscribe("t", "g", "b");
        await bus.PublishAsync("t", "k", TestEnvelopes.Numbered(1));
        await bus.PublishAsync("t", "k", TestEnvelopes.Numbered(2));
        Assert.True(a.TryReceive(out var first));

        var waiting = b.ReceiveAsync().AsTask();
        Assert.False(waiting.IsCompleted);
        a.Ack(in first);

        Assert.Equal(2, TestEnvelopes.NumberOf(await waiting.WaitAsync(Timeout)));
    }

    [Fact]
    public async Task ReceiveAsync_honours_cancellation()
    {
        await using var bus = NewBus();
        await using var sub = bus.Subscribe("t", "g", "c");
        using var cancel = new CancellationTokenSource();

        var waiting = sub.ReceiveAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Disposing_the_bus_fails_waiting_receivers_and_publishers()
    {
        var bus = NewBus(capacity: 1);
        var sub = bus.Subscribe("t", "g", "c");
        var other = bus.Subscribe("u", "g", "c");
        await bus.PublishAsync("t", "k", TestEnvelopes.Numbered(1));
        var publishing = bus.PublishAsync("t", "k", TestEnvelopes.Numbered(2)).AsTask();
        var receiving = other.ReceiveAsync().AsTask();

        await bus.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => publishing.WaitAsync(Timeout));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => receiving.WaitAsync(Timeout));
        Assert.Throws<ObjectDisposedException>(() => sub.TryReceive(out _));
        Assert.Throws<ObjectDisposedException>(() => bus.TryPublish("t", "k", TestEnvelopes.Numbered(3)));
    }

    [Fact]
    public async Task A_disposed_subscription_refuses_to_receive_and_frees_its_name()
    {
        await using var bus = NewBus();
        var sub = bus.Subscribe("t", "g", "c");
        Assert.Throws<InvalidOperationException>(() => bus.Subscribe("t", "g", "c"));
        var waiting = sub.ReceiveAsync().AsTask();

        await sub.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.WaitAsync(Timeout));
        Assert.Throws<ObjectDisposedException>(() => sub.TryReceive(out _));
        await using var again = bus.Subscribe("t", "g", "c");
        await using var elsewhere = bus.Subscribe("t", "g2", "c");
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(65, 1, 1)]
    [InlineData(16, 0, 1)]
    [InlineData(16, 1, 0)]
    public void Out_of_range_options_are_refused(int partitions, int capacity, int minIdleSeconds)
    {
        var options = new BusOptions { PartitionCount = partitions, Capacity = capacity, MinIdle = TimeSpan.FromSeconds(minIdleSeconds) };
        Assert.Throws<ArgumentOutOfRangeException>(() => new InProcessBus(time, options));
    }

    [Fact]
    public async Task Names_must_not_be_empty()
    {
        await using var bus = NewBus();
        Assert.Throws<ArgumentException>(() => bus.Subscribe("", "g", "c"));
        Assert.Throws<ArgumentException>(() => bus.Subscribe("t", "", "c"));
        Assert.Throws<ArgumentException>(() => bus.Subscribe("t", "g", ""));
        Assert.Throws<ArgumentNullException>(() => bus.TryPublish("t", null!, TestEnvelopes.Numbered(1)));
        Assert.Throws<ArgumentNullException>(() => bus.TryPublish("t", "k", null!));
    }
}
