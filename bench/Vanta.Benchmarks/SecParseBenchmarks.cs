using BenchmarkDotNet.Attributes;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors.SecForm4;

namespace Vanta.Benchmarks;

/// <summary>
/// Form 4 parsing on one core: the real AAPL and TSLA ownership documents, held in memory, parsed in turn.
/// Target: at least 20,000 documents per second (50 µs per document).
/// </summary>
[MemoryDiagnoser]
public class SecParseBenchmarks
{
    private const int Documents = 100;
    private readonly Form4Parser _parser = new();
    private RawDocument[] _documents = [];

    [GlobalSetup]
    public void Setup()
    {
        var root = FindSharedOwnership();
        var files = new[]
        {
            "form4_AAPL_2019-05-02_WILLIAMS_JEFFREY_E.xml", "form4_AAPL_2019-08-12_LEVINSON_ARTHUR_D.xml",
            "form4_AAPL_2019-08-24_COOK_TIMOTHY_D.xml", "form4_AAPL_2022-05-04_Adams_Katherine_L.xml",
            "form4_TSLA_2023-03-08_Musk_Elon.xml",
        };
        _documents = [.. Enumerable.Range(0, Documents).Select(i =>
        {
            var file = files[i % files.Length];
            return RawDocument.Of(Form4Parser.SourceKind, file, "application/xml", default, File.ReadAllBytes(Path.Combine(root, file)));
        })];
    }

    /// <summary>Parses 100 documents; documents/s = 100 / mean.</summary>
    [Benchmark(OperationsPerInvoke = Documents)]
    public int ParseForm4()
    {
        var rows = 0;
        foreach (var document in _documents)
            rows += _parser.Parse(document).Observations.Length;
        return rows;
    }

    private static string FindSharedOwnership()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "sec", "ownership");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("shared/data/sec/ownership not found above " + AppContext.BaseDirectory);
    }
}
