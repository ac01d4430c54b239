using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Vanta.Markets.Models.Onnx;
using Vanta.Markets.Models.Sentiment;

namespace Vanta.Markets.Tests.Models.Onnx;

public sealed class OnnxWeightsTests
{
    [Fact]
    public void Weights_patched_in_place_change_what_the_session_computes()
    {
        // As PyTorch exports a linear layer: the weight is anonymous, the bias keeps the layer's name.
        var model = OnnxProto.Linear([0.5f, -1f, 2f], 0.1f, raw: true, weightName: "onnx::MatMul_7", biasName: "fc.bias");
        var weights = OnnxWeights.Read(model);

        var weight = weights.Linear("fc");
        Assert.Equal("onnx::MatMul_7", weight.Name);
        Assert.Equal([3L, 1L], weight.Dims.ToArray());
        Assert.Equal([0.5f, -1f, 2f], OnnxWeights.Values(model, weight).ToArray());
        Assert.Equal(1, weights.Named("fc.bias").Count);
        Assert.Equal(1.0f * 0.5f - 1f + 2f + 0.1f, Run(model, [1f, 1f, 1f]), 5);

        OnnxWeights.Values(model, weight)[1] = 3f;
        OnnxWeights.Values(model, weights.Named("fc.bias"))[0] = -1f;
        Assert.Equal(0.5f + 3f + 2f - 1f, Run(model, [1f, 1f, 1f]), 5);
    }

    [Fact]
    public void The_encoder_s_linear_layers_are_all_found_with_their_shapes()
    {
        var weights = OnnxWeights.Read(MiniLmEncoder.ModelBytes());
        var found = new HashSet<string>();
        for (var layer = 0; layer < 6; layer++)
        {
            foreach (var (path, dims) in new (string, long[])[]
            {
                ("attention.self.query", [384, 384]), ("attention.self.key", [384, 384]), ("attention.self.value", [384, 384]),
                ("attention.output.dense", [384, 384]), ("intermediate.dense", [384, 1536]), ("output.dense", [1536, 384]),
            })
            {
                var weight = weights.Linear($"encoder.layer.{layer}.{path}");
                Assert.Equal(dims, weight.Dims.ToArray());
                Assert.True(found.Add(weight.Name), $"{weight.Name} found twice");
            }
        }
        Assert.Equal([30522L, 384L], weights.Named("embeddings.word_embeddings.weight").Dims.ToArray());
        var missing = Assert.Throws<KeyNotFoundException>(() => weights.Linear("encoder.layer.6.attention.self.query"));
        Assert.Contains("encoder.layer.6.attention.self.query", missing.Message);
    }

    [Fact]
    public void Truncated_or_foreign_bytes_are_refused_with_the_reason()
    {
        var model = OnnxProto.Linear([0.5f, -1f, 2f], 0.1f, raw: true);
        var truncated = Assert.Throws<InvalidDataException>(() => OnnxWeights.Read(model[..^5]));
        Assert.Contains("truncated", truncated.Message);
        Assert.Throws<InvalidDataException>(() => OnnxWeights.Read("not a model at all"u8.ToArray()));
    }

    private static float Run(byte[] model, float[] x)
    {
        using var session = new InferenceSession(model);
        using var result = session.Run([NamedOnnxValue.CreateFromTensor("X", new DenseTensor<float>(x, [1, x.Length]))]);
        return result[0].AsTensor<float>()[0, 0];
    }
}
