using BenchmarkDotNet.Attributes;
using Vanta.Journal;

namespace Vanta.Benchmarks;

/// <summary>Verification of a 500,000-record journal (about 180 MB, in the page cache), per record.</summary>
[MemoryDiagnoser]
public class JournalVerifyBenchmarks
{
    private const int Records = 500_000;

    private DirectoryInfo? root;

    [Params(VerifyMode.ChainOnly, VerifyMode.Full)]
    public VerifyMode Mode { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        root = Directory.CreateTempSubdirectory("vanta-bench-verify-");
        using var writer = JournalWriter.Open(root.FullName, new JournalOptions { Fsync = FsyncPolicy.Never });
        foreach (var envelope in JournalBenchData.Serialized(JournalBenchData.Envelopes(Records)))
            writer.AppendSerialized(envelope);
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public long Verify()
    {
        var result = JournalVerifier.Verify(root!.FullName, Mode);
        return result.Ok ? result.RecordCount : throw new InvalidOperationException(result.Problem);
    }

    [GlobalCleanup]
    public void Cleanup() => root?.Delete(recursive: true);
}
