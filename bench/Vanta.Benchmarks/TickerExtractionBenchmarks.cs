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
    private (string Title, string Body)[] _posts = [];
    private TickerExtractor _extractor = TickerExtractor.Default;

    [GlobalSetup]
    public void Setup()
    {
        _titles = TickerBenchData.Titles();
        _extractor = TickerExtractor.Default;
        _posts = SamplePosts();
        Console.WriteLine($"// ticker extraction over {_titles.Length} titles and {_posts.Length} whole posts");
    }

    /// <summary>Title and body of every post and comment in the sample tape's two real Reddit listings.</summary>
    [Benchmark]
    public int ExtractWholePosts()
    {
        var found = 0;
        foreach (var (title, body) in _posts)
            found += _extractor.Extract(title, body).Length;
        return found;
    }

    private static (string Title, string Body)[] SamplePosts()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Vanta.slnx")))
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("Vanta.slnx not found");
        var parser = new Vanta.Markets.Collectors.Reddit.RedditListingParser(Vanta.Markets.Collectors.Reddit.RedditSymbols.CashtagsOnly);
        return [.. Directory.GetFiles(Path.Combine(dir, "samples", "tape", "reddit"), "*.json")
            .SelectMany(f => parser.Parse(Vanta.Core.Domain.RawDocument.Of("reddit-listing", f, "application/json", default, File.ReadAllBytes(f))).Observations)
            .OfType<Vanta.Core.Domain.SocialPost>()
            .Select(p => (p.Title, p.Body))];
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
