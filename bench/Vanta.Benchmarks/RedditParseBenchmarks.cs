using BenchmarkDotNet.Attributes;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors.Reddit;

namespace Vanta.Benchmarks;

/// <summary>
/// Reddit Listing parse, per post: the bundled sample tape's two real 100-child listings (submissions about
/// 1.3 KB each, comments about 1.5 KB each), including symbol extraction. Target: 200,000 posts/s on one core.
/// </summary>
[MemoryDiagnoser]
public class RedditParseBenchmarks
{
    private const int Posts = 100;

    private readonly RedditListingParser parser = new(new RedditSymbols(["AAPL", "FB", "SPY", "WM"]), RedditListingParser.RedditKind);
    private RawDocument? document;

    [Params("api_listing_r_askreddit_new.json", "api_listing_r_all_comments.json")]
    public string File { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var dir = AppContext.BaseDirectory;
        while (!System.IO.File.Exists(Path.Combine(dir, "Vanta.slnx")))
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("Vanta.slnx not found");
        var bytes = System.IO.File.ReadAllBytes(Path.Combine(dir, "samples", "tape", "reddit", File));
        document = RawDocument.Of(RedditListingParser.RedditKind, File, "application/json", DateTimeOffset.UnixEpoch, bytes);
    }

    [Benchmark(OperationsPerInvoke = Posts)]
    public int Parse()
    {
        var result = parser.Parse(document!);
        return result.Observations.Length == Posts ? Posts : throw new InvalidOperationException("unexpected post count");
    }
}
