using System.Net.Http.Headers;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Tradier;

/// <summary>Adds <c>Authorization: Bearer</c> as the request leaves, so the token never sits in a request record.</summary>
internal sealed class TradierBearer(string token) : IRequestSigner
{
    public void Sign(HttpRequestMessage message, BrokerHttpRequest request, DateTimeOffset now) =>
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
}
