using Vanta.Core.Domain;
using Vanta.Core.Ids;

namespace Vanta.Executor.Brokers.Common;

/// <summary>
/// A venue that holds real orders. Every call is keyed on Vanta's <see cref="ClientOrderId"/> (derived from the
/// intent), never on the venue's own id, so a restarted executor can find what it sent before it died.
/// No method throws for a venue-side problem: failures come back as a classified <see cref="BrokerError"/>.
/// </summary>
public interface IBrokerAdapter
{
    /// <summary>Short venue name: <c>alpaca</c>, <c>tradier</c>, <c>coinbase</c>, <c>bybit</c>, <c>ibkr</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Places the order. Idempotent on <see cref="BrokerOrderRequest.ClientOrderId"/>: when the outcome of a send is
    /// unknown (timeout, dropped connection, 5xx) or the venue reports a duplicate id, the adapter looks the order up
    /// by client order id and returns the existing one instead of sending a second. A venue-side rejection (also one
    /// delivered in an HTTP 200 body) is a <see cref="BrokerError"/> with <see cref="BrokerErrorClass.NonRetryable"/>.
    /// </summary>
    Task<BrokerResult<BrokerOrder>> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default);

    /// <summary>Asks the venue to cancel; returns the order's state after the request.</summary>
    Task<BrokerResult<BrokerOrder>> CancelAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken = default);

    /// <summary>The venue's view of one order; <see cref="BrokerErrorCodes.NotFound"/> when it has none.</summary>
    Task<BrokerResult<BrokerOrder>> GetOrderAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken = default);

    /// <summary>Orders the venue still works (not filled, cancelled, rejected or expired).</summary>
    Task<BrokerResult<IReadOnlyList<BrokerOrder>>> ListOpenOrdersAsync(CancellationToken cancellationToken = default);

    Task<BrokerResult<IReadOnlyList<BrokerPosition>>> GetPositionsAsync(CancellationToken cancellationToken = default);

    Task<BrokerResult<BrokerAccount>> GetAccountAsync(CancellationToken cancellationToken = default);
}

/// <summary>What Vanta asks a venue for. Symbols are Vanta's (e.g. <c>AAPL</c>, <c>BTC-USD</c>); adapters map them.</summary>
public sealed record BrokerOrderRequest(
    ClientOrderId ClientOrderId,
    string Symbol,
    OrderSide Side,
    OrderType Type,
    decimal Quantity,
    decimal? LimitPrice,
    TimeInForce TimeInForce)
{
    public static BrokerOrderRequest From(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new(order.ClientOrderId, order.Symbol, order.Side, order.Type, order.Quantity, order.LimitPrice, order.TimeInForce);
    }
}

/// <summary>A venue's view of one order, mapped onto Vanta's lifecycle.</summary>
/// <param name="VenueOrderId">The venue's own id (kept for support tickets and cancels).</param>
/// <param name="Reason">Why the venue rejected or cancelled it, when it said.</param>
public sealed record BrokerOrder(
    string VenueOrderId,
    ClientOrderId ClientOrderId,
    string Symbol,
    OrderSide Side,
    OrderType Type,
    decimal Quantity,
    decimal? LimitPrice,
    OrderStatus Status,
    decimal FilledQuantity,
    decimal? AverageFillPrice,
    string? Reason,
    DateTimeOffset? UpdatedAt);

/// <summary>A holding at the venue. Quantity is signed (negative is short).</summary>
public sealed record BrokerPosition(string Symbol, decimal Quantity, decimal AverageCost, decimal? MarketValue);

/// <summary>Account balances at the venue, in <see cref="Currency"/>.</summary>
public sealed record BrokerAccount(string AccountId, string Currency, decimal Cash, decimal Equity, decimal BuyingPower);

/// <summary>How a caller should treat a failure.</summary>
public enum BrokerErrorClass
{
    /// <summary>Transient (429, 5xx, timeout, dropped connection): the same call may succeed later.</summary>
    Retryable = 1,

    /// <summary>The venue refused this request (bad parameters, insufficient funds, unknown order): do not resend it.</summary>
    NonRetryable = 2,

    /// <summary>Nothing will work until an operator acts (bad or missing credentials, account disabled).</summary>
    Fatal = 3,
}

/// <summary>A classified venue failure. <see cref="Message"/> never contains a secret.</summary>
/// <param name="Code">A <see cref="BrokerErrorCodes"/> value, or the venue's own code when it gave one.</param>
public sealed record BrokerError(BrokerErrorClass Class, string Code, string Message, int? HttpStatus = null, TimeSpan? RetryAfter = null)
{
    public override string ToString() => $"{Class} {Code}: {Message}";
}

/// <summary>Vanta's own error codes for failures every venue shares. Frozen.</summary>
public static class BrokerErrorCodes
{
    public const string NotFound = "not_found";
    public const string RateLimited = "rate_limited";
    public const string Unavailable = "unavailable";
    public const string Timeout = "timeout";
    public const string ConnectionLost = "connection_lost";
    public const string Unauthorized = "unauthorized";
    public const string Rejected = "rejected";
    public const string InvalidRequest = "invalid_request";
    public const string MalformedResponse = "malformed_response";
    public const string NotCancelable = "not_cancelable";
    public const string MissingCredentials = "missing_credentials";
}

/// <summary>Either a value or a classified error.</summary>
public readonly record struct BrokerResult<T>
{
    private BrokerResult(T? value, BrokerError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public BrokerError? Error { get; }

    public bool IsSuccess => Error is null;

    public static BrokerResult<T> Ok(T value) => new(value, null);

    public static BrokerResult<T> Fail(BrokerError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator BrokerResult<T>(BrokerError error) => Fail(error);

    public static implicit operator BrokerResult<T>(T value) => Ok(value);

    /// <summary>The value; throws <see cref="InvalidOperationException"/> naming the error when there is none.</summary>
    public T GetValueOrThrow() => IsSuccess ? Value! : throw new InvalidOperationException(Error!.ToString());
}
