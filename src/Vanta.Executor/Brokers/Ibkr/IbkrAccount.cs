using System.Text.Json;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Ibkr;

/// <summary>
/// Positions (<c>GET /portfolio/{accountId}/positions/{page}</c>) and balances (<c>GET /portfolio/{accountId}/summary</c>).
/// These portfolio endpoints are outside the condensed wire reference; shapes follow IBKR's Web API documentation.
/// </summary>
internal static class IbkrAccount
{
    /// <summary>Positions come in pages of up to this many.</summary>
    public const int PageSize = 100;

    /// <summary><c>{conid, ticker, contractDesc, position, avgPrice, avgCost, mktValue}</c>; quantity is signed.</summary>
    public static BrokerPosition Position(JsonElement position)
    {
        var symbol = IbkrJson.String(position, "ticker") ?? IbkrJson.String(position, "contractDesc") ?? IbkrJson.RequiredString(position, "conid", "position");
        var where = $"position {symbol}";
        return new BrokerPosition(
            symbol,
            IbkrJson.RequiredDecimal(position, "position", where),
            IbkrJson.Decimal(position, "avgPrice") ?? IbkrJson.RequiredDecimal(position, "avgCost", where),
            IbkrJson.Decimal(position, "mktValue"));
    }

    /// <summary>
    /// Summary values are objects <c>{"amount": .., "currency": ..}</c> under lower-case keys: cash is
    /// <c>totalcashvalue</c>, equity <c>netliquidation</c>, buying power <c>buyingpower</c>.
    /// </summary>
    public static BrokerAccount Summary(JsonElement summary, string accountId)
    {
        var equity = Value(summary, "netliquidation");
        return new BrokerAccount(
            accountId,
            IbkrJson.String(equity, "currency") ?? "USD",
            IbkrJson.RequiredDecimal(Value(summary, "totalcashvalue"), "amount", "summary.totalcashvalue"),
            IbkrJson.RequiredDecimal(equity, "amount", "summary.netliquidation"),
            IbkrJson.RequiredDecimal(Value(summary, "buyingpower"), "amount", "summary.buyingpower"));
    }

    private static JsonElement Value(JsonElement summary, string name) =>
        summary.ValueKind == JsonValueKind.Object && summary.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new FormatException($"ibkr: account summary has no '{name}'");
}
