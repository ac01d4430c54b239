using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Executor.Orders;

namespace Vanta.Executor.Brokers.Paper;

/// <summary>
/// A simulated venue for paper trading and backtests. Market orders are accepted on submit and rest until the
/// next bar of their symbol (one whose <see cref="PriceBar.Start"/> is after the order's
/// <see cref="Order.CreatedAt"/>: a decision made on a bar's close cannot trade at that bar's prices), then fill
/// in full at that bar's open with slippage and fees (see <see cref="PaperBrokerOptions"/>). Report times are
/// the order's creation time on submit and the bar's start on fill, never a wall clock.
/// </summary>
/// <remarks>
/// Not thread-safe. Volume is not modelled (orders fill in full) and neither is time in force: the next bar
/// is the order's only chance in a bar-driven replay, and it always gets it.
/// </remarks>
public sealed class PaperBroker : ISimulatedVenue
{
    private readonly PaperBrokerOptions _options;
    private readonly List<Order> _resting = [];
    private readonly HashSet<ClientOrderId> _seen = [];

    public PaperBroker(PaperBrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Validated();
    }

    public PaperBroker() : this(PaperBrokerOptions.Default)
    {
    }

    public string Name => "paper";

    /// <summary>Orders accepted and not yet filled, in arrival order.</summary>
    public IReadOnlyList<Order> RestingOrders => _resting.AsReadOnly();

    public ValueTask<IReadOnlyList<ExecutionReport>> SubmitAsync(Order order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        return ValueTask.FromResult(Submit(order));
    }

    public IReadOnlyList<ExecutionReport> OnBar(PriceBar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        // A non-positive open is bad data; the order waits for a bar it can fairly trade on.
        if (bar.Open <= 0m)
            return [];
        var reports = new List<ExecutionReport>();
        foreach (var order in _resting.Where(o => o.Symbol == bar.Symbol && bar.Start > o.CreatedAt).ToList())
        {
            reports.Add(FillAt(order, bar));
            _resting.Remove(order);
        }
        return reports;
    }

    private IReadOnlyList<ExecutionReport> Submit(Order order)
    {
        // Like a real broker, a client order id is accepted once; the planner should never get here twice.
        if (!_seen.Add(order.ClientOrderId))
            return [Report(order, OrderStatus.Rejected, $"{PaperRejections.DuplicateClientOrderId}: {order.ClientOrderId} was already submitted")];
        if (order.Type != OrderType.Market)
            return [Report(order, OrderStatus.Rejected, $"{PaperRejections.UnsupportedOrderType}: {order.Type} orders are not supported by the paper venue")];
        if (order.Quantity <= 0m)
            return [Report(order, OrderStatus.Rejected, string.Create(CultureInfo.InvariantCulture, $"{PaperRejections.InvalidQuantity}: quantity must be positive (was {order.Quantity})"))];
        if (string.IsNullOrWhiteSpace(order.Symbol))
            return [Report(order, OrderStatus.Rejected, $"{PaperRejections.InvalidSymbol}: symbol is empty")];

        _resting.Add(order);
        return [Report(order, OrderStatus.Submitted, null), Report(order, OrderStatus.Accepted, null)];
    }

    private ExecutionReport FillAt(Order order, PriceBar bar)
    {
        var price = PaperFillModel.FillPrice(order.Side, bar.Open, _options.SlippageBps);
        var fee = PaperFillModel.Fee(_options, order.Quantity, price);
        var fill = new Fill(
            OrderIds.FillIdFor(order.OrderId, bar.Start), order.OrderId, order.ClientOrderId, order.VaultId,
            order.Symbol, order.Side, order.Quantity, price, fee, bar.Start);
        var filled = new OrderEvent(order.OrderId, order.ClientOrderId, OrderStatus.Filled, order.Quantity, price, null, bar.Start);
        return new ExecutionReport(filled, fill);
    }

    private static ExecutionReport Report(Order order, OrderStatus status, string? reason) =>
        new(new OrderEvent(order.OrderId, order.ClientOrderId, status, 0m, null, reason, order.CreatedAt), null);
}

/// <summary>Reason codes the paper venue puts first in a rejection's reason (<c>code: detail</c>). Frozen.</summary>
public static class PaperRejections
{
    public const string DuplicateClientOrderId = "duplicate_client_order_id";
    public const string UnsupportedOrderType = "unsupported_order_type";
    public const string InvalidQuantity = "invalid_quantity";
    public const string InvalidSymbol = "invalid_symbol";
}
