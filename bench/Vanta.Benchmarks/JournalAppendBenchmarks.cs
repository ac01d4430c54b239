using BenchmarkDotNet.Attributes;
using Vanta.Core.Envelopes;
using Vanta.Journal;

namespace Vanta.Benchmarks;

/// <summary>
/// Hash-chained appends through the group-commit buffer, including the final flush (and fsyncs under
/// <see cref="FsyncPolicy.Batch"/>). Reported per record via OperationsPerInvoke.
/// </summary>
[MemoryDiagnoser]
public class JournalAppendBenchmarks
{
    private const int Records = 200_000;

    private Envelope[] envelopes = [];
    private byte[][] serialized = [];
    private DirectoryInfo? root;
    private string directory = "";

    [Params(FsyncPolicy.Batch, FsyncPolicy.Never)]
    public FsyncPolicy Fsync { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        envelopes = JournalBenchData.Envelopes(Records);
        serialized = JournalBenchData.Serialized(envelopes);
        root = Directory.CreateTempSubdirectory("vanta-bench-append-");
        Console.WriteLine($"// envelope JSON: {serialized[0].Length} bytes");
    }

    [IterationSetup]
    public void FreshDirectory()
    {
        directory = Path.Combine(root!.FullName, "journal");
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Records, Description = "append pre-serialized envelope")]
    public long AppendSerialized()
    {
        using var writer = JournalWriter.Open(directory, new JournalOptions { Fsync = Fsync });
        long seq = 0;
        foreach (var envelope in serialized)
            seq = writer.AppendSerialized(envelope);
        return seq;
    }

    [Benchmark(OperationsPerInvoke = Records, Description = "append envelope (serialize + chain)")]
    public long AppendEnvelope()
    {
        using var writer = JournalWriter.Open(directory, new JournalOptions { Fsync = Fsync });
        long seq = 0;
        foreach (var envelope in envelopes)
            seq = writer.Append(envelope).Seq;
        return seq;
    }

    [GlobalCleanup]
    public void Cleanup() => root?.Delete(recursive: true);
}
