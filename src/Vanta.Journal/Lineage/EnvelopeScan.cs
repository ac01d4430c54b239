using System.Text;
using System.Text.Json;

namespace Vanta.Journal.Lineage;

/// <summary>
/// Reads just what the index needs from an envelope's JSON (id, type, event time, parents and the payload's
/// id fields) with a forward-only reader: no payload is copied, and a large raw document is skipped unread.
/// One instance is reused for every record of a build.
/// </summary>
internal sealed class EnvelopeScan
{
    // Types repeat across a journal: keep one string per type rather than one per record.
    private readonly Dictionary<string, string> pool = new(StringComparer.Ordinal);

    public string EventId { get; private set; } = "";

    public string Type { get; private set; } = "";

    public string TsEvent { get; private set; } = "";

    public List<string> Parents { get; } = [];

    public List<(string Field, string Value)> Keys { get; } = [];

    /// <exception cref="JsonException">The bytes are not an envelope object.</exception>
    public void Read(ReadOnlySpan<byte> envelope)
    {
        EventId = Type = TsEvent = "";
        Parents.Clear();
        Keys.Clear();
        var reader = new Utf8JsonReader(envelope);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("an envelope is a JSON object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event_id"u8))
                EventId = NextString(ref reader);
            else if (reader.ValueTextEquals("type"u8))
                Type = Pooled(NextString(ref reader));
            else if (reader.ValueTextEquals("ts_event"u8))
                TsEvent = NextString(ref reader);
            else if (reader.ValueTextEquals("parents"u8))
                ReadParents(ref reader);
            else if (reader.ValueTextEquals("payload"u8))
            {
                // The writer puts the payload last: once it is read there is nothing else to learn.
                if (LineageKeys.Fields.TryGetValue(Type, out var fields))
                    ReadKeys(ref reader, fields);
                break;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (EventId.Length == 0 || Type.Length == 0 || TsEvent.Length == 0)
            throw new JsonException("the envelope lacks event_id, type or ts_event");
    }

    private static string NextString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetString() ?? throw new JsonException("expected a string");
    }

    private string Pooled(string value)
    {
        if (pool.TryGetValue(value, out var pooled))
            return pooled;
        pool[value] = value;
        return value;
    }

    private void ReadParents(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("parents is not an array");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            Parents.Add(reader.GetString() ?? throw new JsonException("a parent is not a string"));
    }

    private void ReadKeys(ref Utf8JsonReader reader, string[] fields)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
            return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Match(ref reader, fields);
            reader.Read();
            if (field is not null && reader.TokenType == JsonTokenType.String)
                Keys.Add((field, reader.GetString()!));
            else
                reader.Skip();
        }
    }

    private static string? Match(ref Utf8JsonReader reader, string[] fields)
    {
        foreach (var field in fields)
        {
            if (reader.ValueTextEquals(field))
                return field;
        }
        return null;
    }

    /// <summary>For error messages: the start of a line that could not be read.</summary>
    public static string Preview(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line[..Math.Min(line.Length, 80)]);
}
