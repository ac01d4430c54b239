using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Vanta.Markets.Features;
using Vanta.Markets.Models.Direction;

namespace Vanta.Benchmarks;

/// <summary>
/// <c>direction-lgbm@1</c> scoring after a walk-forward training (default options: 40 trees of 8 leaves), one
/// core. Each operation scores <see cref="Rows"/> feature vectors with contributions and rationale;
/// rows/s = Rows / mean time.
/// </summary>
[MemoryDiagnoser]
public class DirectionScoringBenchmarks
{
    public const int Rows = 10_000;

    private FeatureVector[] _vectors = [];
    private DirectionModel _model = new(new DirectionOptions());

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var trainer = new WalkForwardTrainer(new DirectionOptions(RetrainEvery: 1000, Window: 2000, MinExamples: 1000));
        var close = 100m;
        var start = new DateTimeOffset(2020, 1, 2, 21, 0, 0, TimeSpan.Zero);
        for (var d = 0; d < 2500; d++)
        {
            close *= 1m + (decimal)((random.NextDouble() - 0.5) * 0.04);
            trainer.Observe(Vector(random, "X", start.AddDays(d)), close);
        }
        _model = trainer.Model;
        var later = start.AddDays(3000);
        _vectors = [.. Enumerable.Range(0, Rows).Select(i => Vector(random, "S" + (i % 50), later))];
        Console.WriteLine($"// direction model trained on {_model.TrainedOn} examples; scoring {Rows} vectors");
    }

    [Benchmark]
    public decimal ScoreRows()
    {
        var sum = 0m;
        foreach (var vector in _vectors)
            sum += _model.Score(vector)!.Score;
        return sum;
    }

    private static FeatureVector Vector(Random random, string symbol, DateTimeOffset asOf) =>
        new(symbol, asOf, DirectionOptions.PriceFeatures.ToImmutableSortedDictionary(
            f => f, _ => Math.Round((decimal)(random.NextDouble() - 0.5) * 0.1m, 6), StringComparer.Ordinal));
}
