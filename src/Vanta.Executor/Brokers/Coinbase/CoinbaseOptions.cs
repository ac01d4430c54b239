using Vanta.Http;

namespace Vanta.Executor.Brokers.Coinbase;

/// <summary>How the Coinbase Advanced Trade adapter reaches its venue.</summary>
/// <param name="BaseUri">Venue root (<see cref="Production"/>) or a stand-in; the brokerage prefix is added here.</param>
public sealed record CoinbaseOptions(Uri BaseUri)
{
    public static readonly Uri Production = new("https://api.coinbase.com/");

    /// <summary>Host named in the JWT's <c>uri</c> claim; it stays the venue's even when a test points elsewhere.</summary>
    public string JwtHost { get; init; } = "api.coinbase.com";

    /// <summary>The fiat account that is cash; every other non-zero balance is a position in <c>{currency}-{CashCurrency}</c>.</summary>
    public string CashCurrency { get; init; } = "USD";

    /// <summary>Private REST allows 30 requests per second per user.</summary>
    public RateLimit RateLimit { get; init; } = new(30, TimeSpan.FromSeconds(1));

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Resends after a rate limit or an outcome the venue proved did not happen; also GET retries.</summary>
    public int MaxRetries { get; init; } = 2;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Coinbase cannot filter orders by client order id, so an order this process did not place is found by
    /// reading the orders created in this window, newest first, at most <see cref="LookupPages"/> pages of 250.
    /// </summary>
    public TimeSpan LookupWindow { get; init; } = TimeSpan.FromDays(7);

    public int LookupPages { get; init; } = 4;
}
