using System.Collections.Immutable;
using Vanta.Http.Detection;

namespace Vanta.Http;

/// <summary>
/// How politely to talk to one source: who we say we are, how fast, how often to retry, how long to
/// wait, how much to read, and which answers are not data. Presets are in <see cref="HttpSourcePolicies"/>.
/// </summary>
/// <param name="Name">Short name used in reasons, e.g. <c>sec</c>.</param>
/// <param name="UserAgent">The User-Agent sent on every request.</param>
public sealed record HttpSourcePolicy(string Name, string UserAgent)
{
    /// <summary>Requests per period for this source's rate-limit scope.</summary>
    public RateLimit RateLimit { get; init; } = new(10, TimeSpan.FromSeconds(1));

    /// <summary>
    /// Key shared by every host counted against the same limit (SEC's limit covers www.sec.gov and
    /// data.sec.gov together). Null: each host has its own limiter.
    /// </summary>
    public string? RateLimitScope { get; init; }

    /// <summary>Retry bounds and backoff.</summary>
    public RetrySettings Retry { get; init; } = new();

    /// <summary>Limit for one attempt, from sending until the whole body is read.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for the whole fetch, retries and their waits included.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Bodies larger than this are refused without being read whole.</summary>
    public long MaxBodyBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>What a data answer should look like; HTML where JSON or XML is expected is an error.</summary>
    public ExpectedContent Expected { get; init; } = ExpectedContent.Any;

    /// <summary>Send If-None-Match / If-Modified-Since from what the last answer for the URL said.</summary>
    public bool ConditionalRequests { get; init; } = true;

    /// <summary>Recognisers of non-data answers, asked in order before the status is looked at.</summary>
    public ImmutableArray<INonDataDetector> Detectors { get; init; } = [];

    /// <summary>Query parameters whose values are secrets (e.g. FRED's <c>api_key</c>): masked in URLs kept or reported.</summary>
    public ImmutableArray<string> SecretQueryParameters { get; init; } = [];

    /// <summary>Sent as <c>Accept</c> when set.</summary>
    public string? Accept { get; init; }
}

/// <summary>At most <paramref name="Permits"/> requests per <paramref name="Period"/>, started evenly spaced (no bursts).</summary>
public sealed record RateLimit(int Permits, TimeSpan Period)
{
    /// <summary>The spacing between two requests.</summary>
    public TimeSpan Interval => Period / Permits;
}

/// <summary>Bounded retries with exponential backoff and seeded jitter.</summary>
/// <param name="MaxRetries">Retries after the first attempt (so at most MaxRetries + 1 attempts).</param>
public sealed record RetrySettings(int MaxRetries = 3)
{
    /// <summary>Backoff before the first retry when the server gives no Retry-After.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of a computed backoff.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A Retry-After longer than this is not waited out inside the fetch: the failure is returned
    /// (retryable, with the hint) so the scheduler can come back later.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Seed of the jitter, so a run's waits can be reproduced.</summary>
    public int JitterSeed { get; init; } = 17;
}

/// <summary>The kind of body a data answer must have.</summary>
public enum ExpectedContent
{
    /// <summary>No check.</summary>
    Any = 0,

    /// <summary>JSON: an HTML page instead is an error.</summary>
    Json = 1,

    /// <summary>XML (Atom, RSS, EDGAR ownership documents): an HTML page instead is an error.</summary>
    Xml = 2,

    /// <summary>Plain text or CSV (e.g. EDGAR full-submission .txt): an HTML page instead is an error.</summary>
    Text = 3,
}
