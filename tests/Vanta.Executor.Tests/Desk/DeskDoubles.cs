using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Desk;

namespace Vanta.Executor.Tests.Desk;

/// <summary>An in-memory journal that knows which records a crash would keep: those appended before the last flush.</summary>
internal sealed class MemoryJournal : IJournal
{
    private readonly List<Envelope> _records = [];
    private int _durable;

    public JournalHead Head => new(_records.Count, "");

    public IReadOnlyList<Envelope> Records => _records;

    public IReadOnlyList<Envelope> Durable => _records.Take(_durable).ToList();

    public IEnumerable<T> Of<T>(EventKind<T> kind) => _records.Where(r => r.Is(kind)).Select(r => r.Read(kind));

    public ValueTask<JournalHead> AppendAsync(Envelope envelope, CancellationToken cancellationToken = default)
    {
        _records.Add(envelope);
        return ValueTask.FromResult(Head);
    }

    public ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        _durable = _records.Count;
        return ValueTask.CompletedTask;
    }

    /// <summary>A journal holding only what survived a crash of this one.</summary>
    public MemoryJournal AfterCrash()
    {
        var survivor = new MemoryJournal();
        survivor._records.AddRange(Durable);
        survivor._durable = survivor._records.Count;
        return survivor;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>What the fake venue does with the next submit.</summary>
internal enum NextSubmit
{
    Normal,
    AcceptThenTimeOut,
    LoseBeforeArrival,
    Reject,
}

/// <summary>
/// A venue that keeps its orders by client order id, like the real ones, and refuses a second order with a known
/// client order id. Tests script its answers and move its orders along.
/// </summary>
internal sealed class FakeVenue(string name = "fake") : IBrokerAdapter
{
    private readonly SortedDictionary<ClientOrderId, BrokerOrder> _orders = [];

    public string Name => name;

    public NextSubmit Next { get; set; } = NextSubmit.Normal;

    public int SubmitCalls { get; private set; }

    public List<BrokerPosition> Positions { get; } = [];

    public IReadOnlyCollection<BrokerOrder> Orders => _orders.Values;

    public void Move(ClientOrderId id, OrderStatus status, decimal filled, decimal? average) =>
        _orders[id] = _orders[id] with { Status = status, FilledQuantity = filled, AverageFillPrice = average };

    public void Plant(BrokerOrder order) => _orders[order.ClientOrderId] = order;

    public Task<BrokerResult<BrokerOrder>> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        SubmitCalls++;
        var mode = Next;
        Next = NextSubmit.Normal;
        switch (mode)
        {
            case NextSubmit.LoseBeforeArrival:
                return Task.FromResult<BrokerResult<BrokerOrder>>(new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.ConnectionLost, "connection reset"));
            case NextSubmit.Reject:
                return Task.FromResult<BrokerResult<BrokerOrder>>(new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected, "insufficient buying power", 403));
        }
        if (_orders.TryGetValue(request.ClientOrderId, out var existing))
            return Task.FromResult<BrokerResult<BrokerOrder>>(existing);
        var order = new BrokerOrder("v-" + (_orders.Count + 1), request.ClientOrderId, request.Symbol, request.Side, request.Type,
            request.Quantity, request.LimitPrice, OrderStatus.Accepted, 0m, null, null, null);
        _orders[request.ClientOrderId] = order;
        return Task.FromResult(mode == NextSubmit.AcceptThenTimeOut
            ? BrokerResult<BrokerOrder>.Fail(new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.Timeout, "timed out"))
            : order);
    }

    public Task<BrokerResult<BrokerOrder>> CancelAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken = default)
    {
        if (!_orders.TryGetValue(clientOrderId, out var order))
            return Task.FromResult<BrokerResult<BrokerOrder>>(NotFound(clientOrderId));
        if (order.Status is OrderStatus.Filled)
            return Task.FromResult<BrokerResult<BrokerOrder>>(new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotCancelable, "already filled", 422));
        _orders[clientOrderId] = order with { Status = OrderStatus.Cancelled };
        return Task.FromResult<BrokerResult<BrokerOrder>>(_orders[clientOrderId]);
    }

    public Task<BrokerResult<BrokerOrder>> GetOrderAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_orders.TryGetValue(clientOrderId, out var order) ? order : BrokerResult<BrokerOrder>.Fail(NotFound(clientOrderId)));

    public Task<BrokerResult<IReadOnlyList<BrokerOrder>>> ListOpenOrdersAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(BrokerResult<IReadOnlyList<BrokerOrder>>.Ok(
            [.. _orders.Values.Where(o => o.Status is OrderStatus.Accepted or OrderStatus.PartiallyFilled or OrderStatus.Submitted)]));

    public Task<BrokerResult<IReadOnlyList<BrokerPosition>>> GetPositionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(BrokerResult<IReadOnlyList<BrokerPosition>>.Ok([.. Positions]));

    public Task<BrokerResult<BrokerAccount>> GetAccountAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<BrokerResult<BrokerAccount>>(new BrokerAccount("acct", "USD", 1000m, 1000m, 1000m));

    private static BrokerError NotFound(ClientOrderId id) => new(BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound, $"no order {id}", 404);
}

/// <summary>A pre-trade check with a single notional limit, enough to exercise the desk's handling of verdicts.</summary>
internal sealed class NotionalCheck(decimal maxQuantity) : IPreTradeCheck
{
    public RiskCheck Check(Order order, string broker, DeskBook book, DateTimeOffset now) =>
        order.Quantity <= maxQuantity
            ? new RiskCheck(order.OrderId, order.ClientOrderId, order.VaultId, order.Symbol, true, null, null, "ok", ["max_quantity"], now)
            : new RiskCheck(order.OrderId, order.ClientOrderId, order.VaultId, order.Symbol, false, "max_quantity", "max_quantity",
                $"quantity {order.Quantity} above {maxQuantity}", [], now);
}

internal static class DeskSetup
{
    public static readonly Producer Executor = new("test", Role.Executor);

    public static OrderDesk Desk(MemoryJournal journal, FakeVenue venue, TimeProvider time, decimal maxQuantity = 1000m)
    {
        var book = new DeskBook();
        foreach (var record in journal.Records)
            book.Apply(record);
        return new OrderDesk(journal, ImmutableDictionary<string, IBrokerAdapter>.Empty.Add(venue.Name, venue), new NotionalCheck(maxQuantity), time, Executor, book);
    }
}
