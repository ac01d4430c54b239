using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;
using Vanta.Executor.Orders;

namespace Vanta.Executor.Desk;

/// <summary>One order the desk has journaled, with where it went and how far it got.</summary>
public sealed record DeskOrder(
    Order Order,
    string Broker,
    OrderStatus Status,
    decimal FilledQuantity,
    decimal? AveragePrice,
    EventId OrderEventId,
    EventId LastEventId,
    string? Reason)
{
    public bool IsTerminal => OrderStateMachine.IsTerminal(Status);
}

/// <summary>
/// The desk's state, rebuilt from the journal alone: the orders it journaled, their last known state, the
/// fills per broker and symbol, and the trading state. Nothing here is kept anywhere else, so a restart after a
/// kill at any point starts from exactly what was durably written.
/// </summary>
public sealed class DeskBook
{
    private readonly SortedDictionary<ClientOrderId, DeskOrder> _orders = [];
    private readonly SortedDictionary<(string Broker, string Symbol), decimal> _positions = [];
    private readonly Dictionary<OrderId, ClientOrderId> _byOrderId = [];
    private readonly HashSet<FillId> _fills = [];

    public TradingState TradingState { get; private set; } = TradingState.Active;

    public IReadOnlyCollection<DeskOrder> Orders => _orders.Values;

    public bool TryGet(ClientOrderId clientOrderId, out DeskOrder order) => _orders.TryGetValue(clientOrderId, out order!);

    /// <summary>Finds an order by client order id or Vanta order id.</summary>
    public DeskOrder? Find(string id) =>
        _orders.TryGetValue(new ClientOrderId(id), out var byClient) ? byClient
        : _byOrderId.TryGetValue(new OrderId(id), out var client) ? _orders[client]
        : null;

    /// <summary>Signed quantity held at <paramref name="broker"/> according to the fills the desk journaled.</summary>
    public decimal PositionOf(string broker, string symbol) => _positions.GetValueOrDefault((broker, symbol));

    public IEnumerable<(string Broker, string Symbol, decimal Quantity)> Positions =>
        _positions.Where(p => p.Value != 0m).Select(p => (p.Key.Broker, p.Key.Symbol, p.Value));

    public bool HasFill(FillId fillId) => _fills.Contains(fillId);

    /// <summary>Applies one journaled envelope; kinds the desk does not keep are ignored.</summary>
    public void Apply(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Is(EventKinds.Order))
        {
            var order = envelope.Read(EventKinds.Order);
            _orders[order.ClientOrderId] = new DeskOrder(order, "", OrderStatus.New, 0m, null, envelope.EventId, envelope.EventId, null);
            _byOrderId[order.OrderId] = order.ClientOrderId;
        }
        else if (envelope.Is(EventKinds.OrderRouted))
        {
            var routed = envelope.Read(EventKinds.OrderRouted);
            if (_orders.TryGetValue(routed.ClientOrderId, out var order))
                _orders[routed.ClientOrderId] = order with { Broker = routed.Broker, LastEventId = envelope.EventId };
        }
        else if (envelope.Is(EventKinds.OrderEvent))
        {
            var change = envelope.Read(EventKinds.OrderEvent);
            if (_orders.TryGetValue(change.ClientOrderId, out var order))
            {
                _orders[change.ClientOrderId] = order with
                {
                    Status = change.Status,
                    FilledQuantity = change.FilledQuantity,
                    AveragePrice = change.AveragePrice ?? order.AveragePrice,
                    LastEventId = envelope.EventId,
                    Reason = change.Reason ?? order.Reason,
                };
            }
        }
        else if (envelope.Is(EventKinds.Fill))
        {
            var fill = envelope.Read(EventKinds.Fill);
            if (!_fills.Add(fill.FillId) || !_orders.TryGetValue(fill.ClientOrderId, out var order))
                return;
            var key = (order.Broker, fill.Symbol);
            _positions[key] = _positions.GetValueOrDefault(key) + (fill.Side == OrderSide.Buy ? fill.Quantity : -fill.Quantity);
        }
        else if (envelope.Is(EventKinds.TradingState))
        {
            var change = envelope.Read(EventKinds.TradingState);
            if (change.Scope == "*")
                TradingState = change.To;
        }
    }

    /// <summary>Orders not yet in a terminal state, oldest first.</summary>
    public ImmutableArray<DeskOrder> Working() =>
        [.. _orders.Values.Where(o => !o.IsTerminal).OrderBy(o => o.Order.CreatedAt).ThenBy(o => o.Order.ClientOrderId)];
}
