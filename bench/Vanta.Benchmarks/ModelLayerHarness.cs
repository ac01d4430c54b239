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
/// then the same with the direction fits started ahead on other cores (<see cref="ModelLayer.StartPrefits"/>, as
/// <c>vanta run</c> does), then with every learner trained once and never refitted (the scoring path). Throughput is
/// over wall time less the hashing of outputs. Each pass prints a digest of its outputs (every conviction and model
/// score), so a speed-up can show it changed nothing.
/// Run: <c>dotnet run -c Release -- --model-layer [RETRAIN_EVERY]</c>.
/// </summary>
public static class ModelLayerHarness
{
    public static void Run(int passes = 3, int retrainEvery = 250)
    {
        var observations = LoadTape();
        var config = ModelsConfig.Default with { DirectionRetrainEvery = retrainEvery };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole path: walk-forward schedule as configured (direction every {retrainEvery} examples, forests every {config.AnomalyFit.FitEvery} bars)"));
        Measure(observations, passes, () => ModelLayer.Create(config, new VaderSentiment()));

        // The same schedule with every direction fit started ahead on other cores (the tape is known in full):
        // same outputs, and the clock now includes the scan and the fits running beside the observations.
        Console.WriteLine("whole path, fits ahead: the direction windows found by a scan of the tape and fitted on the thread pool, taken when reached");
        Measure(observations, passes, () => ModelLayer.Create(config, new VaderSentiment(), ModelLayer.StartPrefits(config, observations)));

        // The same path with the learners trained once and never refitted: what scoring alone costs.
        var frozen = config with { DirectionRetrainEvery = int.MaxValue, AnomalyFit = config.AnomalyFit with { FitEvery = int.MaxValue } };
        Console.WriteLine("scoring path: every model trained once (at its first due bar) and never refitted; other outputs than the whole path");
        Measure(observations, passes, () => ModelLayer.Create(frozen, new VaderSentiment()));

        // The same two paths through UpdateAll: per-instrument work runs ahead, the stacker follows on a second core.
        Console.WriteLine("whole path, fits ahead, two steps on two cores (UpdateAll): same outputs as the whole path");
        MeasurePipelined(observations, passes, () => ModelLayer.Create(config, new VaderSentiment(), ModelLayer.StartPrefits(config, observations)));
        Console.WriteLine("scoring path, two steps on two cores (UpdateAll): same outputs as the scoring path");
        MeasurePipelined(observations, passes, () => ModelLayer.Create(frozen, new VaderSentiment()));
    }

    /// <summary>The scoring path alone, many passes (for a profiler): <c>--model-layer-scoring [PASSES]</c>.</summary>
    public static void RunScoring(int passes)
    {
        var observations = LoadTape();
        var config = ModelsConfig.Default with { DirectionRetrainEvery = int.MaxValue };
        var frozen = config with { AnomalyFit = config.AnomalyFit with { FitEvery = int.MaxValue } };
        Measure(observations, passes, () => ModelLayer.Create(frozen, new VaderSentiment()));
        Console.WriteLine("scoring path, two steps on two cores (UpdateAll)");
        MeasurePipelined(observations, passes, () => ModelLayer.Create(frozen, new VaderSentiment()));
    }

    private static List<IObservation> LoadTape()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Vanta.slnx")))
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Vanta.slnx not found");
        var manifest = TapeManifest.Load(Path.Combine(root, "samples", "tape")).Manifest!;
        return new TapeReader().Read(manifest).Observations.Select(o => o.Observation).ToList();
    }

    private static void Measure(List<IObservation> observations, int passes, Func<ModelLayerScorer> create)
    {
        for (var pass = 1; pass <= passes; pass++)
        {
            var enricher = PreEnricher.CreateDefault();
            var latencies = new double[observations.Count];
            var convictions = 0;
            // Outputs are hashed as they come, with the clock stopped, and not kept: a run journals them and lets go.
            using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var text = new StringBuilder();
            var counters = ProcessCounters.Start();
            var busy = 0L;
            var hashing = 0L;
            var started = Stopwatch.GetTimestamp();
            var layer = create();
            for (var i = 0; i < observations.Count; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                var enriched = enricher.Process(observations[i], observations[i].TsEvent);
                IReadOnlyList<ConvictionVector> made = [];
                if (!enriched.IsDuplicate)
                    made = layer.Update(new Observed<IObservation>(new EventId(i.ToString(CultureInfo.InvariantCulture)), enriched.Observation), enriched);
                var t1 = Stopwatch.GetTimestamp();
                busy += t1 - t0;
                latencies[i] = Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds;
                if (!enriched.IsDuplicate)
                {
                    convictions += made.Count;
                    Append(digest, text, made, layer.LastScores);
                }
                hashing += Stopwatch.GetTimestamp() - t1;
            }
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var wall = seconds - Stopwatch.GetElapsedTime(0, hashing).TotalSeconds;
            var busySeconds = Stopwatch.GetElapsedTime(0, busy).TotalSeconds;
            var used = counters.Since();
            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pass {pass}: {observations.Count} observations, {convictions} convictions; wall {wall:0.000} s = {observations.Count / wall:N0} obs/s " +
                $"(in Update {busySeconds:0.000} s, outputs hashed outside it; {used}); " +
                $"latency p50 {latencies[latencies.Length / 2]:0.000} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:0.000} ms, p99.9 {latencies[(int)(latencies.Length * 0.999)]:0.000} ms, max {latencies[^1]:0.0} ms; outputs {Convert.ToHexString(digest.GetHashAndReset())[..16]}"));
        }
    }

    /// <summary>
    /// Throughput through <see cref="ModelLayerScorer.UpdateAll(IReadOnlyList{Observed{IObservation}}, IReadOnlyList{PreEnriched?}?, Action{int, Reflected})"/>:
    /// the layer's two steps on two cores, from its creation to its last result; pre-enrichment (a stage of its own in
    /// Markets) runs first and is timed apart. No per-observation latency: the tape arrives at once.
    /// </summary>
    private static void MeasurePipelined(List<IObservation> observations, int passes, Func<ModelLayerScorer> create)
    {
        for (var pass = 1; pass <= passes; pass++)
        {
            var enricher = PreEnricher.CreateDefault();
            using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var text = new StringBuilder();
            // Pre-enrichment is its own stage (Markets does it when it publishes an observation): timed apart.
            var enriching = Stopwatch.GetTimestamp();
            var kept = new List<Observed<IObservation>>(observations.Count);
            var verdicts = new List<PreEnriched?>(observations.Count);
            for (var i = 0; i < observations.Count; i++)
            {
                var enriched = enricher.Process(observations[i], observations[i].TsEvent);
                if (enriched.IsDuplicate)
                    continue;
                kept.Add(new Observed<IObservation>(new EventId(i.ToString(CultureInfo.InvariantCulture)), enriched.Observation));
                verdicts.Add(enriched);
            }
            var enrichSeconds = Stopwatch.GetElapsedTime(enriching).TotalSeconds;
            var counters = ProcessCounters.Start();
            var started = Stopwatch.GetTimestamp();
            var layer = create();
            // The outputs are hashed as they come in the first pass only (on the second thread, where they are made, so
            // that pass is slower); later passes only count them, so their clock is the layer's alone.
            var convictions = 0;
            var check = pass == 1;
            layer.UpdateAll(kept, verdicts, (_, result) =>
            {
                convictions += result.Conviction is null ? 0 : 1;
                if (check)
                    Append(digest, text, result.Convictions, result.Scores);
            });
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var used = counters.Since();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pass {pass}: {observations.Count} observations, {convictions} convictions; layer wall {seconds:0.000} s = {observations.Count / seconds:N0} obs/s " +
                $"(pre-enrichment before it {enrichSeconds * 1000:0.0} ms = {observations.Count / enrichSeconds:N0} obs/s, with it {observations.Count / (seconds + enrichSeconds):N0} obs/s; {used}){(check ? $"; outputs hashed in this pass: {Convert.ToHexString(digest.GetHashAndReset())[..16]}" : "")}"));
        }
    }

    /// <summary>Adds the observation's convictions and model scores to the digest, in order: a change that keeps the outputs keeps it.</summary>
    private static void Append(IncrementalHash digest, StringBuilder text, IReadOnlyList<ConvictionVector> convictions, IReadOnlyList<ModelScore> scores)
    {
        text.Clear();
        foreach (var c in convictions)
            text.Append(CultureInfo.InvariantCulture, $"C|{c.Symbol}|{c.ConvictionScore}|{c.IssuedAt:O}|{c.Ttl}|{string.Join(',', c.ReasonVector)}|{string.Join(',', c.ContributingModels)}|{string.Join(',', c.RoutingTags)}|{c.Rationale}\n");
        foreach (var m in scores)
            text.Append(CultureInfo.InvariantCulture, $"M|{m.ModelId}|{m.Symbol}|{m.Score}|{m.AsOf:O}|{string.Join(',', m.Contributions)}|{m.Rationale}\n");
        digest.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Process CPU and GC counts, pause and allocation at a pass's start, printed as what the pass added.</summary>
    private sealed record ProcessCounters(TimeSpan Cpu, int Gen0, int Gen2, TimeSpan Paused, long Allocated)
    {
        public static ProcessCounters Start() => new(
            Process.GetCurrentProcess().TotalProcessorTime, GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());

        public string Since() => string.Create(CultureInfo.InvariantCulture,
            $"process CPU {(Process.GetCurrentProcess().TotalProcessorTime - Cpu).TotalSeconds:0.000} s; GC {GC.CollectionCount(0) - Gen0} gen0 / {GC.CollectionCount(2) - Gen2} gen2, " +
            $"paused {(GC.GetTotalPauseDuration() - Paused).TotalMilliseconds:0} ms, allocated {(GC.GetTotalAllocatedBytes() - Allocated) / 1048576.0:0} MiB");
    }
}
