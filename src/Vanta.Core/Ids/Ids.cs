using System.Text.Json.Serialization;

namespace Vanta.Core.Ids;

/// <summary>Content-derived id of an envelope (hex of a SHA-256 prefix).</summary>
[JsonConverter(typeof(StringIdJsonConverter<EventId>))]
public readonly record struct EventId : IStringId<EventId>, IComparable<EventId>
{
    public EventId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    public string Value { get; }

    public static EventId From(string value) => new(value);

    public int CompareTo(EventId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}

/// <summary>Groups the events of one causal chain.</summary>
[JsonConverter(typeof(StringIdJsonConverter<CorrelationId>))]
public readonly record struct CorrelationId : IStringId<CorrelationId>, IComparable<CorrelationId>
{
    public CorrelationId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    public string Value { get; }

    public static CorrelationId From(string value) => new(value);

    public int CompareTo(CorrelationId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}

/// <summary>Content-derived id of a conviction vector.</summary>
[JsonConverter(typeof(StringIdJsonConverter<SignalId>))]
public readonly record struct SignalId : IStringId<SignalId>, IComparable<SignalId>
{
    public SignalId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    public string Value { get; }

    public static SignalId From(string value) => new(value);

    public int CompareTo(SignalId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}

/// <summary>Content-derived id of an allocation intent.</summary>
[JsonConverter(typeof(StringIdJsonConverter<IntentId>))]
public readonly record struct IntentId : IStringId<IntentId>, IComparable<IntentId>
{
    public IntentId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    public string Value { get; }

    public static IntentId From(string value) => new(value);

    public int CompareTo(IntentId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}

/// <summary>Id of an order inside Vanta.</summary>
[JsonConverter(typeof(StringIdJsonConverter<OrderId>))]
public readonly record struct OrderId : IStringId<OrderId>, IComparable<OrderId>
{
    public OrderId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    public string Value { get; }

    public static OrderId From(string value) => new(value);

    public int CompareTo(OrderId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}

/// <summary>The id sent to a broker; derived from the intent id so a retry or replay never makes a second order.</summary>
[JsonConverter(typeof(StringIdJsonConverter<ClientOrderId>))]
public readonly record struct ClientOrderId : IStringId<ClientOrderId>, IComparable<ClientOrderId>
{
    public ClientOrderId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    public string Value { get; }

    public static ClientOrderId From(string value) => new(value);

    public int CompareTo(ClientOrderId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}

/// <summary>Id of one execution.</summary>
[JsonConverter(typeof(StringIdJsonConverter<FillId>))]
public readonly record struct FillId : IStringId<FillId>, IComparable<FillId>
{
    public FillId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    public string Value { get; }

    public static FillId From(string value) => new(value);

    public int CompareTo(FillId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}

/// <summary>Name of a vault in vault.json.</summary>
[JsonConverter(typeof(StringIdJsonConverter<VaultId>))]
public readonly record struct VaultId : IStringId<VaultId>, IComparable<VaultId>
{
    public VaultId(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    public string Value { get; }

    public static VaultId From(string value) => new(value);

    public int CompareTo(VaultId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}
