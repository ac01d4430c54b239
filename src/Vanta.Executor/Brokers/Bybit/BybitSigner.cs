using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Bybit;

/// <summary>
/// Bybit v5 HMAC signing: <c>X-BAPI-SIGN = hex(HMAC-SHA256(secret, timestamp + key + recvWindow + payload))</c>,
/// where the payload is the query string exactly as sent (GET) or the raw body bytes (POST).
/// </summary>
internal sealed class BybitSigner(string apiKey, string apiSecret, int recvWindowMs) : IRequestSigner
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(apiSecret);

    public void Sign(HttpRequestMessage message, BrokerHttpRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(request);
        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var window = recvWindowMs.ToString(CultureInfo.InvariantCulture);
        // The query as it goes on the wire (escaped, unsorted), not as the caller wrote it.
        var payload = request.Body is { } body
            ? Encoding.UTF8.GetString(body)
            : message.RequestUri!.Query.TrimStart('?');
        message.Headers.TryAddWithoutValidation("X-BAPI-API-KEY", apiKey);
        message.Headers.TryAddWithoutValidation("X-BAPI-TIMESTAMP", timestamp);
        message.Headers.TryAddWithoutValidation("X-BAPI-RECV-WINDOW", window);
        message.Headers.TryAddWithoutValidation("X-BAPI-SIGN", Signature(timestamp + apiKey + window + payload));
    }

    internal string Signature(string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(text)));
}
