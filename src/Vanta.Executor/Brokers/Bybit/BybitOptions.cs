using Vanta.Http;

namespace Vanta.Executor.Brokers.Bybit;

/// <summary>How the Bybit v5 adapter reaches its venue.</summary>
/// <param name="BaseUri">Venue root: <see cref="Mainnet"/>, <see cref="Testnet"/> or a stand-in.</param>
/// <param name="Category"><c>spot</c> or <c>linear</c> (USDT perpetuals); one adapter trades one category.</param>
public sealed record BybitOptions(Uri BaseUri, string Category = BybitOptions.Spot)
{
    public const string Spot = "spot";
    public const string Linear = "linear";

    public static readonly Uri Mainnet = new("https://api.bybit.com/");
    public static readonly Uri Testnet = new("https://api-testnet.bybit.com/");

    /// <summary>Sent as <c>X-BAPI-RECV-WINDOW</c>: how stale (ms) the venue may find our timestamp.</summary>
    public int RecvWindowMs { get; init; } = 5000;

    /// <summary>Linear queries (open orders, positions) are scoped by settle coin.</summary>
    public string SettleCoin { get; init; } = "USDT";

    /// <summary>Spot: the coin that is cash; every other coin balance is a position in <c>{coin}{QuoteCoin}</c>.</summary>
    public string QuoteCoin { get; init; } = "USDT";

    /// <summary>Wallet queried for balances (<c>/v5/account/wallet-balance?accountType=</c>).</summary>
    public string AccountType { get; init; } = "UNIFIED";

    /// <summary>The tightest order-endpoint limit (10/s for linear create and cancel; spot allows 20/s).</summary>
    public RateLimit RateLimit { get; init; } = new(10, TimeSpan.FromSeconds(1));

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Resends after a rate limit or an outcome the venue proved did not happen; also GET retries.</summary>
    public int MaxRetries { get; init; } = 2;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A longer wait than this (an IP ban, a far reset) is returned to the caller instead of waited out.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    internal BybitOptions Validated()
    {
        if (Category is not (Spot or Linear))
            throw new ArgumentException($"bybit: category must be '{Spot}' or '{Linear}' (was '{Category}'); inverse and option are not supported", nameof(Category));
        if (RecvWindowMs <= 0)
            throw new ArgumentException($"bybit: RecvWindowMs must be positive (was {RecvWindowMs})", nameof(RecvWindowMs));
        return this;
    }
}
