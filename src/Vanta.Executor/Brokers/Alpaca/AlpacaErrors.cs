using System.Globalization;
using System.Text.Json;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Alpaca;

/// <summary>
/// Alpaca's error answers as <see cref="BrokerError"/>s. The body's <c>code</c> and <c>message</c> are kept in the message
/// (masked); the class follows the HTTP status as the spec advises: 403 (buying power, shares, wash trade) is a
/// rejection, 422 an invalid request, 401 fatal, 429 and 5xx retryable with the venue's wait.
/// </summary>
internal static class AlpacaErrors
{
    /// <summary>What Alpaca says (HTTP 422) when a client order id was used before.</summary>
    public const string DuplicateClientOrderId = "client_order_id must be unique";

    public static bool IsDuplicateClientOrderId(BrokerHttpResponse response) =>
        response.Status == 422 && Read(response)?.Message?.Contains(DuplicateClientOrderId, StringComparison.OrdinalIgnoreCase) == true;

    public static BrokerError Classify(BrokerHttp http, BrokerHttpResponse response, string where, DateTimeOffset now)
    {
        var shared = http.Classify(response) ?? throw new ArgumentException("a 2xx answer is not an error", nameof(response));
        var body = Read(response);
        var said = body is { Message: { } message }
            ? string.Create(CultureInfo.InvariantCulture, $"{message} (alpaca code {body.Code?.ToString(CultureInfo.InvariantCulture) ?? "none"})")
            : response.Body.Length <= 300 ? response.Body : response.Body[..300] + "...";
        var text = http.Mask($"{AlpacaBroker.VenueName}: {where} answered HTTP {response.Status}: {said}");
        return response.Status switch
        {
            403 => new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected, text, 403),
            422 => new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest, text, 422),
            429 => shared with { Message = text, RetryAfter = shared.RetryAfter ?? ResetWait(response, now) },
            _ => shared with { Message = text },
        };
    }

    /// <summary>
    /// How long until <c>X-RateLimit-Reset</c> (unix seconds) when <c>X-RateLimit-Remaining</c> is spent or the
    /// answer is a 429; null when the headers say nothing.
    /// </summary>
    public static TimeSpan? ResetWait(BrokerHttpResponse response, DateTimeOffset now)
    {
        var spent = response.Status == 429
            || (long.TryParse(response.Header("X-RateLimit-Remaining"), NumberStyles.None, CultureInfo.InvariantCulture, out var remaining) && remaining <= 0);
        if (!spent || !long.TryParse(response.Header("X-RateLimit-Reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
            return null;
        var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private static AlpacaErrorJson? Read(BrokerHttpResponse response)
    {
        try
        {
            return JsonSerializer.Deserialize(response.Body, AlpacaJsonContext.Default.AlpacaErrorJson);
        }
        catch (JsonException)
        {
            // Not Alpaca's error shape (a proxy's HTML page, an empty body): the status still classifies it.
            return null;
        }
    }
}
