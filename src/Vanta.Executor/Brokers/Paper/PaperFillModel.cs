using Vanta.Core.Domain;

namespace Vanta.Executor.Brokers.Paper;

/// <summary>Prices and fees of paper fills: pure functions of the options, the order and the bar.</summary>
internal static class PaperFillModel
{
    /// <summary>Buys pay <c>open x (1 + bps/10000)</c>, sells receive <c>open x (1 - bps/10000)</c>, rounded to 4 places.</summary>
    public static decimal FillPrice(OrderSide side, decimal open, decimal slippageBps)
    {
        var factor = side == OrderSide.Buy ? 1m + slippageBps / 10000m : 1m - slippageBps / 10000m;
        return decimal.Round(open * factor, PaperBrokerOptions.PriceScale, MidpointRounding.AwayFromZero);
    }

    public static decimal Fee(PaperBrokerOptions options, decimal quantity, decimal price)
    {
        var fee = options.FeePerShare * quantity + options.FeeBps / 10000m * quantity * price;
        return decimal.Round(Math.Max(options.MinimumFeePerOrder, fee), PaperBrokerOptions.PriceScale, MidpointRounding.AwayFromZero);
    }
}
