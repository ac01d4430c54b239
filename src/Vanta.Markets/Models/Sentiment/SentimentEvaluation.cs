using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>One model's metrics on a labelled set.</summary>
public sealed record ModelEvaluation(string ModelId, ClassificationMetrics Metrics);

/// <summary>
/// The result of <c>vanta models eval sentiment</c>: the classifiers and VADER on the same rows, and the rows that
/// were rejected (file and line, with the reason) instead of scored.
/// </summary>
public sealed record SentimentEvalReport(
    string File,
    int RowsScored,
    ImmutableArray<RejectedRow> Rejected,
    ImmutableArray<ModelEvaluation> Models)
{
    /// <summary>The evaluation of the model <paramref name="modelId"/>.</summary>
    public ModelEvaluation Of(string modelId) =>
        Models.FirstOrDefault(m => m.ModelId == modelId) ?? throw new KeyNotFoundException($"{modelId} was not evaluated");

    /// <summary>A plain-text report: a metrics table, the confusion matrices and up to <paramref name="maxRejected"/> rejected rows.</summary>
    public string Render(int maxRejected = 20)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"{File}: {RowsScored} rows scored, {Rejected.Length} rejected");
        text.AppendLine(inv, $"{"model",-22} {"accuracy",9} {"macro-F1",9}");
        foreach (var model in Models)
            text.AppendLine(inv, $"{model.ModelId,-22} {model.Metrics.Accuracy,9:F4} {model.Metrics.MacroF1,9:F4}");
        foreach (var model in Models)
        {
            text.AppendLine(inv, $"confusion of {model.ModelId} (rows actual, columns predicted):");
            text.AppendLine(inv, $"{"",-9} {"bearish",8} {"bullish",8} {"neutral",8}");
            foreach (var label in Enum.GetValues<SentimentLabel>())
            {
                var row = model.Metrics.Confusion[(int)label];
                text.AppendLine(inv, $"{label.ToString().ToLowerInvariant(),-9} {row[0],8} {row[1],8} {row[2],8}");
            }
        }
        foreach (var rejected in Rejected.Take(maxRejected))
            text.AppendLine(inv, $"rejected {rejected}");
        if (Rejected.Length > maxRejected)
            text.AppendLine(inv, $"... and {Rejected.Length - maxRejected} more rejected rows");
        return text.ToString();
    }
}

/// <summary>Evaluates classifiers and VADER on labelled data.</summary>
public static class SentimentEvaluation
{
    /// <summary>
    /// Reads a labelled CSV (<c>text,label</c>) and evaluates every model on its valid rows; malformed rows are
    /// counted and reported, never fatal. A missing file throws <see cref="FileNotFoundException"/>.
    /// </summary>
    public static SentimentEvalReport EvaluateFile(string path, VaderSentiment vader, params IReadOnlyList<ISentimentClassifier> classifiers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Evaluate(LabeledTextCsv.Read(path), path, vader, classifiers);
    }

    /// <summary>Evaluates the classifiers, then VADER, on an already-read set.</summary>
    public static SentimentEvalReport Evaluate(LabeledTextSet set, string file, VaderSentiment vader, params IReadOnlyList<ISentimentClassifier> classifiers)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(classifiers);
        var texts = set.Rows.Select(r => r.Text).ToArray();
        return Evaluate(set, file, vader, [.. classifiers.Select(c => (c.Id, c.PredictMany(texts)))]);
    }

    /// <summary>
    /// Scores predictions already made for the set's rows, in row order (so a model built from others' predictions,
    /// such as <see cref="SentimentEnsemble"/>, need not predict again), then VADER.
    /// </summary>
    public static SentimentEvalReport Evaluate(
        LabeledTextSet set, string file, VaderSentiment vader, IReadOnlyList<(string ModelId, IReadOnlyList<SentimentPrediction> Predictions)> predicted)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(vader);
        ArgumentNullException.ThrowIfNull(predicted);
        var actual = set.Rows.Select(r => r.Label).ToArray();
        var models = predicted
            .Select(p => p.Predictions.Count == actual.Length
                ? new ModelEvaluation(p.ModelId, ClassificationMetrics.Compute(actual, [.. p.Predictions.Select(x => x.Label)]))
                : throw new ArgumentException($"{p.ModelId}: {p.Predictions.Count} predictions for {actual.Length} rows", nameof(predicted)))
            .Append(new ModelEvaluation(vader.Id, ClassificationMetrics.Compute(actual, [.. set.Rows.Select(r => SentimentLabels.FromCompound(vader.Compound(r.Text)))])));
        return new SentimentEvalReport(file, set.Rows.Length, set.Rejected, [.. models]);
    }
}
