using System.Text.Json;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Tradier;

/// <summary>
/// Reads a Tradier answer into its JSON or a classified error. Besides the shared status reading
/// (<see cref="BrokerHttp.Classify"/>), Tradier delivers downstream rejections as HTTP 200 with
/// <c>{"errors": {"error": [..]}}</c>: those are non-retryable, and fatal when the account itself is blocked.
/// </summary>
internal static class TradierErrors
{
    /// <summary>Venue codes that no resend can fix: an operator must act on the account.</summary>
    private static readonly HashSet<string> AccountCodes = new(["AccountDisabled", "AccountIsNotApproved"], StringComparer.Ordinal);

    public static BrokerResult<JsonElement> Read(BrokerHttp http, BrokerHttpResponse response, string rejectionCode)
    {
        var root = TryParse(response.Body);
        var messages = root is { } r ? TradierJson.Errors(r) : [];
        if (!response.IsSuccess)
        {
            var error = http.Classify(response)!;
            return messages.FirstOrDefault(AccountCodes.Contains) is { } fatal
                ? error with { Class = BrokerErrorClass.Fatal, Code = fatal }
                : error;
        }
        if (root is null)
        {
            return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse,
                http.Mask($"tradier answered HTTP {response.Status} with a body that is not JSON ({response.Header("Content-Type") ?? "no content type"})"),
                response.Status);
        }
        return messages.Count > 0 ? Rejection(http, messages, rejectionCode, response.Status) : root.Value;
    }

    private static BrokerError Rejection(BrokerHttp http, IReadOnlyList<string> messages, string fallbackCode, int status)
    {
        // Tradier mixes prose with code words (DayTradingBuyingPowerExceeded); the first code word names the error.
        var code = messages.FirstOrDefault(m => m.Length > 0 && m.All(char.IsAsciiLetterOrDigit)) ?? fallbackCode;
        var @class = messages.Any(AccountCodes.Contains) ? BrokerErrorClass.Fatal : BrokerErrorClass.NonRetryable;
        return new BrokerError(@class, code, http.Mask("tradier refused: " + string.Join("; ", messages)), status);
    }

    private static JsonElement? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
