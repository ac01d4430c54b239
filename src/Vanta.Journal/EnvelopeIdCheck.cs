using System.Collections.Immutable;
using System.Text.Json;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;

namespace Vanta.Journal;

/// <summary>
/// Recomputes an envelope's content id from its JSON bytes with Core's <see cref="Envelope.DeriveId"/>, reading
/// only the fields the id covers and taking the payload as its raw byte slice (exactly the bytes the id was
/// made from), so no envelope or payload object is built.
/// </summary>
internal static class EnvelopeIdCheck
{
    public static LineFault Check(ReadOnlySpan<byte> envelopeJson)
    {
        try
        {
            return CheckOrThrow(envelopeJson);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            // Token-type mismatches surface as InvalidOperationException, bad dates as FormatException,
            // empty ids as ArgumentException: all mean the envelope is not one the writer produced.
            return LineFault.EnvelopeInvalid;
        }
    }

    private static LineFault CheckOrThrow(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return LineFault.EnvelopeInvalid;

        string? eventId = null, type = null;
        int? version = null;
        DateTimeOffset? tsEvent = null;
        ImmutableArray<EventId> parents = [];
        var payload = ReadOnlySpan<byte>.Empty;
        var hasPayload = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event_id"u8))
                eventId = NextString(ref reader);
            else if (reader.ValueTextEquals("type"u8))
                type = NextString(ref reader);
            else if (reader.ValueTextEquals("schema_version"u8))
                version = Next(ref reader).GetInt32();
            else if (reader.ValueTextEquals("ts_event"u8))
                tsEvent = Next(ref reader).GetDateTimeOffset();
            else if (reader.ValueTextEquals("parents"u8))
                parents = ReadParents(ref reader);
            else if (reader.ValueTextEquals("payload"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                payload = json[start..(int)reader.BytesConsumed];
                hasPayload = true;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            return LineFault.EnvelopeInvalid;
        if (eventId is null || type is null || version is null || tsEvent is null || !hasPayload)
            return LineFault.EnvelopeInvalid;

        var id = Envelope.DeriveId(type, version.Value, tsEvent.Value, payload, parents);
        return id.Value == eventId ? LineFault.None : LineFault.EventIdMismatch;
    }

    private static ref Utf8JsonReader Next(ref Utf8JsonReader reader)
    {
        reader.Read();
        return ref reader;
    }

    private static string? NextString(ref Utf8JsonReader reader) => Next(ref reader).GetString();

    private static ImmutableArray<EventId> ReadParents(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("parents must be an array");
        var parents = ImmutableArray.CreateBuilder<EventId>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            parents.Add(new EventId(reader.GetString()!));
        return parents.DrainToImmutable();
    }
}

/// <summary>What is wrong with one line on its own, before it is linked to its neighbours.</summary>
internal enum LineFault : byte
{
    None,
    Malformed,
    HashMismatch,
    EnvelopeInvalid,
    EventIdMismatch,
}
