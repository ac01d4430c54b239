using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vanta.Core.Ids;

/// <summary>A strongly typed identifier over a non-empty string.</summary>
public interface IStringId<TSelf> where TSelf : struct, IStringId<TSelf>
{
    /// <summary>The identifier text.</summary>
    string Value { get; }

    /// <summary>Wraps <paramref name="value"/> without validation beyond non-emptiness.</summary>
    static abstract TSelf From(string value);
}

/// <summary>Writes a typed id as a bare JSON string.</summary>
public sealed class StringIdJsonConverter<T> : JsonConverter<T> where T : struct, IStringId<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.From(reader.GetString() ?? throw new JsonException($"{typeof(T).Name} must be a string"));

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);

    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.From(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Value);
}
