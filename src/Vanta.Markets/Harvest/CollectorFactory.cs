using Vanta.Http;
using Vanta.Http.RateLimiting;
using Vanta.Markets.Collectors;
using Vanta.Markets.Collectors.Bybit;
using Vanta.Markets.Collectors.Coinbase;
using Vanta.Markets.Collectors.CoinGecko;
using Vanta.Markets.Collectors.Fred;
using Vanta.Markets.Collectors.News;
using Vanta.Markets.Collectors.Reddit;
using Vanta.Markets.Collectors.SecEdgar;

namespace Vanta.Markets.Harvest;

/// <summary>A collector ready to run, or why it cannot be built (missing credentials, bad settings).</summary>
public sealed record CollectorBuild(string Kind, ICollector? Collector, string? Error);

/// <summary>
/// Builds live collectors from <see cref="HarvestConfig"/>: one polite HTTP client per source, all sharing
/// the host rate limiters and the raw-document sink (the journal), so every payload is recorded before it
/// is parsed. Secrets come from the environment (REDDIT_CLIENT_ID, REDDIT_CLIENT_SECRET, FRED_API_KEY,
/// COINGECKO_DEMO_API_KEY).
/// </summary>
public sealed class CollectorFactory(HttpClient http, TimeProvider time, IRawDocumentSink sink, HostRateLimiters limiters, Func<string, string?> environment)
{
    private static readonly Uri BybitLive = new("https://api.bybit.com/");
    private static readonly Uri CoinGeckoLive = new("https://api.coingecko.com/api/v3/");
    private static readonly Uri FredLive = new("https://api.stlouisfed.org/fred/");

    public CollectorBuild Build(CollectorSettings settings, UserAgentSettings agents)
    {
        try
        {
            return settings switch
            {
                SecEdgarSettings s => Ok(s, new SecEdgarCollector(
                    Client(HttpSourcePolicies.Sec(agents.Sec)),
                    new SecEdgarEndpoints(s.BaseUrl ?? SecEdgarEndpoints.Live.WwwBase, s.DataBaseUrl ?? SecEdgarEndpoints.Live.DataBase),
                    new SecEdgarOptions(s.Forms, s.SubmissionCiks))),
                RedditSettings s => Reddit(s, agents),
                RssSettings s => Ok(s, new NewsFeedCollector(Client(HttpSourcePolicies.Feeds(agents.Default)), s.Feeds)),
                FredSettings s => Secret("FRED_API_KEY") is { } key
                    ? Ok(s, new FredCollector(Client(HttpSourcePolicies.Json("fred", agents.Default, new RateLimit(2, TimeSpan.FromSeconds(1)), "api_key")),
                        new FredOptions(s.BaseUrl ?? FredLive, key, s.Series)))
                    : Missing(s, "FRED_API_KEY"),
                CoinbaseSettings s => Ok(s, new CoinbaseCollector(Client(HttpSourcePolicies.Json("coinbase", agents.Default, new RateLimit(10, TimeSpan.FromSeconds(1)))),
                    new CoinbaseOptions(s.ExchangeBaseUrl ?? CoinbaseOptions.Live([]).ExchangeBase, s.AdvancedBaseUrl ?? CoinbaseOptions.Live([]).AdvancedBase, s.Products))),
                BybitSettings s => Ok(s, new BybitKlineCollector(Client(HttpSourcePolicies.Json("bybit", agents.Default, new RateLimit(10, TimeSpan.FromSeconds(1)))),
                    new BybitKlineOptions(s.BaseUrl ?? BybitLive, s.Category, s.Symbols, s.Interval))),
                CoinGeckoSettings s => Ok(s, new CoinGeckoCollector(
                    Client(HttpSourcePolicies.Json("coingecko", agents.Default, new RateLimit(30, TimeSpan.FromMinutes(1)), "x_cg_demo_api_key")),
                    new CoinGeckoOptions(s.BaseUrl ?? CoinGeckoLive, s.Ids, s.VsCurrencies, Secret("COINGECKO_DEMO_API_KEY")))),
                _ => new CollectorBuild(settings.Kind, null, $"no collector for '{settings.Kind}'"),
            };
        }
        catch (ArgumentException e)
        {
            // A policy refuses a malformed User-Agent at start-up rather than on the first request.
            return new CollectorBuild(settings.Kind, null, e.Message);
        }
    }

    private CollectorBuild Reddit(RedditSettings s, UserAgentSettings agents)
    {
        if (Secret("REDDIT_CLIENT_ID") is not { } id || Secret("REDDIT_CLIENT_SECRET") is not { } secret)
            return Missing(s, "REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET");
        var endpoints = new RedditEndpoints(s.TokenUrl ?? RedditEndpoints.Live.TokenUri, s.ApiBaseUrl ?? RedditEndpoints.Live.ApiBase);
        return Ok(s, new RedditCollector(Client(HttpSourcePolicies.Reddit(agents.Reddit)), endpoints,
            new RedditCredentials(id, secret), new RedditOptions(s.Subreddits, s.Sort), time));
    }

    private PoliteHttpClient Client(HttpSourcePolicy policy) => new(policy, http, time, sink, limiters);

    private string? Secret(string name) => environment(name) is { Length: > 0 } value ? value : null;

    private static CollectorBuild Ok(CollectorSettings s, ICollector collector) => new(s.Kind, collector, null);

    private static CollectorBuild Missing(CollectorSettings s, string variables) =>
        new(s.Kind, null, $"{s.Kind} is enabled but {variables} is not set in the environment");
}
