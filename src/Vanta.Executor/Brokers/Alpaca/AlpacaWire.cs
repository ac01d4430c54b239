using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Vanta.Executor.Brokers.Alpaca;

// Alpaca's JSON as it is on the wire: every decimal and timestamp stays a string here and is parsed by
// AlpacaMapping, so a bad value is reported with its field name instead of a serializer stack trace.

/// <summary>POST /v2/orders body. Decimals are strings; null members are left out.</summary>
internal sealed record AlpacaOrderRequestJson(
    string Symbol,
    string Qty,
    string Side,
    string Type,
    string TimeInForce,
    string? LimitPrice,
    string ClientOrderId);

/// <summary>The Order object (REST and the <c>order</c> member of a trade update; the stream may abbreviate it).</summary>
internal sealed record AlpacaOrderJson
{
    public string? Id { get; init; }
    public string? ClientOrderId { get; init; }
    public string? Symbol { get; init; }
    public string? AssetClass { get; init; }
    public string? Qty { get; init; }
    public string? Notional { get; init; }
    public string? FilledQty { get; init; }
    public string? FilledAvgPrice { get; init; }
    public string? Type { get; init; }
    public string? Side { get; init; }
    public string? TimeInForce { get; init; }
    public string? LimitPrice { get; init; }
    public string? Status { get; init; }
    public string? ReplacedBy { get; init; }
    public string? CreatedAt { get; init; }
    public string? UpdatedAt { get; init; }
    public string? SubmittedAt { get; init; }
    public string? FilledAt { get; init; }
    public string? CanceledAt { get; init; }
    public string? ExpiredAt { get; init; }
    public string? FailedAt { get; init; }
}

internal sealed record AlpacaPositionJson
{
    public string? Symbol { get; init; }
    public string? AssetClass { get; init; }
    public string? Qty { get; init; }
    public string? Side { get; init; }
    public string? AvgEntryPrice { get; init; }
    public string? MarketValue { get; init; }
}

internal sealed record AlpacaAccountJson
{
    public string? Id { get; init; }
    public string? AccountNumber { get; init; }
    public string? Status { get; init; }
    public string? Currency { get; init; }
    public string? Cash { get; init; }
    public string? Equity { get; init; }
    public string? BuyingPower { get; init; }
}

/// <summary>Every non-2xx body: an 8-digit code (HTTP status + sub-code) and a message.</summary>
internal sealed record AlpacaErrorJson(long? Code, string? Message);

/// <summary>One stream message: <c>{"stream": ..., "data": {...}}</c>; data is read once the stream is known.</summary>
internal sealed record AlpacaStreamMessageJson(string? Stream, JsonElement? Data)
{
    public T Read<T>(JsonTypeInfo<T> type) =>
        (Data is { ValueKind: JsonValueKind.Object } data ? data.Deserialize(type) : default)
        ?? throw new AlpacaWireException($"{Stream} message has no data object");
}

internal sealed record AlpacaAuthorizationJson(string? Status, string? Action);

internal sealed record AlpacaListeningJson(ImmutableArray<string>? Streams);

internal sealed record AlpacaTradeUpdateJson
{
    public string? Event { get; init; }
    public AlpacaOrderJson? Order { get; init; }
    public string? Timestamp { get; init; }
    public string? Price { get; init; }
    public string? Qty { get; init; }
    public string? PositionQty { get; init; }
    public string? ExecutionId { get; init; }
}

internal sealed record AlpacaActionJson<T>(string Action, T Data);

internal sealed record AlpacaAuthenticateData(string KeyId, string SecretKey);

internal sealed record AlpacaListenData(ImmutableArray<string> Streams);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AlpacaOrderRequestJson))]
[JsonSerializable(typeof(AlpacaOrderJson))]
[JsonSerializable(typeof(ImmutableArray<AlpacaOrderJson>))]
[JsonSerializable(typeof(ImmutableArray<AlpacaPositionJson>))]
[JsonSerializable(typeof(AlpacaAccountJson))]
[JsonSerializable(typeof(AlpacaErrorJson))]
[JsonSerializable(typeof(AlpacaStreamMessageJson))]
[JsonSerializable(typeof(AlpacaAuthorizationJson))]
[JsonSerializable(typeof(AlpacaListeningJson))]
[JsonSerializable(typeof(AlpacaTradeUpdateJson))]
[JsonSerializable(typeof(AlpacaActionJson<AlpacaAuthenticateData>))]
[JsonSerializable(typeof(AlpacaActionJson<AlpacaListenData>))]
internal sealed partial class AlpacaJsonContext : JsonSerializerContext;
