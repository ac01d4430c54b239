using System.Collections.Immutable;

namespace Vanta.Markets.Collectors.CoinGecko;

/// <summary>CoinGecko coin API ids to ticker symbols: a small fixed map; an unknown id is kept, upper-cased.</summary>
public static class CoinGeckoSymbols
{
    /// <summary>The ids Vanta knows, with their tickers.</summary>
    public static ImmutableSortedDictionary<string, string> Known { get; } = new Dictionary<string, string>
    {
        ["avalanche-2"] = "AVAX",
        ["binancecoin"] = "BNB",
        ["bitcoin"] = "BTC",
        ["bitcoin-cash"] = "BCH",
        ["cardano"] = "ADA",
        ["chainlink"] = "LINK",
        ["dogecoin"] = "DOGE",
        ["ethereum"] = "ETH",
        ["litecoin"] = "LTC",
        ["polkadot"] = "DOT",
        ["ripple"] = "XRP",
        ["solana"] = "SOL",
        ["stellar"] = "XLM",
        ["tether"] = "USDT",
        ["tron"] = "TRX",
        ["usd-coin"] = "USDC",
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>The ticker for a coin id, e.g. <c>bitcoin</c> to <c>BTC</c>; unknown ids upper-cased.</summary>
    public static string Symbol(string coinId) =>
        Known.TryGetValue(coinId.ToLowerInvariant(), out var symbol) ? symbol : coinId.ToUpperInvariant();
}
