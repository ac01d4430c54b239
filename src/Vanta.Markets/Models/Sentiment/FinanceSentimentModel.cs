using Microsoft.ML;
using static Vanta.Markets.Models.Sentiment.FinanceTextPipeline;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>The class probabilities of one text; <see cref="Score"/> is P(bullish) - P(bearish).</summary>
public sealed record SentimentPrediction(SentimentLabel Label, double Bearish, double Bullish, double Neutral)
{
    public double Score => Bullish - Bearish;
}

/// <summary>
/// A finance-text sentiment classifier trained with ML.NET: the text cleaned up by <see cref="FinanceTextPipeline.Prepare"/>
/// (numbers, stems, finance cue markers), then word and character n-grams (TF-IDF, L2-normalised)
/// into a multinomial logistic regression (L-BFGS maximum entropy), single-threaded and seeded, so the same rows
/// and options always give the same model. <see cref="Score"/> is P(bullish) - P(bearish) in [-1, 1].
/// Thread-safe.
/// </summary>
public sealed class FinanceSentimentModel : ITextSentimentModel
{
    /// <summary>The model id.</summary>
    public const string ModelId = "sentiment-linear@2";

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly DataViewSchema _inputSchema;
    private readonly PredictionEngine<ScoringRow, ScoredRow> _engine;
    private readonly Lock _gate = new();

    private FinanceSentimentModel(MLContext ml, ITransformer transformer, DataViewSchema inputSchema)
    {
        _ml = ml;
        _transformer = transformer;
        _inputSchema = inputSchema;
        _engine = ml.Model.CreatePredictionEngine<ScoringRow, ScoredRow>(transformer);
    }

    /// <inheritdoc/>
    public string Id => ModelId;

    /// <summary>Trains on <paramref name="rows"/>.</summary>
    public static FinanceSentimentModel Train(IReadOnlyCollection<LabeledText> rows, FinanceSentimentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var missing = Enum.GetValues<SentimentLabel>().Where(label => !rows.Any(r => r.Label == label)).ToList();
        if (missing.Count > 0)
            throw new ArgumentException("training rows must hold every class; missing: " + string.Join(", ", missing), nameof(rows));
        options ??= new FinanceSentimentOptions();
        var ml = new MLContext(options.Seed);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new TrainingRow { Text = Prepare(r.Text), Label = (uint)r.Label }));
        var transformer = Build(ml, options).Fit(data);
        return new FinanceSentimentModel(ml, transformer, data.Schema);
    }

    /// <summary>Loads a model saved by <see cref="Save(Stream)"/>.</summary>
    public static FinanceSentimentModel Load(Stream stream, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var ml = new MLContext(seed);
        var transformer = ml.Model.Load(stream, out var schema);
        return new FinanceSentimentModel(ml, transformer, schema);
    }

    /// <summary>Saves the model as an ML.NET zip.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _ml.Model.Save(_transformer, _inputSchema, stream);
    }

    /// <summary>P(bullish) - P(bearish), rounded to 4 decimal places; 0 for an empty or blank text.</summary>
    public decimal Score(string text) => Math.Round((decimal)Predict(text).Score, 4, MidpointRounding.ToEven);

    /// <summary>The class probabilities of one text; a blank text is neutral with certainty rather than a guess.</summary>
    public SentimentPrediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
            return new SentimentPrediction(SentimentLabel.Neutral, 0, 0, 1);
        float[] scores;
        lock (_gate)
            scores = _engine.Predict(new ScoringRow { Text = Prepare(text) }).Score;
        return ToPrediction(scores);
    }

    /// <summary>Predicts many texts in one pass (faster than one at a time), in input order.</summary>
    public IReadOnlyList<SentimentPrediction> PredictMany(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var input = texts.ToList();
        var data = _ml.Data.LoadFromEnumerable(input.Select(t => new ScoringRow { Text = Prepare(t) }));
        var scored = _ml.Data.CreateEnumerable<ScoredRow>(_transformer.Transform(data), reuseRowObject: false);
        return [.. scored.Zip(input, (row, text) => string.IsNullOrWhiteSpace(text)
            ? new SentimentPrediction(SentimentLabel.Neutral, 0, 0, 1)
            : ToPrediction(row.Score))];
    }

    private static SentimentPrediction ToPrediction(float[] scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
                best = i;
        }
        return new SentimentPrediction((SentimentLabel)best, scores[0], scores[1], scores[2]);
    }
}
