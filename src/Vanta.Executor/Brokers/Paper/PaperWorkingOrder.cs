using Vanta.Core.Domain;

namespace Vanta.Executor.Brokers.Paper;

/// <summary>An order the paper venue is working: what has filled so far and what it has seen of the market.</summary>
internal sealed class PaperWorkingOrder(Order order)
{
    private decimal _notional;
    private decimal _lastPrice;
    private int _fills;

    public Order Order { get; } = order;

    /// <summary><see cref="OrderStatus.Accepted"/> until the first fill, then <see cref="OrderStatus.PartiallyFilled"/>.</summary>
    public OrderStatus Status { get; private set; } = OrderStatus.Accepted;

    public decimal FilledQuantity { get; private set; }

    public decimal RemainingQuantity => Order.Quantity - FilledQuantity;

    /// <summary>Time of the last report about this order; a later report must not be earlier.</summary>
    public DateTimeOffset LastReportAt { get; private set; } = order.CreatedAt;

    /// <summary>The trading day of the first bar the order could trade on; null until it has seen one.</summary>
    public DateOnly? TradingDay { get; private set; }

    /// <summary>Price of the one fill, or the quantity-weighted average of several (8 places); null before any.</summary>
    public decimal? AveragePrice => _fills switch
    {
        0 => null,
        1 => _lastPrice,
        _ => decimal.Round(_notional / FilledQuantity, PaperFillModel.AveragePriceScale, MidpointRounding.AwayFromZero),
    };

    /// <summary>True when a day order's trading day ended before <paramref name="bar"/>.</summary>
    public bool ExpiresBefore(PriceBar bar) =>
        Order.TimeInForce == TimeInForce.Day && TradingDay is { } day && PaperFillModel.TradingDay(bar.Start) > day;

    /// <summary>Notes that the order is in the market on <paramref name="bar"/>; returns true the first time.</summary>
    public bool Sees(PriceBar bar)
    {
        if (TradingDay is not null)
            return false;
        TradingDay = PaperFillModel.TradingDay(bar.Start);
        return true;
    }

    /// <summary>Records a fill and returns the order's new status.</summary>
    public OrderStatus Apply(decimal quantity, decimal price, DateTimeOffset at)
    {
        FilledQuantity += quantity;
        _notional += quantity * price;
        _lastPrice = price;
        _fills++;
        LastReportAt = at;
        Status = FilledQuantity == Order.Quantity ? OrderStatus.Filled : OrderStatus.PartiallyFilled;
        return Status;
    }
}
