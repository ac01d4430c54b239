using System.Collections.Immutable;
using System.Text;

namespace Vanta.Testing.StandIn;

/// <summary>
/// A scripted answer, including the ways real servers misbehave: slow headers, a slow body, a body cut
/// short of its announced length, a body with no length at all.
/// </summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">Bytes sent as the body.</param>
public sealed record StandInResponse(int Status, byte[] Body)
{
    /// <summary>Reason phrase on the status line.</summary>
    public string Reason { get; init; } = "Stand-in";

    /// <summary>Headers in order (Content-Length and Connection are added by the server).</summary>
    public ImmutableList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Wait before sending anything.</summary>
    public TimeSpan HeaderDelay { get; init; }

    /// <summary>Wait between the headers and the body.</summary>
    public TimeSpan BodyDelay { get; init; }

    /// <summary>Send only this many body bytes (Content-Length still announces all of them), then close.</summary>
    public int? TruncateAfterBytes { get; init; }

    /// <summary>Send no Content-Length: the body ends when the connection closes.</summary>
    public bool OmitContentLength { get; init; }

    /// <summary>A JSON answer.</summary>
    public static StandInResponse Json(string json, int status = 200) => Text(json, "application/json", status);

    /// <summary>A text answer of the given media type (UTF-8).</summary>
    public static StandInResponse Text(string text, string contentType, int status = 200) =>
        Bytes(Encoding.UTF8.GetBytes(text), contentType, status);

    /// <summary>An answer with the given bytes.</summary>
    public static StandInResponse Bytes(byte[] body, string contentType, int status = 200) =>
        new StandInResponse(status, body).WithHeader("Content-Type", contentType);

    /// <summary>A bodiless answer, e.g. 304 or 500.</summary>
    public static StandInResponse Empty(int status) => new(status, []);

    /// <summary>429 with a Retry-After header in whatever form the test gives (seconds or an HTTP date).</summary>
    public static StandInResponse TooManyRequests(string retryAfter) =>
        Json("""{"message": "Too Many Requests", "error": 429}""", 429).WithHeader("Retry-After", retryAfter);

    /// <summary>This answer with one more header.</summary>
    public StandInResponse WithHeader(string name, string value) => this with { Headers = Headers.Add(new(name, value)) };
}
