using System.Globalization;
using BenchmarkDotNet.Attributes;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Markets.Features;
using Vanta.Markets.Models;
using Vanta.Markets.Tape;

namespace Vanta.Benchmarks;

/// <summary>
/// Feature updates over the bundled sample tape, one core: every observation (14 x 1,006 daily bars, Apple's Form 4
/// rows, the Reddit posts) through the <see cref="FeatureEngine"/> into a fresh <see cref="InMemoryFeatureStore"/>.
/// observations/s = observations / mean time. The model layer's target is 100,000 observations/s on 2 cores; the
/// features should take a small share of that budget. A second benchmark adds one snapshot per bar, as a scorer would.
/// </summary>
[MemoryDiagnoser]
public class FeatureBenchmarks
{
    private Observed<IObservation>[] _observations = [];

    [GlobalSetup]
    public void Setup()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Vanta.slnx")))
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("Vanta.slnx not found");
        var replay = new TapeReader().Read(TapeManifest.Load(Path.Combine(dir, "samples", "tape")).Manifest!);
        _observations = [.. replay.Observations.Select(o => new Observed<IObservation>(
            new EventId(ContentHash.Id(replay.Documents[o.DocumentIndex].Sha256, o.Position.ToString(CultureInfo.InvariantCulture))),
            o.Observation))];
        Console.WriteLine($"// feature updates over {_observations.Length} observations, {_observations.Count(o => o.Value is PriceBar)} bars");
    }

    [Benchmark]
    public int UpdateAll()
    {
        var engine = FeatureEngine.Create(ConstantSentiment.Instance);
        var store = new InMemoryFeatureStore();
        var written = 0;
        foreach (var o in _observations)
            written += engine.Update(o, store).Written;
        return written;
    }

    [Benchmark]
    public int UpdateAndSnapshotEachBar()
    {
        var engine = FeatureEngine.Create(ConstantSentiment.Instance);
        var store = new InMemoryFeatureStore();
        var features = 0;
        foreach (var o in _observations)
        {
            engine.Update(o, store);
            if (o.Value is PriceBar bar)
                features += store.Snapshot(bar.Symbol, bar.TsEvent).Values.Count;
        }
        return features;
    }

    /// <summary>A stand-in text model: the benchmark measures the features, not a sentiment model.</summary>
    private sealed class ConstantSentiment : ITextSentimentModel
    {
        public static readonly ConstantSentiment Instance = new();

        public string Id => "constant@1";

        public decimal Score(string text) => 0.1m;
    }
}
