namespace Vanta.Http.Detection;

/// <summary>
/// SEC's fair-access block page ("Request Rate Threshold Exceeded", or "Undeclared Automated Tool"),
/// served as HTML, usually with 403. The block lasts about ten minutes after the rate drops and
/// retrying sooner extends it, so the failure is retryable but only after <paramref name="blockBackoff"/>.
/// </summary>
public sealed class SecRateLimitPageDetector(TimeSpan blockBackoff) : INonDataDetector
{
    /// <summary>SEC's documented ten-minute block.</summary>
    public static TimeSpan DefaultBlock { get; } = TimeSpan.FromMinutes(10);

    public NonDataVerdict? Inspect(ResponseSnapshot response)
    {
        if (BodySniff.HeadContains(response.Body, "Request Rate Threshold Exceeded"))
            return new(FetchFailureKind.RateLimited, FailureClass.Retryable, "SEC rate-limit page (Request Rate Threshold Exceeded)", blockBackoff);
        if (BodySniff.HeadContains(response.Body, "Undeclared Automated Tool"))
            return new(FetchFailureKind.RateLimited, FailureClass.Retryable, "SEC block page (Undeclared Automated Tool): check the User-Agent", blockBackoff);
        return null;
    }
}

/// <summary>
/// EDGAR's "File Unavailable" page: shown during maintenance and also when a current-filings request
/// pages past the end. Either way there is no data now; it is retryable later.
/// </summary>
public sealed class SecMaintenancePageDetector(TimeSpan retryLater) : INonDataDetector
{
    /// <summary>How long to stay away by default.</summary>
    public static TimeSpan DefaultRetryLater { get; } = TimeSpan.FromMinutes(15);

    public NonDataVerdict? Inspect(ResponseSnapshot response) =>
        BodySniff.HeadContains(response.Body, "SEC.gov | File Unavailable")
        || BodySniff.HeadContains(response.Body, "undergoing maintenance")
            ? new(FetchFailureKind.Maintenance, FailureClass.Retryable, "EDGAR maintenance / file unavailable page", retryLater)
            : null;
}

/// <summary>An HTML page (or, for JSON, anything not starting like JSON) where data was expected.</summary>
public sealed class ExpectedContentDetector(ExpectedContent expected) : INonDataDetector
{
    public NonDataVerdict? Inspect(ResponseSnapshot response)
    {
        if (expected == ExpectedContent.Any || response.Body.IsEmpty)
            return null;
        if (BodySniff.LooksLikeHtml(response.Body) || response.MediaType is "text/html")
            return Unexpected($"HTML page where {expected} was expected");
        return expected == ExpectedContent.Json && BodySniff.FirstChar(response.Body) is not ('{' or '[')
            ? Unexpected("body is not JSON")
            : null;
    }

    private static NonDataVerdict Unexpected(string reason) =>
        new(FetchFailureKind.UnexpectedContent, FailureClass.NonRetryable, reason);
}
