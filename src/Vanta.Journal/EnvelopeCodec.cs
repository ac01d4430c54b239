using System.Buffers;
using System.Text.Json;
using Vanta.Core.Envelopes;

namespace Vanta.Journal;

/// <summary>
/// Calls Core's <see cref="EnvelopeJsonConverter"/> directly: the same bytes as <c>JsonSerializer.Serialize(envelope)</c>
/// (default options, default encoder) without the serializer's per-call lookup, and with a reusable writer.
/// </summary>
internal sealed class EnvelopeCodec
{
    private static readonly EnvelopeJsonConverter Converter = new();
    private static readonly JsonSerializerOptions Options = JsonSerializerOptions.Default;

    private readonly ArrayBufferWriter<byte> output = new(1024);
    private readonly Utf8JsonWriter writer;

    public EnvelopeCodec() => writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });

    /// <summary>Canonical JSON of <paramref name="envelope"/>; valid until the next call.</summary>
    public ReadOnlySpan<byte> Serialize(Envelope envelope)
    {
        output.ResetWrittenCount();
        writer.Reset(output);
        Converter.Write(writer, envelope, Options);
        writer.Flush();
        return output.WrittenSpan;
    }

    public static Envelope Deserialize(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
            throw new JsonException("empty envelope");
        return Converter.Read(ref reader, typeof(Envelope), Options);
    }
}
