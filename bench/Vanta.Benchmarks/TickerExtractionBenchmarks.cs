using BenchmarkDotNet.Attributes;
using Vanta.Markets.Resolution;

namespace Vanta.Benchmarks;

/// <summary>
/// Ticker extraction over Reddit-like post titles (the wsb CSV when present), one core. Each operation extracts
/// from every title once; posts/s = titles / mean time. Target: at least 500,000 posts/s.
/// </summary>
[MemoryDiagnoser]
public class TickerExtractionBenchmarks
{
    private string[] _titles = [];
    private TickerExtractor _extractor = TickerExtractor.Default;

    [GlobalSetup]
    public void Setup()
    {
        _titles = TickerBenchData.Titles();
        _extractor = TickerExtractor.Default;
        Console.WriteLine($"// ticker extraction over {_titles.Length} titles");
    }

    [Benchmark]
    public int ExtractTitles()
    {
        var found = 0;
        foreach (var title in _titles)
            found += _extractor.Extract(title).Length;
        return found;
    }
}
