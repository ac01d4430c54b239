using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Vanta.Markets.Models.Onnx;

/// <summary>One float32 tensor of a safetensors file.</summary>
public sealed record NamedTensor(string Name, ImmutableArray<int> Shape, float[] Values);

/// <summary>
/// A safetensors file (8-byte little-endian header length, a JSON header of name to dtype, shape and byte offsets,
/// then the data): the format PyTorch tools save weights in. Only F32 tensors are accepted.
/// </summary>
public sealed class SafeTensors
{
    private SafeTensors(ImmutableDictionary<string, NamedTensor> tensors, ImmutableDictionary<string, string> metadata)
    {
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>The tensors by name.</summary>
    public ImmutableDictionary<string, NamedTensor> Tensors { get; }

    /// <summary>The header's <c>__metadata__</c> strings.</summary>
    public ImmutableDictionary<string, string> Metadata { get; }

    /// <summary>Reads a whole safetensors file; <paramref name="source"/> names it in errors.</summary>
    public static SafeTensors Read(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 8)
            throw new InvalidDataException($"{source}: {bytes.Length} bytes is too short for a safetensors file");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8))
            throw new InvalidDataException($"{source}: header length {headerLength} runs past the end of the file ({bytes.Length} bytes)");
        var dataStart = 8 + (int)headerLength;
        var dataLength = bytes.Length - dataStart;
        using var header = ParseHeader(bytes.AsMemory(8, (int)headerLength), source);
        var tensors = ImmutableDictionary.CreateBuilder<string, NamedTensor>(StringComparer.Ordinal);
        var metadata = ImmutableDictionary<string, string>.Empty;
        foreach (var entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
            {
                metadata = entry.Value.EnumerateObject().ToImmutableDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
                continue;
            }
            var dtype = entry.Value.GetProperty("dtype").GetString();
            if (dtype != "F32")
                throw new InvalidDataException($"{source}: tensor '{entry.Name}' is {dtype}; only F32 is read");
            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToImmutableArray();
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt64()).ToArray();
            var count = shape.Aggregate(1L, (product, dim) => product * dim);
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] > dataLength || offsets[1] - offsets[0] != count * sizeof(float))
                throw new InvalidDataException($"{source}: tensor '{entry.Name}' of shape [{string.Join(", ", shape)}] has data offsets [{string.Join(", ", offsets)}] in {dataLength} bytes of data");
            var values = new float[count];
            var span = bytes.AsSpan(dataStart + (int)offsets[0], (int)(offsets[1] - offsets[0]));
            if (BitConverter.IsLittleEndian)
                MemoryMarshal.Cast<byte, float>(span).CopyTo(values);
            else
                for (var i = 0; i < values.Length; i++)
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(span[(i * 4)..]);
            tensors[entry.Name] = new NamedTensor(entry.Name, shape, values);
        }
        return new SafeTensors(tensors.ToImmutable(), metadata);
    }

    private static JsonDocument ParseHeader(ReadOnlyMemory<byte> header, string source)
    {
        try
        {
            var document = JsonDocument.Parse(header);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{source}: the safetensors header is not a JSON object");
            return document;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: the safetensors header is not valid JSON: {e.Message}", e);
        }
    }
}
