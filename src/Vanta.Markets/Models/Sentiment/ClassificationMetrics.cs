using System.Collections.Immutable;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>
/// Accuracy, macro-F1 and the confusion matrix of a 3-class prediction. <see cref="Confusion"/> is indexed
/// [actual][predicted] by <see cref="SentimentLabel"/>. Macro-F1 is the mean F1 over the classes that occur in
/// the actual or the predicted labels; a class that occurs in neither is left out, and a class with no true
/// positive has F1 0.
/// </summary>
public sealed record ClassificationMetrics(
    int Count,
    double Accuracy,
    double MacroF1,
    ImmutableArray<double> F1,
    ImmutableArray<ImmutableArray<int>> Confusion)
{
    private const int Classes = 3;

    /// <summary>Compares predictions with the actual labels, pairwise.</summary>
    public static ClassificationMetrics Compute(IReadOnlyList<SentimentLabel> actual, IReadOnlyList<SentimentLabel> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count != predicted.Count)
            throw new ArgumentException($"{actual.Count} actual labels but {predicted.Count} predictions");
        var confusion = new int[Classes, Classes];
        var correct = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            confusion[(int)actual[i], (int)predicted[i]]++;
            if (actual[i] == predicted[i])
                correct++;
        }
        var f1 = new double[Classes];
        double f1Sum = 0;
        var present = 0;
        for (var c = 0; c < Classes; c++)
        {
            int truePositive = confusion[c, c], actualCount = 0, predictedCount = 0;
            for (var k = 0; k < Classes; k++)
            {
                actualCount += confusion[c, k];
                predictedCount += confusion[k, c];
            }
            if (actualCount + predictedCount == 0)
                continue;
            present++;
            f1[c] = 2.0 * truePositive / (actualCount + predictedCount);
            f1Sum += f1[c];
        }
        var rows = Enumerable.Range(0, Classes)
            .Select(a => Enumerable.Range(0, Classes).Select(p => confusion[a, p]).ToImmutableArray())
            .ToImmutableArray();
        return new ClassificationMetrics(
            actual.Count,
            actual.Count == 0 ? 0 : (double)correct / actual.Count,
            present == 0 ? 0 : f1Sum / present,
            [.. f1],
            rows);
    }
}
