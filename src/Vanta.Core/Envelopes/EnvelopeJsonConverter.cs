using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vanta.Core.Ids;

namespace Vanta.Core.Envelopes;

/// <summary>
/// Writes envelopes with a fixed field order and the payload as raw JSON, so the bytes on disk
/// are canonical and hashing them is stable across runs and machines.
/// </summary>
public sealed class EnvelopeJsonConverter : JsonConverter<Envelope>
{
    public override void Write(Utf8JsonWriter writer, Envelope value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("event_id"u8, value.EventId.Value);
        writer.WriteString("type"u8, value.Type);
        writer.WriteNumber("schema_version"u8, value.SchemaVersion);
        writer.WriteString("ts_event"u8, value.TsEvent);
        writer.WriteString("ts_init"u8, value.TsInit);
        writer.WriteStartObject("producer"u8);
        writer.WriteString("node"u8, value.Producer.Node);
        writer.WriteString("role"u8, RoleName(value.Producer.Role));
        writer.WriteEndObject();
        writer.WriteStartArray("parents"u8);
        foreach (var parent in value.Parents)
            writer.WriteStringValue(parent.Value);
        writer.WriteEndArray();
        writer.WriteString("correlation_id"u8, value.CorrelationId.Value);
        if (value.Signature is not null)
            writer.WriteString("signature"u8, value.Signature);
        writer.WritePropertyName("payload"u8);
        writer.WriteRawValue(value.Payload.Span, skipInputValidation: true);
        writer.WriteEndObject();
    }

    public override Envelope Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("envelope must be a JSON object");

        string? eventId = null, type = null, correlation = null, signature = null, node = null;
        int? version = null;
        DateTimeOffset? tsEvent = null, tsInit = null;
        Role? role = null;
        var parents = ImmutableArray.CreateBuilder<EventId>();
        byte[]? payload = null;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "event_id": eventId = reader.GetString(); break;
                case "type": type = reader.GetString(); break;
                case "schema_version": version = reader.GetInt32(); break;
                case "ts_event": tsEvent = reader.GetDateTimeOffset(); break;
                case "ts_init": tsInit = reader.GetDateTimeOffset(); break;
                case "correlation_id": correlation = reader.GetString(); break;
                case "signature": signature = reader.GetString(); break;
                case "producer":
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var field = reader.GetString();
                        reader.Read();
                        if (field == "node") node = reader.GetString();
                        else if (field == "role") role = ParseRole(reader.GetString());
                        else reader.Skip();
                    }
                    break;
                case "parents":
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        parents.Add(new EventId(reader.GetString()!));
                    break;
                case "payload":
                    using (var doc = JsonDocument.ParseValue(ref reader))
                        payload = Encoding.UTF8.GetBytes(doc.RootElement.GetRawText());
                    break;
                default: reader.Skip(); break;
            }
        }

        return new Envelope(
            new EventId(eventId ?? throw Missing("event_id")),
            type ?? throw Missing("type"),
            version ?? throw Missing("schema_version"),
            tsEvent ?? throw Missing("ts_event"),
            tsInit ?? throw Missing("ts_init"),
            new Producer(node ?? throw Missing("producer.node"), role ?? throw Missing("producer.role")),
            parents.ToImmutable(),
            new CorrelationId(correlation ?? throw Missing("correlation_id")),
            payload ?? throw Missing("payload"),
            signature);
    }

    private static JsonException Missing(string field) => new($"envelope is missing '{field}'");

    private static string RoleName(Role role) => role switch
    {
        Role.Markets => "markets",
        Role.Alpha => "alpha",
        Role.Executor => "executor",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    private static Role ParseRole(string? text) => text switch
    {
        "markets" => Role.Markets,
        "alpha" => Role.Alpha,
        "executor" => Role.Executor,
        _ => throw new JsonException($"unknown producer role '{text}'"),
    };
}
