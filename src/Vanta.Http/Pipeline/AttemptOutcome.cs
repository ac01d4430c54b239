using System.Collections.Immutable;
using System.Net;

namespace Vanta.Http.Pipeline;

/// <summary>What one attempt came to, before the retry strategy decides whether to go again.</summary>
internal sealed record AttemptOutcome(
    HttpStatusCode? Status,
    ImmutableDictionary<string, string> Headers,
    string? MediaType = null,
    byte[]? Body = null,
    bool NotModified = false,
    FetchFailureKind? FailureKind = null,
    FailureClass? FailureClass = null,
    string? Reason = null,
    TimeSpan? RetryAfter = null)
{
    public bool IsFailure => FailureKind is not null;

    public string Label => NotModified ? "not-modified" : FailureKind?.ToString() ?? "ok";

    public static AttemptOutcome Failure(
        HttpStatusCode? status,
        ImmutableDictionary<string, string> headers,
        FetchFailureKind kind,
        FailureClass failureClass,
        string reason,
        TimeSpan? retryAfter = null) =>
        new(status, headers, FailureKind: kind, FailureClass: failureClass, Reason: reason, RetryAfter: retryAfter);
}
