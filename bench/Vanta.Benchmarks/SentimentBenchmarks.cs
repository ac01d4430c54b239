using BenchmarkDotNet.Attributes;
using Vanta.Markets.Models.Sentiment;

namespace Vanta.Benchmarks;

/// <summary>
/// Sentiment scoring over 1,000 real finance headlines (the first rows of the shipped labelled set), one core.
/// Each operation scores every headline once; texts/s = 1,000 / mean time. The classifier is trained once in
/// setup on the whole shipped set (not timed here; the tests report its training time).
/// </summary>
[MemoryDiagnoser]
public class SentimentBenchmarks
{
    private string[] _texts = [];
    private VaderSentiment _vader = new();
    private FinanceSentimentModel? _classifier;
    private MiniLmSentimentModel? _encoder;

    [GlobalSetup]
    public void Setup()
    {
        var rows = LabeledTextCsv.ReadEmbeddedTrainingSet().Rows;
        _texts = [.. rows.Take(1000).Select(r => r.Text)];
        _vader = new VaderSentiment();
        _classifier = FinanceSentimentModel.Train(rows);
        _encoder = MiniLmSentimentModel.LoadShipped();
        Console.WriteLine($"// sentiment over {_texts.Length} headlines");
    }

    /// <summary>VADER compound score, one text at a time.</summary>
    [Benchmark(Baseline = true)]
    public decimal Vader()
    {
        var sum = 0m;
        foreach (var text in _texts)
            sum += _vader.Score(text);
        return sum;
    }

    /// <summary>The classifier's P(bullish) - P(bearish), one text at a time (prediction engine).</summary>
    [Benchmark]
    public decimal ClassifierOneByOne()
    {
        var sum = 0m;
        foreach (var text in _texts)
            sum += _classifier!.Score(text);
        return sum;
    }

    /// <summary>The classifier over all texts in one batch (data view transform).</summary>
    [Benchmark]
    public double ClassifierBatch()
    {
        var sum = 0.0;
        foreach (var prediction in _classifier!.PredictMany(_texts))
            sum += prediction.Score;
        return sum;
    }

    /// <summary>The fine-tuned encoder, one text at a time (one ONNX Runtime call each, one thread).</summary>
    [Benchmark]
    public decimal EncoderOneByOne()
    {
        var sum = 0m;
        foreach (var text in _texts)
            sum += _encoder!.Score(text);
        return sum;
    }

    /// <summary>The fine-tuned encoder over all texts, batched by length.</summary>
    [Benchmark]
    public double EncoderBatch()
    {
        var sum = 0.0;
        foreach (var prediction in _encoder!.PredictMany(_texts))
            sum += prediction.Score;
        return sum;
    }

    [GlobalCleanup]
    public void Cleanup() => _encoder?.Dispose();
}
