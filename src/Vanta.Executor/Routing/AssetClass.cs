using System.Text.Json.Serialization;

namespace Vanta.Executor.Routing;

/// <summary>What kind of instrument a symbol is, for routing. Persisted values are frozen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssetClass>))]
public enum AssetClass
{
    [JsonStringEnumMemberName("equity")] Equity = 1,
    [JsonStringEnumMemberName("crypto")] Crypto = 2,
}

/// <summary>
/// Tells crypto from equities: a <c>crypto</c> or <c>equity</c> routing tag decides; otherwise a symbol of the
/// form <c>BASE-QUOTE</c> whose quote is a currency (<c>BTC-USD</c>, <c>ETH-USDT</c>) is crypto. A dash alone is
/// not enough: <c>BRK-B</c> is a share class.
/// </summary>
public static class AssetClassifier
{
    public const string CryptoTag = "crypto";
    public const string EquityTag = "equity";

    private static readonly string[] QuoteCurrencies = ["USD", "USDT", "USDC", "EUR", "GBP", "BTC", "ETH"];

    public static AssetClass Classify(string symbol, ReadOnlySpan<string> tags)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        foreach (var tag in tags)
        {
            if (string.Equals(tag, CryptoTag, StringComparison.Ordinal))
                return AssetClass.Crypto;
            if (string.Equals(tag, EquityTag, StringComparison.Ordinal))
                return AssetClass.Equity;
        }
        var dash = symbol.LastIndexOf('-');
        if (dash <= 0)
            return AssetClass.Equity;
        var quote = symbol.AsSpan(dash + 1);
        foreach (var currency in QuoteCurrencies)
        {
            if (quote.Equals(currency, StringComparison.OrdinalIgnoreCase))
                return AssetClass.Crypto;
        }
        return AssetClass.Equity;
    }
}
