using System.Collections.Immutable;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Vanta.Markets.Models.Sentiment;
using Vanta.Markets.Tests.Models.Onnx;
using Xunit.Abstractions;

namespace Vanta.Markets.Tests.Models.Sentiment;

/// <summary>The shipped fine-tuned encoder, loaded once, and its predictions on the held-out 20%.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmFixture()
    {
        Split = SentimentHoldout.Default(LabeledTextCsv.ReadEmbeddedTrainingSet().Rows);
        Model = MiniLmSentimentModel.LoadShipped();
        HeldOutPredictions = [.. Model.PredictMany(Split.Test.Select(r => r.Text))];
    }

    public HoldoutSplit Split { get; }

    public MiniLmSentimentModel Model { get; }

    public ImmutableArray<SentimentPrediction> HeldOutPredictions { get; }

    public void Dispose() => Model.Dispose();
}

[Collection(SentimentModels.Collection)]
public sealed class MiniLmSentimentModelTests(MiniLmFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// Measured 0.8360 on the default split (macro-F1 0.7809), below sentiment-nbsvm@3's 0.8444 alone; the issue's
    /// 0.85 is met by the two together (<see cref="SentimentEnsembleTests"/>). The bar is what was measured less a
    /// small margin.
    /// </summary>
    private const double RequiredHeldOutAccuracy = 0.83;

    [Fact]
    public void Held_out_accuracy_is_what_was_measured_and_beats_vader()
    {
        var actual = fixture.Split.Test.Select(r => r.Label).ToArray();
        var metrics = ClassificationMetrics.Compute(actual, [.. fixture.HeldOutPredictions.Select(p => p.Label)]);
        var vader = new VaderSentiment();
        var vaderMetrics = ClassificationMetrics.Compute(actual, [.. fixture.Split.Test.Select(r => SentimentLabels.FromCompound(vader.Compound(r.Text)))]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{MiniLmSentimentModel.ModelId}: accuracy {metrics.Accuracy:F4}, macro-F1 {metrics.MacroF1:F4}; VADER {vaderMetrics.Accuracy:F4} / {vaderMetrics.MacroF1:F4} on {actual.Length} held-out rows"));

        Assert.Equal(1909, actual.Length);
        Assert.True(metrics.Accuracy >= RequiredHeldOutAccuracy, string.Create(CultureInfo.InvariantCulture, $"held-out accuracy {metrics.Accuracy:F4}"));
        Assert.True(metrics.MacroF1 > vaderMetrics.MacroF1 + 0.3);
    }

    [Fact]
    public void Scores_what_the_trainer_scored_for_the_same_rows()
    {
        // The trainer (tools/sentiment-finetune/finetune.py, PyTorch) wrote its probabilities for the held-out rows;
        // the adapter merged into the ONNX encoder must give the same ones. The trainer read the word vectors as
        // float16, so small differences remain.
        var expected = File.ReadAllLines(Path.Combine(TestData.RepoRoot, "tools", "sentiment-finetune", "heldout_probs.txt"))
            .Select(line => line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        Assert.Equal(fixture.Split.Test.Length, expected.Length);
        var worst = 0.0;
        var sameLabel = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var p = fixture.HeldOutPredictions[i];
            double[] got = [p.Bearish, p.Bullish, p.Neutral];
            worst = Math.Max(worst, got.Zip(expected[i], (a, b) => Math.Abs(a - b)).Max());
            sameLabel += (int)p.Label == Array.IndexOf(expected[i], expected[i].Max()) ? 1 : 0;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"largest probability difference {worst:G3}; same label on {sameLabel} of {expected.Length}"));
        Assert.True(worst < 0.02, string.Create(CultureInfo.InvariantCulture, $"largest probability difference {worst:G3}"));
        Assert.True(sameLabel >= expected.Length - 3, $"same label on {sameLabel} of {expected.Length}");
    }

    [Fact]
    public void One_at_a_time_scores_equal_the_batched_ones_and_blank_text_is_neutral()
    {
        for (var i = 0; i < 40; i += 7)
        {
            var alone = fixture.Model.Predict(fixture.Split.Test[i].Text);
            var batched = fixture.HeldOutPredictions[i];
            Assert.Equal(batched.Label, alone.Label);
            Assert.Equal(batched.Bullish, alone.Bullish, 5);
            Assert.Equal(batched.Bearish, alone.Bearish, 5);
        }
        Assert.Equal(new SentimentPrediction(SentimentLabel.Neutral, 0, 0, 1), fixture.Model.Predict("  "));
        Assert.Equal(new SentimentPrediction(SentimentLabel.Neutral, 0, 0, 1), fixture.Model.Predict("https://t.co/abc"));
        Assert.Equal(0m, fixture.Model.Score(""));
        var score = fixture.Model.Score("Shares soar after record quarterly profit and raised guidance");
        Assert.InRange(score, 0.5m, 1m);
        Assert.Equal(score, decimal.Round(score, 4));
        Assert.InRange(fixture.Model.Score("Company misses estimates, cuts outlook; stock plunges"), -1m, -0.5m);
    }

    [Fact]
    public void Tokens_are_the_encoder_s_vocabulary_ids_with_links_removed()
    {
        var tokenizer = new MiniLmTokenizer();
        // [CLS] apple beats estimates , shares jump 5 % $ aa ##pl [SEP]
        long[] expected = [101, 6207, 10299, 10035, 1010, 6661, 5376, 1019, 1003, 1002, 9779, 24759, 102];
        Assert.Equal(expected, tokenizer.Tokenize("Apple beats estimates, shares jump 5% $AAPL https://t.co/xGuCP9lBlH"));
        // Vanta runs with invariant globalization, where accents cannot be stripped: such words are unknown ([UNK]),
        // in training as in scoring.
        Assert.Equal([101L, 100, 100, 102], tokenizer.Tokenize("Café Résumé"));
    }

    [Fact]
    public void Long_texts_are_cut_at_the_token_limit()
    {
        var tokens = new MiniLmTokenizer().Tokenize(string.Join(' ', Enumerable.Repeat("profit", 500)));
        Assert.Equal(MiniLmTokenizer.MaxTokens, tokens.Length);
        Assert.Equal(101, tokens[0]); // [CLS]
        Assert.Equal(102, tokens[^1]); // [SEP]
        Assert.InRange(fixture.Model.Predict(string.Join(' ', Enumerable.Repeat("profit", 500))).Bullish, 0, 1);
    }

    [Fact]
    public void Adapters_that_do_not_fit_the_encoder_are_refused_naming_the_tensor()
    {
        var head = new Dictionary<string, (int[], float[])>
        {
            ["classifier.weight"] = ([3, 384], new float[3 * 384]),
            ["classifier.bias"] = ([3], new float[3]),
        };
        var scale = new Dictionary<string, string> { ["lora_scale"] = "2.0" };

        Assert.Contains("'encoder.layer.9.output.dense.bias' matches no weight", Refusal(With(head, ("encoder.layer.9.output.dense.bias", [384], new float[384])), scale));
        Assert.Contains("'encoder.layer.0.output.dense.bias' has 3 values", Refusal(With(head, ("encoder.layer.0.output.dense.bias", [3], new float[3])), scale));
        Assert.Contains("no matching 'encoder.layer.0.attention.self.query.lora_B'",
            Refusal(With(head, ("encoder.layer.0.attention.self.query.lora_A", [4, 384], new float[4 * 384])), scale));
        Assert.Contains("do not fit",
            Refusal(With(head, ("encoder.layer.0.attention.self.query.lora_A", [4, 384], new float[4 * 384]), ("encoder.layer.0.attention.self.query.lora_B", [1536, 4], new float[1536 * 4])), scale));
        Assert.Contains("'classifier.bias'", Refusal(new Dictionary<string, (int[], float[])> { ["classifier.weight"] = ([3, 384], new float[3 * 384]) }, scale));
        Assert.Contains("lora_scale", Refusal(head, new Dictionary<string, string>()));
    }

    [Fact]
    public void An_adapter_of_zeros_changes_nothing_but_the_head()
    {
        // Zero low-rank factors leave the encoder as it was; a head that reads one coordinate of the mean vector
        // then gives the same probabilities as computing that coordinate from the untouched encoder.
        var weight = new float[3 * 384];
        weight[384 + 5] = 1f; // bullish logit = pooled[5]
        var tensors = new Dictionary<string, (int[], float[])>
        {
            ["classifier.weight"] = ([3, 384], weight),
            ["classifier.bias"] = ([3], new float[3]),
            ["encoder.layer.3.intermediate.dense.lora_A"] = ([8, 384], new float[8 * 384]),
            ["encoder.layer.3.intermediate.dense.lora_B"] = ([1536, 8], new float[1536 * 8]),
        };
        using var model = MiniLmSentimentModel.Load(new MemoryStream(SafeTensorsWriter.Write(tensors, new Dictionary<string, string> { ["lora_scale"] = "2.0" })), "zeros");
        const string text = "Apple beats estimates";
        var p = model.Predict(text);

        using var encoder = new InferenceSession(MiniLmEncoder.ModelBytes());
        var pooled = MiniLmEncoder.MeanPool(encoder, [new MiniLmTokenizer().Tokenize(text)]);

        Assert.Equal(p.Bearish, p.Neutral, 12);
        Assert.Equal(pooled[5], Math.Log(p.Bullish / p.Bearish), 4);
    }

    private static Dictionary<string, (int[], float[])> With(Dictionary<string, (int[], float[])> head, params (string Name, int[] Shape, float[] Values)[] extra)
    {
        var all = new Dictionary<string, (int[], float[])>(head);
        foreach (var (name, shape, values) in extra)
            all[name] = (shape, values);
        return all;
    }

    private static string Refusal(Dictionary<string, (int[], float[])> tensors, Dictionary<string, string> metadata) =>
        Assert.Throws<InvalidDataException>(() => MiniLmSentimentModel.Load(new MemoryStream(SafeTensorsWriter.Write(tensors, metadata)), "bad.safetensors")).Message;
}
