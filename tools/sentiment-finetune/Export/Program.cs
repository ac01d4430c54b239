using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Vanta.Markets.Models.Onnx;
using Vanta.Markets.Models.Sentiment;

// dotnet run --project tools/sentiment-finetune/Export -- OUT_DIR [SPLIT_SEED]
// SPLIT_SEED: another 80/20 split than the model cards' (seed 2014), to see how much a figure moves with the split.
if (args.Length is < 1 or > 2 || (args.Length == 2 && !int.TryParse(args[1], CultureInfo.InvariantCulture, out _)))
{
    Console.Error.WriteLine("usage: Export OUT_DIR [SPLIT_SEED]");
    return 2;
}
var outDir = Directory.CreateDirectory(args[0]).FullName;
var rows = LabeledTextCsv.ReadEmbeddedTrainingSet().Rows;
var split = args.Length == 2 ? SentimentHoldout.Stratified(rows, 0.2, int.Parse(args[1], CultureInfo.InvariantCulture)) : SentimentHoldout.Default(rows);
// Settings are chosen on an inner split of the training 80%, seed 99, as for sentiment-nbsvm@3.
var inner = SentimentHoldout.Stratified(split.Train, 0.2, 99);
var tokenizer = new MiniLmTokenizer();
var used = new SortedSet<long>();
foreach (var (name, set) in new[] { ("train", split.Train), ("test", split.Test), ("inner_train", inner.Train), ("inner_valid", inner.Test) })
{
    using var writer = new StreamWriter(Path.Combine(outDir, name + ".tsv"));
    foreach (var row in set)
    {
        var ids = tokenizer.Tokenize(row.Text);
        used.UnionWith(ids);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(int)row.Label}\t{string.Join(' ', ids)}"));
    }
}

// The weights, in the encoder's own names (MatMul weights [in, out], marked transposed). Only the vocabulary rows
// the headlines use travel, as float16, to keep the bundle small: the word vectors are not trained.
var model = MiniLmEncoder.ModelBytes();
var weights = OnnxWeights.Read(model);
var linears = MiniLmEncoder.LinearLayers.ToDictionary(name => weights.Linear(name).Name, name => name + ".weight");
var header = new List<object>();
using (var blob = File.Create(Path.Combine(outDir, "weights.bin")))
{
    foreach (var tensor in weights.Initializers.Values.OrderBy(t => t.Offset))
    {
        var values = OnnxWeights.Values(model, tensor);
        if (tensor.Name == "embeddings.word_embeddings.weight")
        {
            var width = (int)tensor.Dims[1];
            header.Add(new { name = tensor.Name, shape = new[] { used.Count, width }, dtype = "f16", offset = blob.Position, transposed = false });
            foreach (var id in used)
            {
                foreach (var value in values.Slice((int)id * width, width))
                    blob.Write(BitConverter.GetBytes((Half)value));
            }
            continue;
        }
        var named = linears.GetValueOrDefault(tensor.Name, tensor.Name);
        header.Add(new { name = named, shape = tensor.Dims, dtype = "f32", offset = blob.Position, transposed = named != tensor.Name });
        blob.Write(model.AsSpan(tensor.Offset, tensor.Length));
    }
}
File.WriteAllText(Path.Combine(outDir, "weights.json"), JsonSerializer.Serialize(new { tensors = header, used }));

// Mean-pooled vectors of three held-out rows from the untouched encoder, so the trainer can check it rebuilt it.
using var session = new InferenceSession(MiniLmEncoder.ModelBytes());
var reference = new List<double[]>();
foreach (var row in split.Test.Take(3))
    reference.Add([.. MiniLmEncoder.MeanPool(session, [tokenizer.Tokenize(row.Text)]).Select(v => (double)v)]);
File.WriteAllText(Path.Combine(outDir, "ref.json"), JsonSerializer.Serialize(reference));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{outDir}: train {split.Train.Length}, test {split.Test.Length}, inner {inner.Train.Length}/{inner.Test.Length}, {used.Count} token ids, {weights.Initializers.Count} tensors"));
return 0;
