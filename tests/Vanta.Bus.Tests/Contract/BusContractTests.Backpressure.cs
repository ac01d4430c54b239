namespace Vanta.Bus.Contract;

public abstract partial class BusContractTests
{
    [Fact]
    public async Task Publishing_waits_while_a_group_is_at_capacity_and_resumes_on_ack()
    {
        await using var bus = NewBus(capacity: 4);
        await using var consumer = bus.Subscribe(Topic, "g", "c");
        for (var n = 1; n <= 4; n++)
            Assert.True(bus.TryPublish(Topic, "AAPL", TestEnvelopes.Numbered(n)));
        Assert.False(bus.TryPublish(Topic, "AAPL", TestEnvelopes.Numbered(5)));

        var blocked = bus.PublishAsync(Topic, "AAPL", TestEnvelopes.Numbered(5)).AsTask();
        var first = await ReceiveAsync(consumer);
        // A delivered but unacked message still counts: it may have to be delivered again.
        await Task.Delay(QuietPeriod);
        Assert.False(blocked.IsCompleted);
        Assert.False(bus.TryPublish(Topic, "AAPL", TestEnvelopes.Numbered(6)));

        consumer.Ack(in first);
        await blocked.WaitAsync(DeliveryTimeout);

        Assert.Equal(new long[] { 2L, 3L, 4L, 5L }, Numbers(await DrainAsync(consumer, 4)));
        await AssertNothingFor(consumer);
    }

    [Fact]
    public async Task One_full_group_holds_back_the_topic_and_a_refused_publish_reaches_no_group()
    {
        await using var bus = NewBus(capacity: 2);
        await using var slow = bus.Subscribe(Topic, "slow", "c");
        await using var fast = bus.Subscribe(Topic, "fast", "c");
        Assert.True(bus.TryPublish(Topic, "k", TestEnvelopes.Numbered(1)));
        Assert.True(bus.TryPublish(Topic, "k", TestEnvelopes.Numbered(2)));
        Assert.Equal(new long[] { 1L, 2L }, Numbers(await DrainAsync(fast, 2)));

        Assert.False(bus.TryPublish(Topic, "k", TestEnvelopes.Numbered(3)));
        await AssertNothingFor(fast);

        Assert.Equal(new long[] { 1L }, Numbers(await DrainAsync(slow, 1)));
        Assert.True(bus.TryPublish(Topic, "k", TestEnvelopes.Numbered(4)));
        Assert.Equal(new long[] { 4L }, Numbers(await DrainAsync(fast, 1)));
        Assert.Equal(new long[] { 2L, 4L }, Numbers(await DrainAsync(slow, 2)));
    }

    [Fact]
    public async Task Cancelling_a_waiting_publish_leaves_the_backlog_unchanged()
    {
        await using var bus = NewBus(capacity: 1);
        await using var consumer = bus.Subscribe(Topic, "g", "c");
        await bus.PublishAsync(Topic, "k", TestEnvelopes.Numbered(1));
        using var cancel = new CancellationTokenSource();

        var blocked = bus.PublishAsync(Topic, "k", TestEnvelopes.Numbered(2), cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);
        Assert.Equal(new long[] { 1L }, Numbers(await DrainAsync(consumer, 1)));
        await AssertNothingFor(consumer);
    }
}
