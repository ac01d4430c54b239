using BenchmarkDotNet.Attributes;
using Vanta.Bus;
using Vanta.Bus.InProcess;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;

namespace Vanta.Benchmarks;

/// <summary>
/// In-process bus throughput with the producer and the consumer on two threads (node-style use):
/// the producer awaits capacity, the consumer waits for messages and acks in batches.
/// </summary>
[MemoryDiagnoser]
public class BusConcurrentBenchmarks
{
    private const int Messages = 1 << 18;
    private const int Batch = 256;
    private const string Topic = "bench";

    private readonly string[] keys = Enumerable.Range(0, 16).Select(i => "SYM" + i).ToArray();
    private Envelope envelope = null!;

    [GlobalSetup]
    public void Setup()
    {
        var t0 = new DateTimeOffset(2024, 3, 1, 14, 30, 0, TimeSpan.Zero);
        envelope = Envelope.Create(EventKinds.Heartbeat, new Heartbeat("bench", "markets", "cfg", 1, t0), t0, t0,
            new Producer("bench", Role.Markets));
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task<int> ProducerAndConsumerThreads()
    {
        await using var bus = new InProcessBus(TimeProvider.System, new BusOptions { Capacity = 16_384 });
        await using var subscription = bus.Subscribe(Topic, "g", "c");
        var producer = Task.Run(async () =>
        {
            for (var i = 0; i < Messages; i++)
                await bus.PublishAsync(Topic, keys[i & 15], envelope);
        });
        var consumer = Task.Run(async () =>
        {
            var buffer = new BusMessage[Batch];
            var received = 0;
            while (received < Messages)
            {
                var count = subscription.TryReceiveMany(buffer);
                if (count == 0)
                {
                    buffer[0] = await subscription.ReceiveAsync();
                    count = 1;
                }
                subscription.AckMany(buffer.AsSpan(0, count));
                received += count;
            }
            return received;
        });
        await producer;
        return await consumer;
    }
}
