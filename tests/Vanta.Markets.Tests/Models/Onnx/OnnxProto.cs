using System.Buffers.Binary;
using System.Text;

namespace Vanta.Markets.Tests.Models.Onnx;

/// <summary>A minimal protobuf writer: varints, length-delimited fields and packed floats, enough for ONNX.</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _stream = new();

    public ProtoWriter Int(int field, long value)
    {
        Tag(field, 0);
        Varint((ulong)value);
        return this;
    }

    public ProtoWriter Bytes(int field, byte[] bytes)
    {
        Tag(field, 2);
        Varint((ulong)bytes.Length);
        _stream.Write(bytes);
        return this;
    }

    public ProtoWriter String(int field, string text) => Bytes(field, Encoding.UTF8.GetBytes(text));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public ProtoWriter PackedFloats(int field, float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        return Bytes(field, bytes);
    }

    public byte[] ToArray() => _stream.ToArray();

    private void Tag(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _stream.WriteByte((byte)value);
    }
}

/// <summary>
/// Builds ONNX models byte by byte (field numbers from onnx.proto): Y = MatMul(X, W) + B with W and B as
/// initializers, ir_version 8, opset 13, X float[1, n], Y float[1, 1].
/// </summary>
internal static class OnnxProto
{
    private const int Float = 1;

    /// <summary>
    /// The linear model; <paramref name="raw"/> writes the initializers as raw_data (as PyTorch's exporter does)
    /// instead of float_data, and the names can be the exporter's (an anonymous weight, a named bias).
    /// </summary>
    public static byte[] Linear(float[] weights, float bias, bool raw = false, string weightName = "W", string biasName = "B")
    {
        var n = weights.Length;
        var graph = new ProtoWriter()
            .Message(1, Node("matmul", "MatMul", ["X", weightName], "XW"))
            .Message(1, Node("add", "Add", ["XW", biasName], "Y"))
            .String(2, "linear")
            .Message(5, Tensor(weightName, [n, 1], weights, raw))
            .Message(5, Tensor(biasName, [1], [bias], raw))
            .Message(11, ValueInfo("X", [1, n]))
            .Message(12, ValueInfo("Y", [1, 1]));
        return new ProtoWriter()
            .Int(1, 8) // ir_version
            .String(2, "vanta-tests") // producer_name
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Int(2, 13)) // opset_import
            .ToArray();
    }

    private static ProtoWriter Node(string name, string op, string[] inputs, string output)
    {
        var node = new ProtoWriter();
        foreach (var input in inputs)
            node.String(1, input);
        return node.String(2, output).String(3, name).String(4, op);
    }

    private static ProtoWriter Tensor(string name, long[] dims, float[] values, bool raw)
    {
        var tensor = new ProtoWriter();
        foreach (var d in dims)
            tensor.Int(1, d);
        tensor.Int(2, Float);
        return raw ? tensor.String(8, name).PackedFloats(9, values) : tensor.PackedFloats(4, values).String(8, name);
    }

    private static ProtoWriter ValueInfo(string name, long[] dims)
    {
        var shape = new ProtoWriter();
        foreach (var d in dims)
            shape.Message(1, new ProtoWriter().Int(1, d));
        var tensorType = new ProtoWriter().Int(1, Float).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
