using Vanta.Core.Domain;

namespace Vanta.Vaults.Engine;

/// <summary>How an intent's weight becomes a quantity and a limit price.</summary>
public static class IntentSizing
{
    /// <summary>Decimal places of a limit price.</summary>
    public const int PriceScale = 4;

    /// <summary>
    /// Signed target holding: <c>capital x weight / price</c>, rounded towards zero to whole lots, so a target
    /// never asks for more than the weight allows.
    /// </summary>
    public static decimal Quantity(decimal capital, decimal weight, decimal price, decimal lotSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lotSize);
        var lots = decimal.Truncate(capital * weight / price / lotSize);
        return lots == 0m ? 0m : lots * lotSize;
    }

    /// <summary>
    /// The worst price the collar accepts: a buy pays at most <c>price x (1 + collar)</c>, a sell takes at least
    /// <c>price x (1 - collar)</c>, each rounded inwards so the limit never leaves the collar.
    /// </summary>
    public static decimal Limit(OrderSide side, decimal price, decimal collar) => side == OrderSide.Buy
        ? decimal.Round(price * (1m + collar), PriceScale, MidpointRounding.ToNegativeInfinity)
        : decimal.Round(price * (1m - collar), PriceScale, MidpointRounding.ToPositiveInfinity);
}
