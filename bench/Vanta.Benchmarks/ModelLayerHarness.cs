using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Markets.Enrichment;
using Vanta.Markets.Models;
using Vanta.Markets.Models.Sentiment;
using Vanta.Markets.Reflection;
using Vanta.Markets.Tape;

namespace Vanta.Benchmarks;

/// <summary>
/// End-to-end harness for the model layer on the sample tape: throughput (observations/s through
/// pre-enrichment, features, every model and the stacker) and the latency of each observation from its
/// arrival to its conviction vector (p50, p99, max), first on the configured walk-forward schedule (the whole path),
/// then with every learner trained once and never refitted (the scoring path). Each pass prints a digest of its
/// outputs (every conviction and model score), so a speed-up can show it changed nothing.
/// Run: <c>dotnet run -c Release -- --model-layer [RETRAIN_EVERY]</c>.
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

        var config = ModelsConfig.Default with { DirectionRetrainEvery = retrainEvery };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole path: walk-forward schedule as configured (direction every {retrainEvery} examples, forests every {config.AnomalyFit.FitEvery} bars)"));
        Measure(observations, passes, () => ModelLayer.Create(config, new VaderSentiment()));

        // The same path with the learners trained once and never refitted: what scoring alone costs.
        var frozen = config with { DirectionRetrainEvery = int.MaxValue, AnomalyFit = config.AnomalyFit with { FitEvery = int.MaxValue } };
        Console.WriteLine("scoring path: every model trained once (at its first due bar) and never refitted; other outputs than the whole path");
        Measure(observations, passes, () => ModelLayer.Create(frozen, new VaderSentiment()));
    }

    private static void Measure(List<IObservation> observations, int passes, Func<ModelLayerScorer> create)
    {
        for (var pass = 1; pass <= passes; pass++)
        {
            var enricher = PreEnricher.CreateDefault();
            var layer = create();
            var latencies = new double[observations.Count];
            var convictions = 0;
            var outputs = new List<object>(observations.Count * 8);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < observations.Count; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                var enriched = enricher.Process(observations[i], observations[i].TsEvent);
                if (!enriched.IsDuplicate)
                {
                    var made = layer.Update(new Observed<IObservation>(new EventId(i.ToString(CultureInfo.InvariantCulture)), enriched.Observation), enriched);
                    convictions += made.Count;
                    outputs.AddRange(made);
                    outputs.AddRange(layer.LastScores);
                }
                latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pass {pass}: {observations.Count} observations, {convictions} convictions in {seconds:0.000} s = {observations.Count / seconds:N0} obs/s (process CPU {cpuSeconds:0.000} s); " +
                $"latency p50 {latencies[latencies.Length / 2]:0.000} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:0.000} ms, p99.9 {latencies[(int)(latencies.Length * 0.999)]:0.000} ms, max {latencies[^1]:0.0} ms; outputs {Fingerprint(outputs)}"));
        }
    }

    /// <summary>A digest of every conviction and model score, in order: a change that keeps the outputs keeps it.</summary>
    private static string Fingerprint(List<object> outputs)
    {
        var text = new StringBuilder();
        foreach (var o in outputs)
        {
            switch (o)
            {
                case ConvictionVector c:
                    text.Append(CultureInfo.InvariantCulture, $"C|{c.Symbol}|{c.ConvictionScore}|{c.IssuedAt:O}|{c.Ttl}|{string.Join(',', c.ReasonVector)}|{string.Join(',', c.ContributingModels)}|{string.Join(',', c.RoutingTags)}|{c.Rationale}\n");
                    break;
                case ModelScore m:
                    text.Append(CultureInfo.InvariantCulture, $"M|{m.ModelId}|{m.Symbol}|{m.Score}|{m.AsOf:O}|{string.Join(',', m.Contributions)}|{m.Rationale}\n");
                    break;
                default:
                    break;
            }
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
