using System.Text.Json;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Tradier;

/// <summary>Positions (<c>GET /accounts/{id}/positions</c>) and balances (<c>GET /accounts/{id}/balances</c>).</summary>
internal static class TradierAccount
{
    /// <summary>
    /// <c>{symbol, quantity, cost_basis, date_acquired, id}</c>. Tradier gives the total cost basis and no market
    /// value: the average cost is the basis per share, and market value is left unknown rather than invented.
    /// </summary>
    public static BrokerPosition Position(JsonElement position)
    {
        var symbol = TradierJson.RequiredString(position, "symbol", "position");
        var where = $"position {symbol}";
        var quantity = TradierJson.RequiredDecimal(position, "quantity", where);
        var basis = TradierJson.RequiredDecimal(position, "cost_basis", where);
        return new BrokerPosition(symbol, quantity, quantity == 0m ? 0m : Math.Abs(basis) / Math.Abs(quantity), null);
    }

    /// <summary>
    /// Cash is <c>total_cash</c>, equity <c>total_equity</c>; buying power is <c>stock_buying_power</c> of the
    /// <c>margin</c> or <c>pdt</c> block, or <c>cash_available</c> of the <c>cash</c> block (per <c>account_type</c>).
    /// </summary>
    public static BrokerAccount Balances(JsonElement balances)
    {
        var account = TradierJson.RequiredString(balances, "account_number", "balances");
        var type = TradierJson.RequiredString(balances, "account_type", "balances");
        var (blockName, field) = type switch
        {
            "margin" or "pdt" => (type, "stock_buying_power"),
            "cash" => ("cash", "cash_available"),
            _ => throw new FormatException($"tradier: unknown account_type '{type}'"),
        };
        var block = TradierJson.Object(balances, blockName);
        return new BrokerAccount(
            account,
            "USD",
            TradierJson.RequiredDecimal(balances, "total_cash", "balances"),
            TradierJson.RequiredDecimal(balances, "total_equity", "balances"),
            TradierJson.RequiredDecimal(block, field, $"balances.{blockName}"));
    }
}
