using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vanta.Core.Ids;

namespace Vanta.Core.Envelopes;

/// <summary>
/// Every message travels in an envelope. <see cref="EventId"/> is derived from the type, schema version,
/// event time, canonical payload bytes and parents, so the same input always gives the same id and
/// consumers can dedupe. <see cref="Payload"/> holds the canonical UTF-8 JSON of the payload.
/// </summary>
[JsonConverter(typeof(EnvelopeJsonConverter))]
public sealed record Envelope(
    EventId EventId,
    string Type,
    int SchemaVersion,
    DateTimeOffset TsEvent,
    DateTimeOffset TsInit,
    Producer Producer,
    ImmutableArray<EventId> Parents,
    CorrelationId CorrelationId,
    ReadOnlyMemory<byte> Payload,
    string? Signature = null)
{
    /// <summary>Builds an envelope with a content-derived id.</summary>
    public static Envelope Create<T>(
        EventKind<T> kind,
        T payload,
        DateTimeOffset tsEvent,
        DateTimeOffset tsInit,
        Producer producer,
        ImmutableArray<EventId> parents = default,
        CorrelationId? correlationId = null)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(payload, kind.TypeInfo);
        var parentList = parents.IsDefault ? [] : parents;
        var id = DeriveId(kind.Name, kind.SchemaVersion, tsEvent, bytes, parentList);
        return new Envelope(
            id, kind.Name, kind.SchemaVersion, tsEvent.ToUniversalTime(), tsInit.ToUniversalTime(),
            producer, parentList, correlationId ?? new CorrelationId(id.Value), bytes);
    }

    /// <summary>Deserializes the payload; throws if the envelope is of another kind.</summary>
    public T Read<T>(EventKind<T> kind)
    {
        if (!Is(kind))
            throw new InvalidOperationException($"Envelope {EventId} is '{Type}@{SchemaVersion}', not '{kind.Name}@{kind.SchemaVersion}'"
                + (Type == kind.Name ? $" (versions read: {string.Join(", ", kind.ReadsVersions.Append(kind.SchemaVersion))})" : ""));
        return JsonSerializer.Deserialize(Payload.Span, kind.TypeInfo)
            ?? throw new InvalidOperationException($"Envelope {EventId} has a null payload");
    }

    /// <summary>True when the record is of <paramref name="kind"/>, at its current version or an older one it reads.</summary>
    public bool Is(IEventKind kind) => Type == kind.Name && kind.Reads(SchemaVersion);

    /// <summary>Recomputes the content id; differs from <see cref="EventId"/> only if the envelope was altered.</summary>
    public EventId ComputeId() => DeriveId(Type, SchemaVersion, TsEvent, Payload.Span, Parents);

    /// <summary>The content-derived id: 128 bits of SHA-256 over type, version, event time, payload and parents.</summary>
    public static EventId DeriveId(string type, int schemaVersion, DateTimeOffset tsEvent, ReadOnlySpan<byte> payload, ImmutableArray<EventId> parents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = string.Create(CultureInfo.InvariantCulture,
            $"{type}\u001f{schemaVersion}\u001f{tsEvent.UtcTicks}\u001f");
        hash.AppendData(Encoding.UTF8.GetBytes(header));
        hash.AppendData(payload);
        foreach (var parent in parents)
        {
            hash.AppendData([0x1f]);
            hash.AppendData(Encoding.UTF8.GetBytes(parent.Value));
        }
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return new EventId(Convert.ToHexStringLower(digest[..16]));
    }
}
