namespace Vanta.Executor.Brokers.Alpaca;

/// <summary>
/// Vanta symbols to Alpaca's and back. Equities pass through (<c>AAPL</c>, <c>BRK.B</c>). Crypto pairs are
/// <c>BTC-USD</c> in Vanta and <c>BTC/USD</c> in Alpaca orders; positions name them without the slash
/// (<c>BTCUSD</c>), so those are split on a known quote currency.
/// </summary>
internal static class AlpacaSymbols
{
    private static readonly string[] Quotes = ["USDT", "USDC", "USD", "BTC"];

    /// <summary>True for a Vanta crypto pair such as <c>ETH-USD</c>.</summary>
    public static bool IsCrypto(string vantaSymbol) =>
        vantaSymbol.Split('-') is [{ Length: > 0 }, var quote] && Quotes.Contains(quote, StringComparer.Ordinal);

    public static string ToAlpaca(string vantaSymbol) => IsCrypto(vantaSymbol) ? vantaSymbol.Replace('-', '/') : vantaSymbol;

    public static string FromAlpaca(string alpacaSymbol, string? assetClass)
    {
        if (alpacaSymbol.Contains('/', StringComparison.Ordinal))
            return alpacaSymbol.Replace('/', '-');
        if (assetClass == "crypto")
        {
            foreach (var quote in Quotes)
            {
                if (alpacaSymbol.Length > quote.Length && alpacaSymbol.EndsWith(quote, StringComparison.Ordinal))
                    return $"{alpacaSymbol[..^quote.Length]}-{quote}";
            }
        }
        return alpacaSymbol;
    }
}
