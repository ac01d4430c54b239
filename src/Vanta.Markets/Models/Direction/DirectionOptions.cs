using System.Collections.Immutable;

namespace Vanta.Markets.Models.Direction;

/// <summary>
/// Settings of the direction model and its walk-forward trainer. Horizons and windows count bars (trading days)
/// of one symbol; retraining counts labelled examples pooled over every symbol.
/// </summary>
/// <param name="Horizon">N: the label is the sign of the return from bar t to bar t+N.</param>
/// <param name="RetrainEvery">K: retrain after this many new labelled examples.</param>
/// <param name="RetrainEveryDays">M: also retrain when this many calendar days passed since the last training (null: never by time).</param>
/// <param name="Window">The trailing number of labelled examples a training sees.</param>
/// <param name="MinExamples">No training before this many labelled examples (of both signs) exist; the model abstains until then.</param>
/// <param name="Seed">Seeds ML.NET and LightGBM; same seed, same data, same scores.</param>
public sealed record DirectionOptions(
    int Horizon = 5,
    int RetrainEvery = 250,
    int? RetrainEveryDays = null,
    int Window = 2000,
    int MinExamples = 200,
    int Seed = 17,
    int NumberOfLeaves = 8,
    int NumberOfIterations = 40,
    int MinimumExampleCountPerLeaf = 20,
    double LearningRate = 0.05)
{
    /// <summary>The price features the model reads, in the order of its input vector.</summary>
    public static ImmutableArray<string> PriceFeatures { get; } =
        ["ret_1d", "ret_5d", "ret_20d", "vol_20d", "volume_z_20d", "gap_1d", "momentum_20d"];

    /// <summary>Feature names in input order; a vector lacking any of them is not scored.</summary>
    public ImmutableArray<string> Features { get; init; } = PriceFeatures;

    /// <summary>Throws when a setting cannot work; settings come from code or validated config.</summary>
    public DirectionOptions Validated()
    {
        Require(Horizon >= 1, nameof(Horizon), "at least 1");
        Require(RetrainEvery >= 1, nameof(RetrainEvery), "at least 1");
        Require(RetrainEveryDays is null or >= 1, nameof(RetrainEveryDays), "at least 1");
        Require(MinExamples >= 2, nameof(MinExamples), "at least 2");
        Require(Window >= MinExamples, nameof(Window), "at least MinExamples");
        Require(NumberOfLeaves >= 2 && NumberOfIterations >= 1 && MinimumExampleCountPerLeaf >= 1, nameof(NumberOfLeaves), "positive tree settings");
        Require(LearningRate is > 0 and <= 1, nameof(LearningRate), "in (0, 1]");
        Require(!Features.IsDefaultOrEmpty && Features.Distinct(StringComparer.Ordinal).Count() == Features.Length, nameof(Features), "distinct names");
        return this;
    }

    private static void Require(bool ok, string name, string what)
    {
        if (!ok)
            throw new ArgumentOutOfRangeException(name, $"DirectionOptions.{name} must be {what}");
    }
}
