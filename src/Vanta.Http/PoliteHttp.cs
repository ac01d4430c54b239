using System.Net;

namespace Vanta.Http;

/// <summary>The <see cref="HttpClient"/> the pipeline expects: compressed transfer, no built-in timeout.</summary>
public static class PoliteHttp
{
    /// <summary>
    /// A client that accepts gzip/deflate/brotli (SEC asks for it) and recycles pooled connections so DNS
    /// changes are seen. Its own timeout is off: the pipeline's per-attempt and total timeouts, driven by
    /// the injected clock, are the only ones.
    /// </summary>
    public static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
