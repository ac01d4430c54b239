using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>How the finance classifier is trained; the defaults are the shipped model <c>sentiment-linear@2</c>.</summary>
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
}

/// <summary>The featurisation and trainer of the finance classifier, and the text clean-up shared by training and scoring.</summary>
internal static partial class FinanceTextPipeline
{
    /// <summary>
    /// The clean-up of <c>sentiment-linear@2</c>: links and cashtags become marker words (<c>url</c>, <c>tkr SYMBOL</c>),
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

    public static IEstimator<ITransformer> Build(MLContext ml, FinanceSentimentOptions options)
    {
        var featurizer = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options
            {
                NgramLength = options.WordNgramLength,
                UseAllLengths = true,
                Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
            },
            CharFeatureExtractor = new WordBagEstimator.Options
            {
                NgramLength = options.CharNgramLength,
                UseAllLengths = true,
                Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf,
            },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
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
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(trainer));
    }

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

    /// <summary>The class probabilities, indexed by <see cref="SentimentLabel"/>.</summary>
    internal sealed class ScoredRow
    {
        [ColumnName("Score")]
        public float[] Score { get; set; } = [];
    }
}
