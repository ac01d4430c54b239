using BenchmarkDotNet.Attributes;
using Vanta.Markets.Models.Anomaly;

namespace Vanta.Benchmarks;

/// <summary>
/// Anomaly models on one core. Each operation handles <see cref="Rows"/> rows, so rows/s = Rows / mean time:
/// Isolation Forest scoring (100 trees, psi 256, 3 attributes, forest grown once in setup), BOCPD updates (one
/// attribute, default cap of 1000 run lengths, detector warmed past the cap so every update pays the full cost),
/// and the rolling z-score (window 20). IsolationForestFit grows the whole forest once per operation.
/// </summary>
[MemoryDiagnoser]
public class AnomalyBenchmarks
{
    public const int Rows = 10_000;

    private double[][] _rows = [];
    private double[] _series = [];
    private IsolationForest _forest = null!;
    private ChangePointDetector _detector = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2008);
        _rows = [.. Enumerable.Range(0, Rows).Select(_ => new[] { Normal(random), Normal(random), Normal(random) })];
        _series = [.. Enumerable.Range(0, Rows).Select(_ => Normal(random))];
        _forest = IsolationForest.Fit(_rows, new IsolationForestOptions(), new Random(1));
        _detector = new ChangePointDetector(1, new ChangePointOptions());
        foreach (var x in _series.Take(2000))
            _detector.Update([x]);
        Console.WriteLine($"// iforest nodes {_forest.NodeCount}, bocpd hypotheses {_detector.Hypotheses}");
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public double IsolationForestScore()
    {
        var total = 0.0;
        foreach (var row in _rows)
            total += _forest.Score(row);
        return total;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long BocpdUpdate()
    {
        long total = 0;
        var x = new double[1];
        foreach (var value in _series)
        {
            x[0] = value;
            total += _detector.Update(x).MapRunLength;
        }
        return total;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public double RollingZScoreUpdate()
    {
        var z = new RollingZScore(20);
        var total = 0.0;
        foreach (var value in _series)
            total += z.Update(value) ?? 0;
        return total;
    }

    [Benchmark]
    public int IsolationForestFit() => IsolationForest.Fit(_rows, new IsolationForestOptions(), new Random(1)).NodeCount;

    private static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
