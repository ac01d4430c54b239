using Vanta.Http;

namespace Vanta.Markets.Collectors;

/// <summary>
/// A live collector: fetches one source through the polite pipeline and yields every outcome in order.
/// Each <see cref="FetchResult.Fetched"/> document has already been handed to the pipeline's sink (the
/// journal) before it is yielded, so the caller parses only what was recorded. Failures are yielded too,
/// classified, so the caller can quarantine, back off or stop; a collector never throws for them.
/// </summary>
public interface ICollector
{
    /// <summary>Short name, e.g. <c>sec-edgar</c>, <c>reddit</c>.</summary>
    string Name { get; }

    IAsyncEnumerable<FetchResult> CollectAsync(CollectorRequest request, CancellationToken cancellationToken);
}

/// <summary>Run-level knobs; what to collect (subreddits, series, products) is the collector's own configuration.</summary>
/// <param name="MaxPages">Pages to follow per listing or feed.</param>
/// <param name="PageSize">Items per page where the source pages (Reddit max 100; EDGAR 10, 20, 40, 80 or 100).</param>
/// <param name="Since">Start of the time range for ranged sources (candles, observations), if any.</param>
/// <param name="Until">End of the time range, if any.</param>
public sealed record CollectorRequest(int MaxPages = 1, int PageSize = 100, DateTimeOffset? Since = null, DateTimeOffset? Until = null);
