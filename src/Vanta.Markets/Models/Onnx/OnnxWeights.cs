using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text;

namespace Vanta.Markets.Models.Onnx;

/// <summary>Where one float initializer's values lie in a serialized ONNX model.</summary>
public sealed record OnnxTensorSpan(string Name, ImmutableArray<long> Dims, int Offset, int Length)
{
    /// <summary>The number of values.</summary>
    public long Count => Dims.Aggregate(1L, (product, dim) => product * dim);
}

/// <summary>
/// The float initializers of a serialized ONNX model, found by walking its protobuf (field numbers from onnx.proto),
/// so weights can be read or replaced in place before a session is created: ONNX Runtime has no API for either.
/// Only <c>raw_data</c> initializers are listed, which is how exporters write weights.
/// </summary>
public sealed class OnnxWeights
{
    private const int FloatType = 1;

    private readonly ImmutableDictionary<string, OnnxTensorSpan> _byName;
    private readonly ImmutableDictionary<string, string> _linearWeights;

    private OnnxWeights(ImmutableDictionary<string, OnnxTensorSpan> byName, ImmutableDictionary<string, string> linearWeights)
    {
        _byName = byName;
        _linearWeights = linearWeights;
    }

    /// <summary>Every float initializer by name.</summary>
    public IReadOnlyDictionary<string, OnnxTensorSpan> Initializers => _byName;

    /// <summary>Reads the initializers and graph of <paramref name="model"/> (the bytes of a .onnx file).</summary>
    public static OnnxWeights Read(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this reader needs a little-endian machine");
        var byName = ImmutableDictionary.CreateBuilder<string, OnnxTensorSpan>(StringComparer.Ordinal);
        var nodes = new List<(string Op, List<string> Inputs, List<string> Outputs)>();
        var graph = Fields(model, 0, model.Length).Where(f => f.Number == 7 && f.WireType == 2).ToList();
        if (graph.Count != 1)
            throw new InvalidDataException("not an ONNX model: no graph (ModelProto field 7)");
        foreach (var field in Fields(model, graph[0].Start, graph[0].End))
        {
            if (field.Number == 5 && field.WireType == 2)
            {
                var tensor = ReadTensor(model, field.Start, field.End);
                if (tensor is not null)
                    byName[tensor.Name] = tensor;
            }
            else if (field.Number == 1 && field.WireType == 2)
            {
                nodes.Add(ReadNode(model, field.Start, field.End));
            }
        }
        return new OnnxWeights(byName.ToImmutable(), LinearWeights(nodes, byName));
    }

    /// <summary>
    /// The weight of the linear layer <paramref name="layer"/> (for example <c>encoder.layer.0.attention.self.query</c>),
    /// laid out [in, out] as MatMul takes it. PyTorch's exporter keeps a linear layer's bias name but gives its
    /// weight an anonymous one, so the weight is found as the MatMul input whose output <c>layer.bias</c> is added to.
    /// </summary>
    public OnnxTensorSpan Linear(string layer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(layer);
        // Only through the graph, even when a weight keeps its name: a Gemm's weight is laid out [out, in].
        return _linearWeights.TryGetValue(layer, out var weight)
            ? _byName[weight]
            : throw new KeyNotFoundException($"the model has no linear layer '{layer}' (no MatMul whose output {layer}.bias is added to)");
    }

    /// <summary>The initializer named <paramref name="name"/>.</summary>
    public OnnxTensorSpan Named(string name) =>
        _byName.TryGetValue(name, out var tensor) ? tensor : throw new KeyNotFoundException($"the model has no float initializer '{name}'");

    /// <summary>The values of <paramref name="tensor"/> inside <paramref name="model"/>, writable in place.</summary>
    public static Span<float> Values(byte[] model, OnnxTensorSpan tensor) =>
        MemoryMarshal.Cast<byte, float>(model.AsSpan(tensor.Offset, tensor.Length));

    private static ImmutableDictionary<string, string> LinearWeights(
        List<(string Op, List<string> Inputs, List<string> Outputs)> nodes,
        IDictionary<string, OnnxTensorSpan> initializers)
    {
        var addsByInput = new Dictionary<string, List<List<string>>>(StringComparer.Ordinal);
        foreach (var node in nodes.Where(n => n.Op == "Add"))
        {
            foreach (var input in node.Inputs)
            {
                if (!addsByInput.TryGetValue(input, out var list))
                    addsByInput[input] = list = [];
                list.Add(node.Inputs);
            }
        }
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var node in nodes.Where(n => n.Op == "MatMul" && n.Inputs.Count == 2 && n.Outputs.Count == 1))
        {
            if (!initializers.ContainsKey(node.Inputs[1]) || !addsByInput.TryGetValue(node.Outputs[0], out var adds))
                continue;
            var bias = adds.SelectMany(inputs => inputs).FirstOrDefault(i => i.EndsWith(".bias", StringComparison.Ordinal) && initializers.ContainsKey(i));
            if (bias is not null)
                result[bias[..^".bias".Length]] = node.Inputs[1];
        }
        return result.ToImmutable();
    }

    private static OnnxTensorSpan? ReadTensor(byte[] model, int start, int end)
    {
        var dims = ImmutableArray.CreateBuilder<long>();
        string? name = null;
        var dataType = 0L;
        (int Start, int End)? raw = null;
        foreach (var field in Fields(model, start, end))
        {
            switch (field.Number, field.WireType)
            {
                case (1, 0):
                    dims.Add((long)field.Value);
                    break;
                case (1, 2):
                    for (var i = field.Start; i < field.End;)
                        dims.Add((long)Varint(model, ref i));
                    break;
                case (2, 0):
                    dataType = (long)field.Value;
                    break;
                case (8, 2):
                    name = Encoding.UTF8.GetString(model, field.Start, field.End - field.Start);
                    break;
                case (9, 2):
                    raw = (field.Start, field.End);
                    break;
            }
        }
        if (name is null || dataType != FloatType || raw is not { } data)
            return null;
        var tensor = new OnnxTensorSpan(name, dims.ToImmutable(), data.Start, data.End - data.Start);
        if (tensor.Count * sizeof(float) != tensor.Length)
            throw new InvalidDataException($"initializer '{name}' holds {tensor.Length} bytes for dims [{string.Join(", ", tensor.Dims)}]");
        return tensor;
    }

    private static (string Op, List<string> Inputs, List<string> Outputs) ReadNode(byte[] model, int start, int end)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var op = "";
        foreach (var field in Fields(model, start, end).Where(f => f.WireType == 2))
        {
            var text = field.Number is 1 or 2 or 4 ? Encoding.UTF8.GetString(model, field.Start, field.End - field.Start) : null;
            switch (field.Number)
            {
                case 1:
                    inputs.Add(text!);
                    break;
                case 2:
                    outputs.Add(text!);
                    break;
                case 4:
                    op = text!;
                    break;
            }
        }
        return (op, inputs, outputs);
    }

    private readonly record struct Field(int Number, int WireType, ulong Value, int Start, int End);

    private static IEnumerable<Field> Fields(byte[] bytes, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            var key = Varint(bytes, ref i);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    yield return new Field(number, wireType, Varint(bytes, ref i), 0, 0);
                    break;
                case 1:
                    yield return new Field(number, wireType, 0, i, i + 8);
                    i += 8;
                    break;
                case 2:
                    var length = (long)Varint(bytes, ref i);
                    if (length < 0 || i + length > end)
                        throw new InvalidDataException($"truncated ONNX protobuf: field {number} at byte {i} claims {length} bytes");
                    yield return new Field(number, wireType, 0, i, i + (int)length);
                    i += (int)length;
                    break;
                case 5:
                    yield return new Field(number, wireType, 0, i, i + 4);
                    i += 4;
                    break;
                default:
                    throw new InvalidDataException($"not an ONNX protobuf: wire type {wireType} for field {number} at byte {i}");
            }
        }
        if (i != end)
            throw new InvalidDataException($"truncated ONNX protobuf: a field runs past byte {end}");
    }

    private static ulong Varint(byte[] bytes, ref int i)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (i >= bytes.Length)
                throw new InvalidDataException("truncated ONNX protobuf: a varint runs past the end");
            var b = bytes[i++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
                return value;
        }
        throw new InvalidDataException($"not an ONNX protobuf: a varint longer than 10 bytes ends at byte {i}");
    }
}
