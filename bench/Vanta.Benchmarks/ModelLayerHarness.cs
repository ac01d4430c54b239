using System.Diagnostics;
using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Markets.Enrichment;
using Vanta.Markets.Models.Sentiment;
using Vanta.Markets.Reflection;
using Vanta.Markets.Tape;

namespace Vanta.Benchmarks;

/// <summary>
/// End-to-end harness for the model layer on the sample tape: throughput (observations/s through
/// pre-enrichment, features, every model and the stacker) and the latency of each observation from its
/// arrival to its conviction vector (p50, p99, max). Run: <c>dotnet run -c Release -- --model-layer</c>.
/// </summary>
public static class ModelLayerHarness
{
    public static void Run(int passes = 3, int retrainEvery = 250)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Vanta.slnx")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Vanta.slnx not found");
        var manifest = TapeManifest.Load(Path.Combine(root, "samples", "tape")).Manifest!;
        var observations = new TapeReader().Read(manifest).Observations.Select(o => o.Observation).ToList();

        for (var pass = 1; pass <= passes; pass++)
        {
            var enricher = PreEnricher.CreateDefault();
            var layer = ModelLayer.CreateDefault(new VaderSentiment(), direction: new Vanta.Markets.Models.Direction.DirectionOptions { RetrainEvery = retrainEvery });
            var latencies = new double[observations.Count];
            var convictions = 0;
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < observations.Count; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                var enriched = enricher.Process(observations[i], observations[i].TsEvent);
                if (!enriched.IsDuplicate)
                    convictions += layer.Update(new Observed<IObservation>(new EventId(i.ToString(CultureInfo.InvariantCulture)), enriched.Observation), enriched).Count;
                latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pass {pass}: {observations.Count} observations, {convictions} convictions in {seconds:0.000} s = {observations.Count / seconds:N0} obs/s; " +
                $"latency p50 {latencies[latencies.Length / 2]:0.000} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:0.000} ms, p99.9 {latencies[(int)(latencies.Length * 0.999)]:0.000} ms, max {latencies[^1]:0.0} ms"));
        }
    }
}
