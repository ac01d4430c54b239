using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Vanta.Core.Envelopes;

namespace Vanta.Journal;

/// <summary>
/// Recomputes an envelope's content id straight from its JSON bytes, for <see cref="VerifyMode.Full"/>.
/// The id is <see cref="Envelope.DeriveId"/>'s: SHA-256 over <c>type 0x1F schema_version 0x1F ts_event.UtcTicks
/// 0x1F payload</c> then <c>0x1F parent</c> for each parent, the first 16 bytes in lower-case hex. It is rebuilt
/// here from byte slices with a reused SHA-256 context, because building an <see cref="Envelope"/> per record
/// (and a hash context per id) would cost several times the chain check itself; EnvelopeIdCheckTests pins
/// this to Core's definition. Not thread-safe: one per thread.
/// </summary>
internal sealed class EnvelopeIdCheck : IDisposable
{
    private const byte Separator = 0x1f;
    private const int IdHexLength = 32;

    private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] input = new byte[1024];
    private byte[] parents = new byte[256];

    public LineFault Check(ReadOnlySpan<byte> envelopeJson)
    {
        try
        {
            return CheckOrThrow(envelopeJson);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Token-type mismatches surface as InvalidOperationException and bad dates as FormatException:
            // either way the envelope is not one the writer produced.
            return LineFault.EnvelopeInvalid;
        }
    }

    private LineFault CheckOrThrow(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return LineFault.EnvelopeInvalid;

        // Room for an id written with \u escapes; the writer never escapes, but Core's reader would accept it.
        Span<byte> eventId = stackalloc byte[IdHexLength * 6];
        int eventIdLength = 0, headerLength = 0, parentsLength = 0, version = 0;
        long ticks = 0;
        var fields = Field.None;
        var payload = ReadOnlySpan<byte>.Empty;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event_id"u8))
            {
                var value = Next(ref reader);
                if (value.TokenType != JsonTokenType.String)
                    return LineFault.EnvelopeInvalid;
                if (value.ValueSpan.Length > eventId.Length)
                    return LineFault.EventIdMismatch;
                eventIdLength = value.CopyString(eventId);
                fields |= Field.EventId;
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                var value = Next(ref reader);
                Ensure(ref input, value.ValueSpan.Length); // unescaping only shortens
                headerLength = value.CopyString(input);
                fields |= Field.Type;
            }
            else if (reader.ValueTextEquals("schema_version"u8))
            {
                version = Next(ref reader).GetInt32();
                fields |= Field.SchemaVersion;
            }
            else if (reader.ValueTextEquals("ts_event"u8))
            {
                ticks = Next(ref reader).GetDateTimeOffset().UtcTicks;
                fields |= Field.TsEvent;
            }
            else if (reader.ValueTextEquals("parents"u8))
                parentsLength = ReadParents(ref reader, parentsLength);
            else if (reader.ValueTextEquals("payload"u8))
            {
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                payload = json[start..(int)reader.BytesConsumed];
                fields |= Field.Payload;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || fields != Field.All)
            return LineFault.EnvelopeInvalid;

        // type 0x1F version 0x1F ticks 0x1F payload (0x1F parent)*, contiguous so SHA-256 runs once.
        Ensure(ref input, headerLength + 48 + payload.Length + parentsLength);
        var buffer = input.AsSpan();
        var at = headerLength;
        buffer[at++] = Separator;
        Utf8Formatter.TryFormat(version, buffer[at..], out var written);
        at += written;
        buffer[at++] = Separator;
        Utf8Formatter.TryFormat(ticks, buffer[at..], out written);
        at += written;
        buffer[at++] = Separator;
        payload.CopyTo(buffer[at..]);
        at += payload.Length;
        parents.AsSpan(0, parentsLength).CopyTo(buffer[at..]);
        at += parentsLength;

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> hex = stackalloc byte[IdHexLength];
        sha.AppendData(buffer[..at]);
        sha.GetHashAndReset(digest);
        Convert.TryToHexStringLower(digest[..(IdHexLength / 2)], hex, out _);
        return hex.SequenceEqual(eventId[..eventIdLength]) ? LineFault.None : LineFault.EventIdMismatch;
    }

    private static ref Utf8JsonReader Next(ref Utf8JsonReader reader)
    {
        reader.Read();
        return ref reader;
    }

    /// <summary>
    /// Appends <c>0x1F parent</c> for each parent after <paramref name="length"/> bytes already collected (Core's
    /// reader also accumulates a repeated <c>parents</c>); an empty id is not one Core could have read.
    /// </summary>
    private int ReadParents(ref Utf8JsonReader reader, int length)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("parents must be an array");
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.IsEmpty)
                throw new JsonException("a parent must be a non-empty string");
            Ensure(ref parents, length + 1 + reader.ValueSpan.Length);
            parents[length++] = Separator;
            length += reader.CopyString(parents.AsSpan(length));
        }
        return length;
    }

    private static void Ensure(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
            Array.Resize(ref buffer, Math.Max(length, buffer.Length * 2));
    }

    public void Dispose() => sha.Dispose();

    [Flags]
    private enum Field
    {
        None = 0,
        EventId = 1,
        Type = 2,
        SchemaVersion = 4,
        TsEvent = 8,
        Payload = 16,
        All = EventId | Type | SchemaVersion | TsEvent | Payload,
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
