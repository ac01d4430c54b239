using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Executor.Orders;

namespace Vanta.Executor.Brokers.Paper;

/// <summary>
/// A simulated venue for paper trading and backtests. Orders are accepted on submit and rest until a bar of their
/// symbol that starts after their last report (a decision made on a bar's close cannot trade at that bar's prices):
/// market orders fill at its open with slippage; limit orders fill when the bar reaches the limit (see
/// <see cref="PaperFillModel.LimitFill"/>). With <see cref="PaperBrokerOptions.VolumeParticipation"/> an order fills
/// at most its share of the bar's volume and the rest rests (partially filled); day orders expire at the end of the
/// trading day of the first bar they could trade on, good-till-cancelled ones rest until filled or cancelled. Fees
/// come from the options' <see cref="IFeeModel"/>. Report times are the order's creation time on submit, the bar's
/// start on a fill, the end of the trading day on expiry and the caller's time on cancel, never a wall clock.
/// </summary>
/// <remarks>
/// Not thread-safe. Reports follow <see cref="OrderStateMachine"/>: submitted, accepted, partially filled any number
/// of times, then filled, cancelled or expired; invalid orders go straight to rejected. One fill per order per bar.
/// </remarks>
public sealed class PaperBroker : ISimulatedVenue
{
    private readonly PaperBrokerOptions _options;
    private readonly IFeeModel _fees;
    private readonly List<PaperWorkingOrder> _working = [];
    private readonly HashSet<ClientOrderId> _seen = [];

    public PaperBroker(PaperBrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Validated();
        _fees = _options.Fees();
    }

    public PaperBroker() : this(PaperBrokerOptions.Default)
    {
    }

    public string Name => "paper";

    /// <summary>Orders accepted and not yet filled, expired or cancelled, in arrival order.</summary>
    public IReadOnlyList<Order> RestingOrders => [.. _working.Select(w => w.Order)];

    public ValueTask<IReadOnlyList<ExecutionReport>> SubmitAsync(Order order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        return ValueTask.FromResult(Submit(order));
    }

    public IReadOnlyList<ExecutionReport> OnBar(PriceBar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        // A bar with a non-positive price is bad data: no order trades on it, but it still shows the day has moved on.
        var tradable = PaperFillModel.IsTradable(bar);
        var allowance = tradable ? PaperFillModel.VolumeAllowance(_options, bar) : null;
        var reports = new List<ExecutionReport>();
        foreach (var working in _working.Where(w => w.Order.Symbol == bar.Symbol && bar.Start > w.LastReportAt).ToList())
        {
            if (working.ExpiresBefore(bar))
            {
                _working.Remove(working);
                reports.Add(Expire(working));
            }
            else if (tradable && TryFill(working, bar, ref allowance) is { } report)
            {
                reports.Add(report);
                if (working.Status == OrderStatus.Filled)
                    _working.Remove(working);
            }
        }
        return reports;
    }

    /// <summary>
    /// Cancels a resting order at <paramref name="at"/>: one cancelled report with what it filled so far. Nothing when
    /// the venue is not working the order (never submitted, rejected, or already filled, expired or cancelled).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before the order's last report.</exception>
    public IReadOnlyList<ExecutionReport> Cancel(ClientOrderId clientOrderId, DateTimeOffset at)
    {
        var working = _working.Find(w => w.Order.ClientOrderId == clientOrderId);
        if (working is null)
            return [];
        if (at < working.LastReportAt)
            throw new ArgumentOutOfRangeException(nameof(at), at, $"Cancel of {clientOrderId} is earlier than its last report at {working.LastReportAt:O}");
        _working.Remove(working);
        return [Progress(working, OrderStatus.Cancelled, "cancelled on request", at)];
    }

    private IReadOnlyList<ExecutionReport> Submit(Order order)
    {
        // Like a real broker, a client order id is accepted once; the planner should never get here twice.
        if (!_seen.Add(order.ClientOrderId))
            return [Report(order, OrderStatus.Rejected, $"{PaperRejections.DuplicateClientOrderId}: {order.ClientOrderId} was already submitted")];
        if (order.Type is not (OrderType.Market or OrderType.Limit))
            return [Report(order, OrderStatus.Rejected, $"{PaperRejections.UnsupportedOrderType}: {order.Type} orders are not supported by the paper venue")];
        if (order.Quantity <= 0m)
            return [Report(order, OrderStatus.Rejected, Invariant($"{PaperRejections.InvalidQuantity}: quantity must be positive (was {order.Quantity})"))];
        if (string.IsNullOrWhiteSpace(order.Symbol))
            return [Report(order, OrderStatus.Rejected, $"{PaperRejections.InvalidSymbol}: symbol is empty")];
        if (order.Type == OrderType.Limit && order.LimitPrice is not > 0m)
            return [Report(order, OrderStatus.Rejected, Invariant($"{PaperRejections.InvalidLimitPrice}: a limit order needs a positive limit price (was {order.LimitPrice?.ToString(CultureInfo.InvariantCulture) ?? "none"})"))];
        if (order.TimeInForce is not (TimeInForce.Day or TimeInForce.Gtc))
            return [Report(order, OrderStatus.Rejected, $"{PaperRejections.UnsupportedTimeInForce}: time in force {order.TimeInForce} is not supported by the paper venue")];

        _working.Add(new PaperWorkingOrder(order));
        return [Report(order, OrderStatus.Submitted, null), Report(order, OrderStatus.Accepted, null)];
    }

    private ExecutionReport? TryFill(PaperWorkingOrder working, PriceBar bar, ref decimal? allowance)
    {
        var order = working.Order;
        var firstLook = working.Sees(bar);
        decimal price;
        Liquidity liquidity;
        if (order.Type == OrderType.Market)
            (price, liquidity) = (PaperFillModel.FillPrice(order.Side, bar.Open, _options.SlippageBps), Liquidity.Taker);
        else if (PaperFillModel.LimitFill(order.Side, order.LimitPrice!.Value, bar, _options.SlippageBps) is { } limit)
            // Through the limit at the first open it meets, the order takes liquidity; a resting order that gets hit adds it.
            (price, liquidity) = (limit.Price, firstLook && limit.AtOpen ? Liquidity.Taker : Liquidity.Maker);
        else
            return null;

        var quantity = allowance is { } left ? Math.Min(working.RemainingQuantity, left) : working.RemainingQuantity;
        if (quantity <= 0m)
            return null;
        if (allowance is not null)
            allowance -= quantity;

        var fee = _fees.Fee(new PaperExecution(order.Symbol, order.Side, quantity, price, liquidity));
        var status = working.Apply(quantity, price, bar.Start);
        var fill = new Fill(
            OrderIds.FillIdFor(order.OrderId, bar.Start), order.OrderId, order.ClientOrderId, order.VaultId,
            order.Symbol, order.Side, quantity, price, fee, bar.Start);
        return new ExecutionReport(Event(working, status, null, bar.Start), fill);
    }

    private static ExecutionReport Expire(PaperWorkingOrder working)
    {
        var day = working.TradingDay!.Value;
        return Progress(working, OrderStatus.Expired, Invariant($"day order not filled by the end of {day:yyyy-MM-dd} (UTC)"), PaperFillModel.EndOf(day));
    }

    private static ExecutionReport Progress(PaperWorkingOrder working, OrderStatus status, string reason, DateTimeOffset at) =>
        new(Event(working, status, reason, at), null);

    /// <summary>An event carrying what the order has filled so far: cumulative quantity and average price.</summary>
    private static OrderEvent Event(PaperWorkingOrder working, OrderStatus status, string? reason, DateTimeOffset at) =>
        new(working.Order.OrderId, working.Order.ClientOrderId, status, working.FilledQuantity, working.AveragePrice, reason, at);

    private static ExecutionReport Report(Order order, OrderStatus status, string? reason) =>
        new(new OrderEvent(order.OrderId, order.ClientOrderId, status, 0m, null, reason, order.CreatedAt), null);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
