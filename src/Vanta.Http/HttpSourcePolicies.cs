using Vanta.Http.Detection;

namespace Vanta.Http;

/// <summary>Policies for the sources Vanta harvests, with each source's published limits.</summary>
public static class HttpSourcePolicies
{
    /// <summary>
    /// SEC EDGAR (www.sec.gov and data.sec.gov): a declared "Name email" agent, 10 requests/s for both
    /// hosts together, and the block and maintenance pages recognised as failures.
    /// </summary>
    public static HttpSourcePolicy Sec(string userAgent, ExpectedContent expected = ExpectedContent.Any) =>
        UserAgents.IsValidSec(userAgent)
            ? new HttpSourcePolicy("sec", userAgent)
            {
                RateLimit = new RateLimit(10, TimeSpan.FromSeconds(1)),
                RateLimitScope = "sec.gov",
                Expected = expected,
                Detectors = [new SecRateLimitPageDetector(SecRateLimitPageDetector.DefaultBlock), new SecMaintenancePageDetector(SecMaintenancePageDetector.DefaultRetryLater)],
            }
            : throw new ArgumentException($"SEC User-Agent must be \"Name email@domain\" (was \"{userAgent}\")", nameof(userAgent));

    /// <summary>Reddit's OAuth API: the required agent layout and 100 requests per minute per client.</summary>
    public static HttpSourcePolicy Reddit(string userAgent) =>
        UserAgents.IsValidReddit(userAgent)
            ? new HttpSourcePolicy("reddit", userAgent)
            {
                RateLimit = new RateLimit(100, TimeSpan.FromMinutes(1)),
                RateLimitScope = "reddit",
                Expected = ExpectedContent.Json,
                Accept = "application/json",
            }
            : throw new ArgumentException($"Reddit User-Agent must be \"platform:app-id:version (by /u/user)\" (was \"{userAgent}\")", nameof(userAgent));

    /// <summary>A JSON API with its own limit (FRED, Coinbase, Bybit, CoinGecko).</summary>
    public static HttpSourcePolicy Json(string name, string userAgent, RateLimit limit, params string[] secretQueryParameters) =>
        new(name, userAgent)
        {
            RateLimit = limit,
            RateLimitScope = name,
            Expected = ExpectedContent.Json,
            Accept = "application/json",
            SecretQueryParameters = [.. secretQueryParameters],
        };

    /// <summary>RSS / Atom feeds: XML expected, one request a second per feed host.</summary>
    public static HttpSourcePolicy Feeds(string userAgent) =>
        new("feeds", userAgent)
        {
            RateLimit = new RateLimit(1, TimeSpan.FromSeconds(1)),
            Expected = ExpectedContent.Xml,
            Accept = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8",
        };
}
