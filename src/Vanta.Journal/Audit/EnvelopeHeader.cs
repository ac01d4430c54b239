using System.Text.Json;

namespace Vanta.Journal.Audit;

/// <summary>
/// The type and event time of an envelope, read from its leading fields without deserializing the payload:
/// the export and the bundle check need them for every record, the payload only for a few kinds.
/// </summary>
internal readonly record struct EnvelopeHeader(string Type, DateTimeOffset TsEvent)
{
    public static bool TryRead(ReadOnlySpan<byte> envelopeJson, out EnvelopeHeader header)
    {
        header = default;
        string? type = null;
        try
        {
            var reader = new Utf8JsonReader(envelopeJson);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // The writer puts type before ts_event; reading stops at ts_event, long before the payload.
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = reader.GetString();
                }
                else if (reader.ValueTextEquals("ts_event"u8))
                {
                    reader.Read();
                    if (type is null)
                        return false;
                    header = new EnvelopeHeader(type, reader.GetDateTimeOffset().ToUniversalTime());
                    return true;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
        return false;
    }
}
