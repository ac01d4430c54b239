using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Vanta.Journal;
using Vanta.Journal.Lineage;
using Vanta.Testing.Lineage;

namespace Vanta.Benchmarks;

/// <summary>
/// <c>vanta explain</c> on a journal of one million records (about 111,000 decision chains: raw document, price bar,
/// conviction, intent, risk check, order, two order events, fill, portfolio). Target: under 10 ms per explain.
/// The index is built once in setup; its build time is printed there and written to lineage-build.txt.
/// </summary>
[MemoryDiagnoser]
public class ExplainBenchmarks
{
    private const int Records = 1_000_000;
    private const int Chains = (Records - 1) * 10 / (DecisionChains.RecordsPerChain * 10 + 1);

    // About 2 KiB of base64, the size of a small daily-bar file: the explain path reads one per fill.
    private static readonly string DocumentContent = DecisionChains.DailyBarsContent(60);

    private DirectoryInfo? root;
    private LineageIndex? index;
    private string[] fills = [];
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        root = Directory.CreateTempSubdirectory("vanta-bench-explain-");
        var journal = Path.Combine(root.FullName, "journal");
        using (var writer = JournalWriter.Open(journal, new JournalOptions { Fsync = FsyncPolicy.Never }))
        {
            foreach (var envelope in DecisionChains.Chains(0, Chains, documentContent: DocumentContent))
                writer.Append(envelope);
        }
        index = LineageIndex.Open(Path.Combine(root.FullName, "vanta.db"), journal);
        var clock = Stopwatch.StartNew();
        var sync = index.Update();
        clock.Stop();
        var report = string.Create(CultureInfo.InvariantCulture,
            $"lineage index build: {sync.Added:N0} records in {clock.Elapsed.TotalSeconds:F2} s ({sync.Added / clock.Elapsed.TotalSeconds:N0} records/s), db {new FileInfo(Path.Combine(root.FullName, "vanta.db")).Length / (1 << 20):N0} MiB");
        Console.WriteLine("// " + report);
        File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "lineage-build.txt"), report + Environment.NewLine);

        // Fills spread over the whole journal, visited in a seeded random order.
        var random = new Random(7);
        fills = [.. Enumerable.Range(0, 1000).Select(_ => DecisionChains.FillId(random.Next(Chains)))];
    }

    /// <summary>Explain a fill id: index lookup, then every record of its path read from the journal (ancestors and descendants).</summary>
    [Benchmark]
    public int ExplainFill()
    {
        var tree = LineageExplainer.Explain(index!, fills[next++ % fills.Length]) ?? throw new InvalidOperationException("fill not found");
        return tree.Root.Parents.Count + tree.Root.Children.Count;
    }

    /// <summary>The index alone: resolve a fill id and walk all its ancestors without reading a record.</summary>
    [Benchmark]
    public int LookupAncestors()
    {
        var match = LineageKeys.Preferred(index!.Lookup(fills[next++ % fills.Length])) ?? throw new InvalidOperationException("fill not found");
        return index.Ancestors(match.Entry).Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        index?.Dispose();
        root?.Delete(recursive: true);
    }
}
