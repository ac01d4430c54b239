using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using static Vanta.Markets.Models.Sentiment.FinanceTextPipeline;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>
/// A finance-text sentiment classifier trained with ML.NET: the text cleaned up by <see cref="FinanceTextPipeline.Prepare"/>
/// (numbers, stems, finance cue markers), then word and character n-grams into two models whose class scores are
/// mixed (weight <see cref="FinanceSentimentOptions.NbWeight"/> on the second): a multinomial logistic regression on TF-IDF, L2-normalised n-grams (L-BFGS maximum entropy, the whole of
/// <c>sentiment-linear@2</c>) and NB-SVM on binarised word 1-3 and character 1-5 grams (<see cref="NaiveBayesSvm"/>).
/// Single-threaded and seeded, so the same rows and options always give the same model.
/// <see cref="Score"/> is P(bullish) - P(bearish) in [-1, 1]. Thread-safe.
/// </summary>
public sealed class FinanceSentimentModel : ISentimentClassifier
{
    /// <summary>The model id.</summary>
    public const string ModelId = "sentiment-nbsvm@3";

    // The NB-SVM half and the mix weight travel as an extra entry of the ML.NET zip, which ML.NET's loader ignores.
    private const string NbEntry = "Vanta/nbsvm.bin";

    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly DataViewSchema _inputSchema;
    private readonly NaiveBayesSvm _nb;
    private readonly float _nbWeight;
    private readonly PredictionEngine<ScoringRow, ScoredRow> _engine;
    private readonly Lock _gate = new();

    private FinanceSentimentModel(
        MLContext ml, ITransformer transformer, DataViewSchema inputSchema, NaiveBayesSvm nb, float nbWeight)
    {
        _ml = ml;
        _transformer = transformer;
        _inputSchema = inputSchema;
        _nb = nb;
        _nbWeight = nbWeight;
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
        if (!(options.NbWeight is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.NbWeight, "NbWeight (the NB-SVM share of the mix) must be in [0, 1]");
        var ml = new MLContext(options.Seed);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new TrainingRow { Text = Prepare(r.Text), Label = (uint)r.Label }));
        var transformer = Build(ml, options).Fit(data);
        var (counts, dimension) = ReadCounts(transformer.Transform(data));
        var nb = NaiveBayesSvm.Train(ml, counts, [.. rows.Select(r => (int)r.Label)], dimension, options.NbLambda);
        return new FinanceSentimentModel(ml, transformer, data.Schema, nb, options.NbWeight);
    }

    /// <summary>Loads a model saved by <see cref="Save(Stream)"/>.</summary>
    public static FinanceSentimentModel Load(Stream stream, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var ml = new MLContext(seed);
        ITransformer transformer;
        DataViewSchema schema;
        using (var pipeline = new MemoryStream(bytes, writable: false))
            transformer = ml.Model.Load(pipeline, out schema);
        using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        var entry = zip.GetEntry(NbEntry)
            ?? throw new InvalidDataException($"not a {ModelId} model: the zip has no {NbEntry} entry");
        using var reader = new BinaryReader(entry.Open());
        var nbWeight = reader.ReadSingle();
        var nb = NaiveBayesSvm.Read(reader.BaseStream);
        var counts = ((VectorDataViewType)transformer.GetOutputSchema(schema)[CountsColumn].Type).Size;
        if (counts != nb.Dimension)
            throw new InvalidDataException($"{NbEntry} holds weights for {nb.Dimension} n-grams but the pipeline counts {counts}");
        return new FinanceSentimentModel(ml, transformer, schema, nb, nbWeight);
    }

    /// <summary>Saves the model as an ML.NET zip with one extra entry holding the NB-SVM weights.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        _ml.Model.Save(_transformer, _inputSchema, buffer);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(NbEntry).Open();
            using var writer = new BinaryWriter(entry);
            writer.Write(_nbWeight);
            _nb.Write(entry);
        }
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    /// <summary>P(bullish) - P(bearish), rounded to 4 decimal places; 0 for an empty or blank text.</summary>
    public decimal Score(string text) => Predict(text).RoundedScore;

    /// <summary>The class probabilities of one text; a blank text is neutral with certainty rather than a guess.</summary>
    public SentimentPrediction Predict(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
            return SentimentPrediction.Blank;
        ScoredRow scored;
        lock (_gate)
            scored = _engine.Predict(new ScoringRow { Text = Prepare(text) });
        return ToPrediction(scored);
    }

    /// <summary>Predicts many texts in one pass (faster than one at a time), in input order.</summary>
    public IReadOnlyList<SentimentPrediction> PredictMany(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var input = texts.ToList();
        var data = _ml.Data.LoadFromEnumerable(input.Select(t => new ScoringRow { Text = Prepare(t) }));
        var scored = _ml.Data.CreateEnumerable<ScoredRow>(_transformer.Transform(data), reuseRowObject: false);
        return [.. scored.Zip(input, (row, text) => string.IsNullOrWhiteSpace(text)
            ? SentimentPrediction.Blank
            : ToPrediction(row))];
    }

    // A cursor over the counts alone, so the maximum-entropy half does not score the training rows.
    private static (List<VBuffer<float>> Counts, int Dimension) ReadCounts(IDataView transformed)
    {
        var column = transformed.Schema[CountsColumn];
        var counts = new List<VBuffer<float>>();
        using var cursor = transformed.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        while (cursor.MoveNext())
        {
            VBuffer<float> row = default;
            getter(ref row);
            counts.Add(row);
        }
        return (counts, ((VectorDataViewType)column.Type).Size);
    }

    private SentimentPrediction ToPrediction(ScoredRow row)
    {
        var nb = _nb.Predict(row.Counts);
        var scores = new double[nb.Length];
        for (var i = 0; i < scores.Length; i++)
            scores[i] = ((1 - _nbWeight) * row.Score[i]) + (_nbWeight * nb[i]);
        return SentimentPrediction.Of(scores[0], scores[1], scores[2]);
    }
}
