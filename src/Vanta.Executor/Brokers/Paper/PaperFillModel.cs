using Vanta.Core.Domain;

namespace Vanta.Executor.Brokers.Paper;

/// <summary>Prices, quantities and trading days of paper fills: pure functions of the options, the order and the bar.</summary>
internal static class PaperFillModel
{
    /// <summary>Crypto quantities are kept to 8 places (satoshis); equities trade in whole shares.</summary>
    public const int CryptoQuantityScale = 8;

    /// <summary>Places of the average price of an order filled in parts.</summary>
    public const int AveragePriceScale = 8;

    /// <summary>Buys pay <c>open x (1 + bps/10000)</c>, sells receive <c>open x (1 - bps/10000)</c>, rounded to 4 places.</summary>
    public static decimal FillPrice(OrderSide side, decimal open, decimal slippageBps)
    {
        var factor = side == OrderSide.Buy ? 1m + slippageBps / 10000m : 1m - slippageBps / 10000m;
        return decimal.Round(open * factor, PaperBrokerOptions.PriceScale, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Where a limit order trades on <paramref name="bar"/>, or null when the bar does not reach its limit. A bar that
    /// opens at or through the limit fills at the open with slippage, but never beyond the limit (the order crossed a
    /// price already there: taker); one that only reaches the limit later fills at the limit (maker).
    /// </summary>
    public static (decimal Price, bool AtOpen)? LimitFill(OrderSide side, decimal limit, PriceBar bar, decimal slippageBps)
    {
        var open = FillPrice(side, bar.Open, slippageBps);
        return side == OrderSide.Buy
            ? bar.Open <= limit ? (Math.Min(open, limit), true) : bar.Low <= limit ? (limit, false) : null
            : bar.Open >= limit ? (Math.Max(open, limit), true) : bar.High >= limit ? (limit, false) : null;
    }

    /// <summary>
    /// False for a bar no order may trade on: a non-positive price, a high under the low, or negative volume. Orders
    /// wait for a bar they can fairly trade on.
    /// </summary>
    public static bool IsTradable(PriceBar bar) =>
        bar.Open > 0m && bar.High > 0m && bar.Low > 0m && bar.Close > 0m && bar.High >= bar.Low && bar.Volume >= 0m;

    /// <summary>How much the venue's orders in <paramref name="bar"/>'s symbol may fill in it, in whole lots; null when unlimited.</summary>
    public static decimal? VolumeAllowance(PaperBrokerOptions options, PriceBar bar) =>
        options.LimitsVolume ? RoundDownToLot(bar.Symbol, options.VolumeParticipation!.Value * bar.Volume) : null;

    /// <summary>Whole shares for equities; 8 places for crypto (a symbol with a dash, such as <c>BTC-USD</c>).</summary>
    public static decimal RoundDownToLot(string symbol, decimal quantity) =>
        IsCrypto(symbol) ? decimal.Round(quantity, CryptoQuantityScale, MidpointRounding.ToZero) : decimal.Truncate(quantity);

    public static bool IsCrypto(string symbol) => symbol.Contains('-', StringComparison.Ordinal);

    /// <summary>
    /// The trading day a bar belongs to: its UTC date. US sessions (13:30-21:00 UTC) and daily bars stamped at midnight
    /// New York fall on their own date, and crypto venues roll their day at 00:00 UTC.
    /// </summary>
    public static DateOnly TradingDay(DateTimeOffset start) => DateOnly.FromDateTime(start.UtcDateTime);

    /// <summary>The end of <paramref name="day"/>: midnight UTC after it, when a day order left on it expires.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
