using System.Runtime.CompilerServices;
using Vanta.Http;

namespace Vanta.Markets.Collectors.News;

/// <summary>RSS 2.0 / Atom feeds from a configured list, one document per feed (conditional requests make repeats cheap).</summary>
public sealed class NewsFeedCollector(PoliteHttpClient http, IReadOnlyList<Uri> feeds) : ICollector
{
    /// <summary>The news feed parser's source kind (it reads RSS and Atom).</summary>
    public const string Source = "rss";

    public string Name => "news";

    public async IAsyncEnumerable<FetchResult> CollectAsync(CollectorRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var feed in feeds)
            yield return await http.FetchAsync(new FetchRequest(Source, feed), cancellationToken);
    }
}
