using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>How the finance classifier is trained; the defaults are the shipped model <c>sentiment-nbsvm@3</c>.</summary>
public sealed record FinanceSentimentOptions
{
    /// <summary>Seed of the <see cref="MLContext"/>; the same seed and rows give the same model.</summary>
    public int Seed { get; init; } = 17;

    /// <summary>Word n-grams of length 1 to this, TF-IDF weighted.</summary>
    public int WordNgramLength { get; init; } = 2;

    /// <summary>Character n-grams of length 1 to this, TF-IDF weighted.</summary>
    public int CharNgramLength { get; init; } = 4;

    /// <summary>L2 regularisation of the maximum-entropy (multinomial logistic) model.</summary>
    public float L2Regularization { get; init; } = 0.01f;

    /// <summary>Word n-grams of length 1 to this for the NB-SVM half, binarised.</summary>
    public int NbWordNgramLength { get; init; } = 3;

    /// <summary>Character n-grams of length 1 to this for the NB-SVM half, binarised.</summary>
    public int NbCharNgramLength { get; init; } = 5;

    /// <summary>Regularisation (lambda) of the NB-SVM one-vs-rest linear SVMs.</summary>
    public float NbLambda { get; init; } = 1e-4f;

    /// <summary>The weight of the NB-SVM scores in the mix with the maximum-entropy probabilities, in [0, 1].</summary>
    public float NbWeight { get; init; } = 0.4f;
}

/// <summary>The featurisation and trainer of the finance classifier, and the text clean-up shared by training and scoring.</summary>
internal static partial class FinanceTextPipeline
{
    /// <summary>
    /// The clean-up (unchanged since <c>sentiment-linear@2</c>): links and cashtags become marker words (<c>url</c>, <c>tkr SYMBOL</c>),
    /// percentages become <c>pct</c> / <c>pctup</c> / <c>pctdown</c>, dollar amounts <c>money</c> and other numbers
    /// <c>num</c>; the text is lower-cased and split into words, crude suffixes (-ing, -ed, -es, -s) are stripped, and
    /// a <see cref="FinanceCueWords"/> marker is appended for each bearish or bullish cue word.
    /// </summary>
    public static string Prepare(string text)
    {
        var cleaned = Link().Replace(text, " url ");
        cleaned = Cashtag().Replace(cleaned, " tkr $1 ");
        cleaned = Percent().Replace(cleaned, m => m.Value.StartsWith('-') ? " pctdown " : m.Value.StartsWith('+') ? " pctup " : " pct ");
        cleaned = Money().Replace(cleaned, " money ");
        cleaned = Number().Replace(cleaned, " num ");
        cleaned = cleaned.ToLowerInvariant();
        var words = new List<string>();
        var cues = new List<string>();
        foreach (var match in Word().EnumerateMatches(cleaned))
        {
            var word = cleaned.Substring(match.Index, match.Length);
            if (FinanceCueWords.Bearish.Contains(word))
                cues.Add(FinanceCueWords.BearishMarker);
            if (FinanceCueWords.Bullish.Contains(word))
                cues.Add(FinanceCueWords.BullishMarker);
            words.Add(Stem(word));
        }
        var prepared = string.Join(' ', words);
        return cues.Count > 0 ? prepared + " | " + string.Join(' ', cues) : prepared;
    }

    private static string Stem(string word)
    {
        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal))
            return word[..^3];
        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal))
            return word[..^2];
        if (word.Length > 4 && word.EndsWith("es", StringComparison.Ordinal))
            return word[..^2];
        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
            return word[..^1];
        return word;
    }

    /// <summary>The column of raw n-gram counts that the NB-SVM half of the model reads.</summary>
    public const string CountsColumn = "Counts";

    /// <summary>
    /// The maximum-entropy chain of <c>sentiment-linear@2</c> (its output column <c>Score</c> is unchanged), followed
    /// by word and character n-gram counts in <see cref="CountsColumn"/> for the NB-SVM model.
    /// </summary>
    public static IEstimator<ITransformer> Build(MLContext ml, FinanceSentimentOptions options)
    {
        var featurizer = Featurizer(
            options.WordNgramLength, options.CharNgramLength, NgramExtractingEstimator.WeightingCriteria.TfIdf, TextFeaturizingEstimator.NormFunction.L2);
        var counts = Featurizer(
            options.NbWordNgramLength, options.NbCharNgramLength, NgramExtractingEstimator.WeightingCriteria.Tf, TextFeaturizingEstimator.NormFunction.None);
        var trainer = new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = nameof(TrainingRow.Label),
            FeatureColumnName = "Features",
            L2Regularization = options.L2Regularization,
            L1Regularization = 0,
            NumberOfThreads = 1,
        };
        // Keys by value, so score slot k is the probability of SentimentLabel k.
        return ml.Transforms.Conversion.MapValueToKey(
                nameof(TrainingRow.Label), nameof(TrainingRow.Label), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.Text.FeaturizeText("Features", featurizer, nameof(TrainingRow.Text)))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(trainer))
            .Append(ml.Transforms.Text.FeaturizeText(CountsColumn, counts, nameof(TrainingRow.Text)));
    }

    private static TextFeaturizingEstimator.Options Featurizer(
        int wordNgramLength, int charNgramLength, NgramExtractingEstimator.WeightingCriteria weighting, TextFeaturizingEstimator.NormFunction norm) => new()
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options
            {
                NgramLength = wordNgramLength,
                UseAllLengths = true,
                Weighting = weighting,
            },
            CharFeatureExtractor = new WordBagEstimator.Options
            {
                NgramLength = charNgramLength,
                UseAllLengths = true,
                Weighting = weighting,
            },
            Norm = norm,
        };

    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    [GeneratedRegex(@"\$([A-Za-z][A-Za-z.]*)", RegexOptions.CultureInvariant)]
    private static partial Regex Cashtag();

    [GeneratedRegex(@"[+-]?\d[\d,]*(\.\d+)?\s?%", RegexOptions.CultureInvariant)]
    private static partial Regex Percent();

    [GeneratedRegex(@"\$\d[\d,]*(\.\d+)?\s?[kmbt]?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Money();

    [GeneratedRegex(@"\d[\d,]*(\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    // The emoji in the class are matched one UTF-16 unit at a time, as in the measured model.
    [GeneratedRegex(@"[a-z0-9]+(?:'[a-z]+)?|[!?↑↓🚀📉📈]", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    /// <summary>A training row; the label is the <see cref="SentimentLabel"/> value.</summary>
    internal sealed class TrainingRow
    {
        public string Text { get; set; } = "";

        public uint Label { get; set; }
    }

    /// <summary>A row to score; the saved chain maps a label column too, so one is present (and ignored).</summary>
    internal sealed class ScoringRow
    {
        public string Text { get; set; } = "";

        public uint Label { get; set; }
    }

    /// <summary>The maximum-entropy class probabilities, indexed by <see cref="SentimentLabel"/>, and the n-gram counts.</summary>
    internal sealed class ScoredRow
    {
        [ColumnName("Score")]
        public float[] Score { get; set; } = [];

        [ColumnName(CountsColumn)]
        public VBuffer<float> Counts { get; set; }
    }
}
