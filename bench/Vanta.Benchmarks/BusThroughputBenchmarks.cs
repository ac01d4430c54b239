using BenchmarkDotNet.Attributes;
using Vanta.Bus;
using Vanta.Bus.InProcess;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;

namespace Vanta.Benchmarks;

/// <summary>
/// In-process bus throughput: publish, receive and ack, one producer and one consumer. Each invocation
/// moves <see cref="Messages"/> messages, so the reported time per operation is per message.
/// </summary>
[MemoryDiagnoser]
public class BusThroughputBenchmarks
{
    private const int Messages = 1 << 16;
    private const int Batch = 256;
    private const string Topic = "bench";

    private readonly BusMessage[] buffer = new BusMessage[Batch];
    private readonly string[] keys = Enumerable.Range(0, 16).Select(i => "SYM" + i).ToArray();
    private InProcessBus bus = null!;
    private IBusSubscription subscription = null!;
    private Envelope envelope = null!;

    [GlobalSetup]
    public void Setup()
    {
        var t0 = new DateTimeOffset(2024, 3, 1, 14, 30, 0, TimeSpan.Zero);
        envelope = Envelope.Create(EventKinds.Heartbeat, new Heartbeat("bench", "markets", "cfg", 1, t0), t0, t0,
            new Producer("bench", Role.Markets));
        bus = new InProcessBus(TimeProvider.System, new BusOptions { Capacity = Messages });
        subscription = bus.Subscribe(Topic, "g", "c");
    }

    [GlobalCleanup]
    public void Cleanup() => bus.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>One message at a time through the per-message calls, one key.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int OneByOne()
    {
        var received = 0;
        for (var i = 0; i < Messages; i++)
        {
            bus.TryPublish(Topic, "AAPL", envelope);
            if (subscription.TryReceive(out var message))
            {
                subscription.Ack(in message);
                received++;
            }
        }
        return received;
    }

    /// <summary>Publish a batch over 16 keys, then drain it with the batch receive and ack.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public int Batched()
    {
        var received = 0;
        for (var sent = 0; sent < Messages; sent += Batch)
        {
            for (var i = 0; i < Batch; i++)
                bus.TryPublish(Topic, keys[i & 15], envelope);
            var count = subscription.TryReceiveMany(buffer);
            subscription.AckMany(buffer.AsSpan(0, count));
            received += count;
        }
        return received;
    }
}
