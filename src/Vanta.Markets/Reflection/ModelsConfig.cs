using System.Collections.Immutable;
using Vanta.Markets.Models.Anomaly;
using Vanta.Markets.Models.Direction;
using Vanta.Markets.Models.Forecast;
using Vanta.Markets.Models.Insider;
using Vanta.Markets.Models.Sentiment;
using Vanta.Markets.Reflection.Stacking;

namespace Vanta.Markets.Reflection;

/// <summary>
/// The home's model-layer settings, <c>memory/models.json</c>: which models run, the TTL of a conviction by the
/// family that dominates it, the stacker's learning, pinned weights, and the learners' cadences. Read it with
/// <see cref="ModelsConfigLoader"/>; <see cref="Default"/> equals the file <see cref="ModelsConfigLoader.DefaultJson"/>.
/// </summary>
public sealed record ModelsConfig
{
    public const string FileName = "models.json";

    public const string Momentum = "momentum@2";
    public const string InsiderFlow = "insider-flow@2";
    public const string InsiderGraph = InsiderGraphModel.ModelId;
    public const string SocialSentiment = "social-sentiment@1";
    public const string Direction = DirectionModel.ModelId;
    public const string Forecast = ExponentialSmoothingForecaster.ModelId;
    public const string Anomaly = IsolationForestScoringModel.ModelId;

    /// <summary>Every model the layer can build from config, in the order it builds them.</summary>
    public static ImmutableArray<string> KnownModels { get; } = [Momentum, InsiderFlow, InsiderGraph, SocialSentiment, Direction, Forecast, Anomaly];

    /// <summary>
    /// The text models that can score posts and headlines for the sentiment features: the VADER port (fast, no
    /// training), the finance classifier (trained once per home from the shipped labelled headlines, cached in
    /// <c>models/</c>), the fine-tuned sentence encoder, or the classifier and the encoder averaged (the most
    /// accurate, and the slowest).
    /// </summary>
    public static ImmutableArray<string> TextModels { get; } =
        [VaderSentiment.ModelId, FinanceSentimentModel.ModelId, MiniLmSentimentModel.ModelId, SentimentEnsemble.ModelId];

    /// <summary>The signal families a TTL can be set for.</summary>
    public static ImmutableArray<string> Families { get; } = ["price", "direction", "forecast", "insider", "sentiment", "anomaly", "macro"];

    /// <summary>The default config: the file a fresh home gets.</summary>
    public static ModelsConfig Default { get; } = new();

    /// <summary>The models that run, in <see cref="KnownModels"/> order.</summary>
    public ImmutableArray<string> Enabled { get; init; } = [Momentum, InsiderGraph, SocialSentiment, Direction, Forecast, Anomaly];

    /// <summary>The text model behind the sentiment features, one of <see cref="TextModels"/>.</summary>
    public string TextModel { get; init; } = VaderSentiment.ModelId;

    /// <summary>TTL of a conviction by the family that contributed most to it.</summary>
    public ImmutableSortedDictionary<string, TimeSpan> TtlByFamily { get; init; } = new StackerOptions().TtlByFamily;

    /// <summary>TTL when the dominant family has none of its own.</summary>
    public TimeSpan DefaultTtl { get; init; } = new StackerOptions().DefaultTtl;

    public int HorizonBars { get; init; } = new StackerOptions().HorizonBars;

    public double LearningRate { get; init; } = new StackerOptions().LearningRate;

    public double FixedShare { get; init; } = new StackerOptions().FixedShare;

    public decimal HysteresisBand { get; init; } = new StackerOptions().HysteresisBand;

    /// <summary>Weights pinned by the operator or a persona (model id to weight); these models do not learn.</summary>
    public ImmutableSortedDictionary<string, decimal> WeightOverrides { get; init; } = ImmutableSortedDictionary.Create<string, decimal>(StringComparer.Ordinal);

    /// <summary>The direction model retrains after this many new labelled examples (pooled over symbols).</summary>
    public int DirectionRetrainEvery { get; init; } = new DirectionOptions().RetrainEvery;

    /// <summary>The direction model also retrains when this many calendar days passed since its last training (null: never by time).</summary>
    public int? DirectionRetrainEveryDays { get; init; } = new DirectionOptions().RetrainEveryDays;

    /// <summary>The anomaly model's walk-forward fitting: cadence, window, forest size, seed.</summary>
    public AnomalyLearnerOptions AnomalyFit { get; init; } = new();

    public bool IsEnabled(string modelId) => Enabled.Contains(modelId, StringComparer.Ordinal);

    public StackerOptions ToStackerOptions() => new()
    {
        HorizonBars = HorizonBars,
        LearningRate = LearningRate,
        FixedShare = FixedShare,
        HysteresisBand = HysteresisBand,
        WeightOverrides = WeightOverrides,
        TtlByFamily = TtlByFamily,
        DefaultTtl = DefaultTtl,
    };

    public DirectionOptions ToDirectionOptions() =>
        new DirectionOptions { RetrainEvery = DirectionRetrainEvery, RetrainEveryDays = DirectionRetrainEveryDays }.Validated();

    public AnomalyLearnerOptions ToAnomalyOptions() => AnomalyFit.Validated();

    /// <summary>Field-by-field equality (the collections by content), for round-trip checks.</summary>
    public bool SameAs(ModelsConfig other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Enabled.SequenceEqual(other.Enabled, StringComparer.Ordinal)
            && TextModel == other.TextModel
            && TtlByFamily.SequenceEqual(other.TtlByFamily)
            && WeightOverrides.SequenceEqual(other.WeightOverrides)
            && DefaultTtl == other.DefaultTtl
            && HorizonBars == other.HorizonBars
            && LearningRate.Equals(other.LearningRate)
            && FixedShare.Equals(other.FixedShare)
            && HysteresisBand == other.HysteresisBand
            && DirectionRetrainEvery == other.DirectionRetrainEvery
            && DirectionRetrainEveryDays == other.DirectionRetrainEveryDays
            && AnomalyFit == other.AnomalyFit;
    }
}
