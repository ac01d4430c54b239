using BenchmarkDotNet.Attributes;
using Vanta.Journal;
using Vanta.Journal.Audit;

namespace Vanta.Benchmarks;

/// <summary>
/// Audit bundles over a 500,000-record journal (heartbeats, one per millisecond, so the window holds them all),
/// per record: <c>verify-bundle</c> (unzip, file digest, record hashes, event ids, links, Merkle root) and export.
/// </summary>
[MemoryDiagnoser]
public class BundleBenchmarks
{
    private const int Records = 500_000;

    private DirectoryInfo? root;
    private string bundle = "";
    private AuditWindow window = null!;

    [GlobalSetup]
    public void Setup()
    {
        root = Directory.CreateTempSubdirectory("vanta-bench-bundle-");
        var envelopes = JournalBenchData.Envelopes(Records);
        using (var writer = JournalWriter.Open(root.FullName, new JournalOptions { Fsync = FsyncPolicy.Never }))
        {
            foreach (var envelope in JournalBenchData.Serialized(envelopes))
                writer.AppendSerialized(envelope);
        }
        window = new AuditWindow(envelopes[0].TsEvent, envelopes[^1].TsEvent.AddTicks(1));
        bundle = Path.Combine(root.FullName, "bundle.zip");
        var result = AuditExport.WriteFile(root.FullName, window, bundle);
        if (!result.Ok)
            throw new InvalidOperationException(result.Problem);
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public long VerifyBundle()
    {
        var result = BundleVerifier.Verify(bundle);
        return result.Ok ? result.Manifest!.Records.Count : throw new InvalidOperationException(result.Problem);
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public long Export()
    {
        using var output = new MemoryStream();
        var result = AuditExport.Write(root!.FullName, window, output);
        return result.Ok ? output.Length : throw new InvalidOperationException(result.Problem);
    }

    [GlobalCleanup]
    public void Cleanup() => root?.Delete(recursive: true);
}
