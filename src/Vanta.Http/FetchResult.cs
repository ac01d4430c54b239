using System.Collections.Immutable;
using System.Net;
using Vanta.Core.Domain;

namespace Vanta.Http;

/// <summary>
/// The outcome of one polite fetch: the verbatim document, "not modified" (a 304 answer to a
/// conditional request), or a classified failure. Expected failures are values, never exceptions.
/// </summary>
public abstract record FetchResult
{
    private FetchResult(IReadOnlyList<FetchAttempt> attempts) => Attempts = attempts;

    /// <summary>Every attempt made, in order (at least one unless the request was refused before sending).</summary>
    public IReadOnlyList<FetchAttempt> Attempts { get; }

    /// <summary>The server answered with data: the bytes exactly as received, already handed to the sink.</summary>
    /// <param name="Document">The verbatim bytes with their source kind, URL (secrets masked), content type, fetch time and SHA-256.</param>
    /// <param name="Status">The HTTP status of the final attempt.</param>
    /// <param name="Headers">Response headers (lower-case names; repeated values joined with ", ").</param>
    public sealed record Fetched(RawDocument Document, HttpStatusCode Status, ImmutableDictionary<string, string> Headers, IReadOnlyList<FetchAttempt> Attempts)
        : FetchResult(Attempts);

    /// <summary>The server said the copy we validated against (ETag / Last-Modified) is still current.</summary>
    public sealed record NotModified(string Uri, ImmutableDictionary<string, string> Headers, IReadOnlyList<FetchAttempt> Attempts)
        : FetchResult(Attempts);

    /// <summary>No document: the failure says why, whether a retry later may help, and when.</summary>
    public sealed record Failed(FetchFailure Failure, IReadOnlyList<FetchAttempt> Attempts) : FetchResult(Attempts);
}

/// <summary>Why a fetch produced no document.</summary>
/// <param name="Kind">What went wrong, as a stable code.</param>
/// <param name="Class">Whether trying again can help.</param>
/// <param name="Reason">Human-readable detail; secrets are masked.</param>
/// <param name="Uri">The requested URL (secrets masked).</param>
/// <param name="Status">The HTTP status of the last answer, when there was one.</param>
/// <param name="RetryAfter">When the server (or a known block page) says to come back, if known.</param>
public sealed record FetchFailure(
    FetchFailureKind Kind,
    FailureClass Class,
    string Reason,
    string Uri,
    HttpStatusCode? Status = null,
    TimeSpan? RetryAfter = null);

/// <summary>How a failure should be handled by whoever schedules the next fetch.</summary>
public enum FailureClass
{
    /// <summary>Transient: the same request may succeed later (429, 5xx, network, timeout, maintenance).</summary>
    Retryable = 1,

    /// <summary>The request itself is wrong or the answer unusable; repeating it will not help.</summary>
    NonRetryable = 2,

    /// <summary>Configuration or credentials are wrong; an operator must act.</summary>
    Fatal = 3,
}

/// <summary>Stable failure codes.</summary>
public enum FetchFailureKind
{
    /// <summary>429, or a rate-limit page such as the SEC "Request Rate Threshold Exceeded".</summary>
    RateLimited = 1,

    /// <summary>A 5xx answer.</summary>
    ServerError = 2,

    /// <summary>Connection refused or reset, DNS, TLS and similar.</summary>
    Network = 3,

    /// <summary>The connection closed before the announced body was complete.</summary>
    TruncatedBody = 4,

    /// <summary>An attempt or the whole fetch ran past its time limit.</summary>
    Timeout = 5,

    /// <summary>The body is larger than the source's limit; it was not read.</summary>
    BodyTooLarge = 6,

    /// <summary>The site says it is down for maintenance (e.g. EDGAR's "File Unavailable" page).</summary>
    Maintenance = 7,

    /// <summary>An answer that is not the data asked for, e.g. HTML where JSON or XML was expected.</summary>
    UnexpectedContent = 8,

    /// <summary>Another 4xx answer: the request is wrong.</summary>
    ClientError = 9,

    /// <summary>401 or 403 not explained by a known block page: credentials or access are wrong.</summary>
    Unauthorized = 10,
}

/// <summary>One attempt of a fetch.</summary>
/// <param name="Number">1 for the first attempt.</param>
/// <param name="Status">HTTP status, or null when no answer arrived.</param>
/// <param name="Outcome">What this attempt came to, e.g. <c>ok</c>, <c>not-modified</c>, or a failure kind.</param>
/// <param name="DelayAfter">How long the pipeline waited before the next attempt, if there was one.</param>
public sealed record FetchAttempt(int Number, HttpStatusCode? Status, string Outcome, TimeSpan? DelayAfter = null);
