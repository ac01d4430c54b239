using System.Buffers.Binary;
using Vanta.Markets.Models.Onnx;

namespace Vanta.Markets.Tests.Models.Onnx;

public sealed class SafeTensorsTests
{
    [Fact]
    public void Tensors_and_metadata_read_back_as_written()
    {
        var bytes = SafeTensorsWriter.Write(
            new Dictionary<string, (int[], float[])> { ["a.weight"] = ([2, 3], [1, 2, 3, 4, 5, 6]), ["b"] = ([1], [-0.5f]) },
            new Dictionary<string, string> { ["lora_scale"] = "2.0" });

        var file = SafeTensors.Read(bytes, "test.safetensors");

        Assert.Equal([2, 3], file.Tensors["a.weight"].Shape.ToArray());
        Assert.Equal([1f, 2, 3, 4, 5, 6], file.Tensors["a.weight"].Values);
        Assert.Equal([-0.5f], file.Tensors["b"].Values);
        Assert.Equal("2.0", file.Metadata["lora_scale"]);
    }

    [Fact]
    public void Bad_files_are_refused_naming_the_file_and_the_tensor()
    {
        var good = SafeTensorsWriter.Write(new Dictionary<string, (int[], float[])> { ["w"] = ([2], [1, 2]) });

        var tooLong = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(tooLong, 1_000_000);
        Assert.Contains("x.safetensors: header length", Assert.Throws<InvalidDataException>(() => SafeTensors.Read(tooLong, "x.safetensors")).Message);

        var shortData = good[..^4];
        Assert.Contains("tensor 'w'", Assert.Throws<InvalidDataException>(() => SafeTensors.Read(shortData, "x.safetensors")).Message);

        var half = (byte[])good.Clone();
        var dtype = half.AsSpan().IndexOf("\"F32\""u8);
        "\"F16\""u8.CopyTo(half.AsSpan(dtype));
        Assert.Contains("is F16", Assert.Throws<InvalidDataException>(() => SafeTensors.Read(half, "x.safetensors")).Message);

        Assert.Throws<InvalidDataException>(() => SafeTensors.Read([1, 2, 3], "x.safetensors"));
    }
}
