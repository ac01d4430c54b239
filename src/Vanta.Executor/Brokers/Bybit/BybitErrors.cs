using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Bybit;

/// <summary>
/// Reads Bybit's envelope (<c>retCode</c>, <c>retMsg</c>, <c>result</c>). Business errors come in HTTP 200 with a
/// non-zero <c>retCode</c>; known codes map to Vanta's classes, the rest are non-retryable rejections.
/// </summary>
internal static class BybitErrors
{
    /// <summary>Bybit's retCodes for "this orderLinkId was already used": the order exists, look it up.</summary>
    public static readonly IReadOnlySet<string> DuplicateCodes = new HashSet<string>(StringComparer.Ordinal) { "110072", "10014" };

    /// <summary>The <c>result</c> object of a successful answer, or the classified failure.</summary>
    public static BrokerResult<JsonObject> Read(BrokerHttpResponse response, BrokerHttp http, TimeProvider time, string what)
    {
        if (!response.IsSuccess)
            return HttpFailure(response, http, what);
        JsonObject? envelope;
        try
        {
            envelope = JsonNode.Parse(response.Body) as JsonObject;
        }
        catch (JsonException)
        {
            envelope = null;
        }
        if (envelope?["retCode"] is not JsonValue codeValue || !codeValue.TryGetValue<int>(out var code))
            return Malformed(http, what, "no numeric retCode in the answer");
        if (code == 0)
        {
            return envelope["result"] is JsonObject result
                ? result
                : Malformed(http, what, "retCode 0 without a result object");
        }
        var message = http.Mask($"bybit: {what} failed: retCode {code} {(string?)envelope["retMsg"]}");
        var text = code.ToString(CultureInfo.InvariantCulture);
        return code switch
        {
            10006 => new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.RateLimited, message, 200, ResetIn(response, time)),
            10016 => new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.Unavailable, message, 200),
            10003 or 10004 or 10005 or 10010 => new BrokerError(BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized, message, 200),
            10001 => new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest, message, 200),
            110001 => new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound, message, 200),
            110008 or 110010 => new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotCancelable, message, 200),
            _ when DuplicateCodes.Contains(text) => new BrokerError(BrokerErrorClass.NonRetryable, text, message, 200),
            // Balance, price band, quantity and every other refusal: the venue said no to this request.
            _ => new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected, message, 200),
        };
    }

    /// <summary>A 2xx whose body could not be read: the request's outcome is unknown.</summary>
    public static BrokerError Malformed(BrokerHttp http, string what, string detail) =>
        new(BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse, http.Mask($"bybit: {what}: {detail}"));

    /// <summary>How long until <c>X-Bapi-Limit-Reset-Timestamp</c> (epoch ms), when the venue sent it.</summary>
    public static TimeSpan? ResetIn(BrokerHttpResponse response, TimeProvider time)
    {
        if (!long.TryParse(response.Header("X-Bapi-Limit-Reset-Timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            return null;
        var wait = DateTimeOffset.FromUnixTimeMilliseconds(ms) - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private static BrokerError HttpFailure(BrokerHttpResponse response, BrokerHttp http, string what)
    {
        var shared = http.Classify(response)!;
        return response.Status switch
        {
            // Bybit's IP limit (600 per 5 s) answers 403 "access too frequent" and bans for about ten minutes.
            403 when response.Body.Contains("too frequent", StringComparison.OrdinalIgnoreCase) =>
                shared with { Class = BrokerErrorClass.Retryable, Code = BrokerErrorCodes.RateLimited, RetryAfter = TimeSpan.FromMinutes(10) },
            // Otherwise 403 is a restricted region or a key without rights: an operator must act.
            403 => shared with { Class = BrokerErrorClass.Fatal, Code = BrokerErrorCodes.Unauthorized },
            _ => shared with { Message = $"{shared.Message} ({what})" },
        };
    }
}
