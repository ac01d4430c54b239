using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;

namespace Vanta.Benchmarks;

/// <summary>Deterministic heartbeat envelopes of about 256 bytes of JSON each, for the journal benchmarks.</summary>
internal static class JournalBenchData
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 14, 30, 0, TimeSpan.Zero);

    public static Envelope[] Envelopes(int count)
    {
        var producer = new Producer("node-a", Role.Markets);
        var envelopes = new Envelope[count];
        for (var i = 0; i < count; i++)
        {
            var ts = T0.AddMilliseconds(i);
            envelopes[i] = Envelope.Create(EventKinds.Heartbeat, new Heartbeat("node-a", "markets", "cfg-7", i, ts), ts, ts, producer);
        }
        return envelopes;
    }

    public static byte[][] Serialized(Envelope[] envelopes) =>
        Array.ConvertAll(envelopes, e => JsonSerializer.SerializeToUtf8Bytes(e));
}
