using System.Text.Json;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Ibkr;

/// <summary>
/// Reads a gateway answer into its JSON or a classified error. On top of the shared status reading: 401 means the
/// gateway has no brokerage session (fatal until someone logs in); an HTTP 200 <c>{"error": ".."}</c> is a
/// rejection (non-retryable, IBKR's text as the message).
/// </summary>
internal static class IbkrErrors
{
    public static BrokerResult<JsonElement> Read(BrokerHttp http, BrokerHttpResponse response, string rejectionCode)
    {
        JsonElement? root;
        try
        {
            root = string.IsNullOrWhiteSpace(response.Body) ? null : IbkrJson.Parse(response.Body);
        }
        catch (JsonException)
        {
            root = null;
        }
        var text = root is { ValueKind: JsonValueKind.Object } r ? IbkrJson.String(r, "error") : null;
        if (!response.IsSuccess)
        {
            var error = http.Classify(response)!;
            if (error.Code == BrokerErrorCodes.Unauthorized)
                return error with { Message = http.Mask($"ibkr: the gateway has no authenticated brokerage session (HTTP 401); log in to the Client Portal Gateway. {text}".TrimEnd()) };
            return text is null || error.Class != BrokerErrorClass.NonRetryable || error.Code == BrokerErrorCodes.NotFound
                ? error
                : error with { Code = rejectionCode, Message = http.Mask($"ibkr refused (HTTP {response.Status}): {text}") };
        }
        if (root is null)
        {
            return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse,
                http.Mask($"ibkr answered HTTP {response.Status} with a body that is not JSON"), response.Status);
        }
        return text is null
            ? root.Value
            : new BrokerError(BrokerErrorClass.NonRetryable, rejectionCode, http.Mask($"ibkr refused: {text}"), response.Status);
    }
}
