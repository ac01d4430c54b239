using System.Collections.Immutable;

namespace Vanta.Markets.Harvest;

/// <summary>
/// <c>memory/harvest.json</c>: which collectors a node runs and with what settings. Secrets (Reddit client
/// secret, FRED key, CoinGecko key) are never here: they come from environment variables.
/// </summary>
/// <remarks>
/// <code>
/// { "schema_version": 1, "mode": "replay",                 // "replay" (recorded tape) or "live"
///   "user_agents": { "sec": "Name email@example.com", "reddit": "linux:vanta:0.1 (by /u/you)", "default": "vanta/0.1" },
///   "sec_edgar": { "enabled": true, "forms": ["4", "4/A"], "submission_ciks": [320193], "base_url": null, "data_base_url": null },
///   "reddit":    { "enabled": false, "subreddits": ["wallstreetbets"], "sort": "new", "token_url": null, "api_base_url": null },
///   "rss":       { "enabled": false, "feeds": ["https://example.com/feed.xml"] },
///   "fred":      { "enabled": false, "series": ["DGS10"], "base_url": null },
///   "coinbase":  { "enabled": false, "products": ["BTC-USD"], "exchange_base_url": null, "advanced_base_url": null },
///   "bybit":     { "enabled": false, "category": "spot", "symbols": ["BTCUSDT"], "interval": "D", "base_url": null },
///   "coingecko": { "enabled": false, "ids": ["bitcoin"], "vs_currencies": ["usd"], "base_url": null },
///   "max_pages": 1, "page_size": 100 }
/// </code>
/// A null base URL means the source's public endpoint.
/// </remarks>
public sealed record HarvestConfig(
    HarvestMode Mode,
    UserAgentSettings UserAgents,
    ImmutableArray<CollectorSettings> Collectors,
    int MaxPages,
    int PageSize)
{
    public const string FileName = "harvest.json";

    /// <summary>The collectors switched on, in a fixed order.</summary>
    public IEnumerable<CollectorSettings> Enabled => Collectors.Where(c => c.Enabled);
}

/// <summary>Replay recorded payloads (the default: works offline) or fetch live.</summary>
public enum HarvestMode
{
    Replay = 1,
    Live = 2,
}

/// <summary>User-Agent strings: SEC requires "Name email", Reddit "platform:app:version (by /u/user)".</summary>
public sealed record UserAgentSettings(string Sec, string Reddit, string Default);

/// <summary>One collector's settings; <see cref="Kind"/> names it (<c>sec-edgar</c>, <c>reddit</c>, ...).</summary>
public abstract record CollectorSettings(string Kind, bool Enabled);

public sealed record SecEdgarSettings(bool Enabled, ImmutableArray<string> Forms, ImmutableArray<long> SubmissionCiks, Uri? BaseUrl, Uri? DataBaseUrl)
    : CollectorSettings("sec-edgar", Enabled);

public sealed record RedditSettings(bool Enabled, ImmutableArray<string> Subreddits, string Sort, Uri? TokenUrl, Uri? ApiBaseUrl)
    : CollectorSettings("reddit", Enabled);

public sealed record RssSettings(bool Enabled, ImmutableArray<Uri> Feeds) : CollectorSettings("rss", Enabled);

public sealed record FredSettings(bool Enabled, ImmutableArray<string> Series, Uri? BaseUrl) : CollectorSettings("fred", Enabled);

public sealed record CoinbaseSettings(bool Enabled, ImmutableArray<string> Products, Uri? ExchangeBaseUrl, Uri? AdvancedBaseUrl)
    : CollectorSettings("coinbase", Enabled);

public sealed record BybitSettings(bool Enabled, string Category, ImmutableArray<string> Symbols, string Interval, Uri? BaseUrl)
    : CollectorSettings("bybit", Enabled);

public sealed record CoinGeckoSettings(bool Enabled, ImmutableArray<string> Ids, ImmutableArray<string> VsCurrencies, Uri? BaseUrl)
    : CollectorSettings("coingecko", Enabled);
