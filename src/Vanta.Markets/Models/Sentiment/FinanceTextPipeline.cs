using System.Text.RegularExpressions;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>How the finance classifier is trained; the defaults are the shipped model <c>sentiment-linear@1</c>.</summary>
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
    /// <summary>Links carry no sentiment and cashtags name a company, not a mood: both become marker words.</summary>
    public static string Prepare(string text)
    {
        var withoutLinks = Link().Replace(text, " url ");
        return Cashtag().Replace(withoutLinks, " tkr $1 ");
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
