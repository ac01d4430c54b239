using Vanta.Core.Domain;

namespace Vanta.Executor.Brokers.Paper;

/// <summary>
/// Which side of the book an execution was on. Market orders, and limit orders already through their price when
/// they reach the market, take liquidity; a limit order that rests and is later traded against adds it.
/// </summary>
public enum Liquidity
{
    Maker = 1,
    Taker = 2,
}

/// <summary>One execution a venue charges for: a single fill of <see cref="Quantity"/> at <see cref="Price"/>.</summary>
public readonly record struct PaperExecution(string Symbol, OrderSide Side, decimal Quantity, decimal Price, Liquidity Liquidity)
{
    public decimal Notional => Quantity * Price;
}

/// <summary>
/// What a venue charges for one execution, in the quote currency. The paper venue calls it once per fill (one per
/// order per bar), so minimums and caps apply to each partial fill. Pure: the same execution always costs the same.
/// </summary>
public interface IFeeModel
{
    decimal Fee(PaperExecution execution);
}

/// <summary>Shared arithmetic of the fee models.</summary>
internal static class FeeMath
{
    /// <summary>Fees are kept to 4 places, like paper prices; midpoints round away from zero.</summary>
    public static decimal Round(decimal fee) => decimal.Round(fee, PaperBrokerOptions.PriceScale, MidpointRounding.AwayFromZero);

    /// <summary>Up to the next cent, as the SEC and FINRA have broker-dealers round their fees.</summary>
    public static decimal CeilingToCent(decimal amount) => decimal.Ceiling(amount * 100m) / 100m;

    /// <summary>Throws if a fee setting is negative: fee models are built by code, so that is a bug.</summary>
    public static decimal NonNegative(decimal value, string name) =>
        value >= 0m ? value : throw new ArgumentOutOfRangeException(name, value, $"Fee setting {name} must not be negative");
}
