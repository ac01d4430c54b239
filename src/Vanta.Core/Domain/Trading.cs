using System.Text.Json.Serialization;
using Vanta.Core.Ids;

namespace Vanta.Core.Domain;

/// <summary>What a vault wants held: a target weight of its capital in one symbol.</summary>
/// <param name="TargetWeight">Fraction of vault equity, -1..1 (negative is short).</param>
/// <param name="SignalId">The parent conviction the target follows.</param>
/// <param name="ConfigVersion">Hash of the vault config document the decision used.</param>
public sealed record AllocationIntent(
    IntentId IntentId,
    VaultId VaultId,
    string Symbol,
    decimal TargetWeight,
    SignalId SignalId,
    decimal ConvictionScore,
    string ConfigVersion,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    string Reason)
{
    /// <summary>Signed target holding in whole lots (capital x weight / last price); null when no price was known.</summary>
    public decimal? TargetQuantity { get; init; }

    /// <summary>Which way the target moves the vault's current position; null when the intent does not say.</summary>
    public OrderSide? Side { get; init; }

    /// <summary>Worst acceptable price (a collar around the last price), when the vault configures one.</summary>
    public decimal? LimitPrice { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<OrderSide>))]
public enum OrderSide
{
    [JsonStringEnumMemberName("buy")] Buy = 1,
    [JsonStringEnumMemberName("sell")] Sell = 2,
}

[JsonConverter(typeof(JsonStringEnumConverter<OrderType>))]
public enum OrderType
{
    [JsonStringEnumMemberName("market")] Market = 1,
    [JsonStringEnumMemberName("limit")] Limit = 2,
}

[JsonConverter(typeof(JsonStringEnumConverter<TimeInForce>))]
public enum TimeInForce
{
    [JsonStringEnumMemberName("day")] Day = 1,
    [JsonStringEnumMemberName("gtc")] Gtc = 2,
}

/// <summary>Order lifecycle states. Persisted values are frozen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    [JsonStringEnumMemberName("new")] New = 1,
    [JsonStringEnumMemberName("submitted")] Submitted = 2,
    [JsonStringEnumMemberName("accepted")] Accepted = 3,
    [JsonStringEnumMemberName("partially_filled")] PartiallyFilled = 4,
    [JsonStringEnumMemberName("filled")] Filled = 5,
    [JsonStringEnumMemberName("cancelled")] Cancelled = 6,
    [JsonStringEnumMemberName("rejected")] Rejected = 7,
    [JsonStringEnumMemberName("expired")] Expired = 8,
}

/// <summary>An order as Vanta created it. <see cref="ClientOrderId"/> derives from the intent.</summary>
public sealed record Order(
    OrderId OrderId,
    ClientOrderId ClientOrderId,
    IntentId IntentId,
    VaultId VaultId,
    string Symbol,
    OrderSide Side,
    OrderType Type,
    decimal Quantity,
    decimal? LimitPrice,
    TimeInForce TimeInForce,
    DateTimeOffset CreatedAt);

/// <summary>A change in an order's state.</summary>
public sealed record OrderEvent(
    OrderId OrderId,
    ClientOrderId ClientOrderId,
    OrderStatus Status,
    decimal FilledQuantity,
    decimal? AveragePrice,
    string? Reason,
    DateTimeOffset Ts);

/// <summary>One execution against an order.</summary>
public sealed record Fill(
    FillId FillId,
    OrderId OrderId,
    ClientOrderId ClientOrderId,
    VaultId VaultId,
    string Symbol,
    OrderSide Side,
    decimal Quantity,
    decimal Price,
    decimal Fee,
    DateTimeOffset Ts);

/// <summary>A holding in one vault, marked at <see cref="LastPrice"/>.</summary>
public sealed record Position(
    VaultId VaultId,
    string Symbol,
    decimal Quantity,
    decimal AverageCost,
    decimal LastPrice,
    decimal RealizedPnl,
    decimal UnrealizedPnl)
{
    public decimal MarketValue => Quantity * LastPrice;
}

/// <summary>The executor's view of a vault's account after an execution or a mark.</summary>
public sealed record PortfolioSnapshot(
    VaultId VaultId,
    decimal Cash,
    decimal Equity,
    decimal RealizedPnl,
    decimal UnrealizedPnl,
    decimal FeesPaid,
    DateTimeOffset Ts);
