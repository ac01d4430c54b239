using System.Net;

namespace Vanta.Http.Detection;

/// <summary>
/// Recognises an answer that looks like a response but is not the data asked for (a block page, a
/// maintenance page). Such answers become classified failures and never reach the sink as documents.
/// </summary>
public interface INonDataDetector
{
    /// <summary>A verdict when the answer is not data; null when this detector does not recognise it.</summary>
    NonDataVerdict? Inspect(ResponseSnapshot response);
}

/// <summary>What a detector sees: the status, the content type and the (size-bounded) body.</summary>
public sealed record ResponseSnapshot(HttpStatusCode Status, string? MediaType, ReadOnlyMemory<byte> Body);

/// <summary>Why an answer is not data, and what to do about it.</summary>
public sealed record NonDataVerdict(FetchFailureKind Kind, FailureClass Class, string Reason, TimeSpan? RetryAfter = null);
