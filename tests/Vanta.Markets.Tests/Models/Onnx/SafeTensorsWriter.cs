using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Vanta.Markets.Tests.Models.Onnx;

/// <summary>Writes safetensors files (F32 only) for tests, the layout PyTorch tools save.</summary>
internal static class SafeTensorsWriter
{
    public static byte[] Write(IReadOnlyDictionary<string, (int[] Shape, float[] Values)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new Dictionary<string, object>();
        var data = new MemoryStream();
        Span<byte> bytes = stackalloc byte[4];
        foreach (var (name, (shape, values)) in tensors)
        {
            var start = data.Length;
            foreach (var value in values)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
                data.Write(bytes);
            }
            header[name] = new { dtype = "F32", shape, data_offsets = new[] { start, data.Length } };
        }
        if (metadata is not null)
            header["__metadata__"] = metadata;
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        var file = new MemoryStream();
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)json.Length);
        file.Write(length);
        file.Write(json);
        data.Position = 0;
        data.CopyTo(file);
        return file.ToArray();
    }
}
