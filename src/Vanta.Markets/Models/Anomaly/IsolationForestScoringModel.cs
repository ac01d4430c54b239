using System.Collections.Immutable;
using System.Globalization;
using Vanta.Markets.Features;

namespace Vanta.Markets.Models.Anomaly;

/// <summary>
/// <c>anomaly-iforest@1</c>: an Isolation Forest over (<c>ret_1d</c>, <c>volume_z_20d</c>, <c>vol_20d</c>) read as a
/// caution signal, not a prediction of direction. With s the forest's anomaly score of the latest features:
/// <list type="bullet">
/// <item>latest return negative: score = -min(1, 2 max(0, s - 0.5)), so an ordinary day (s &lt;= 0.5) gives 0 and
/// an unusual down day pulls conviction down in proportion to how unusual it is;</item>
/// <item>otherwise: score 0; an unusual up or flat day is named in the rationale but never read as bullish.</item>
/// </list>
/// The one contribution, <c>anomaly_iforest</c>, equals the score, so the reasons add up to it. Missing features
/// give null, and so does a vector older than the forest's training data (scoring it would look ahead).
/// </summary>
public sealed class IsolationForestScoringModel : IScoringModel
{
    public const string ModelId = "anomaly-iforest@1";

    public const string ContributionName = "anomaly_iforest";

    /// <summary>The features read, in the order of the forest's attributes.</summary>
    public static readonly ImmutableArray<string> FeatureNames = ["ret_1d", "volume_z_20d", "vol_20d"];

    private readonly IsolationForest _forest;

    /// <summary>A model over a forest grown on rows of <see cref="FeatureNames"/> known up to <paramref name="trainedThrough"/>.</summary>
    public IsolationForestScoringModel(IsolationForest forest, DateTimeOffset trainedThrough)
    {
        ArgumentNullException.ThrowIfNull(forest);
        if (forest.Dimensions != FeatureNames.Length)
            throw new ArgumentException($"the forest has {forest.Dimensions} attributes, expected {FeatureNames.Length}", nameof(forest));
        _forest = forest;
        TrainedThrough = trainedThrough;
    }

    public string Id => ModelId;

    public string Family => "anomaly";

    /// <summary>The latest as-of time of the training vectors; vectors before it are not scored.</summary>
    public DateTimeOffset TrainedThrough { get; }

    /// <summary>
    /// Grows the forest on the vectors of <paramref name="history"/> that hold all three features (at least two
    /// are needed), drawing from <paramref name="random"/>.
    /// </summary>
    public static IsolationForestScoringModel Fit(IEnumerable<FeatureVector> history, IsolationForestOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(history);
        var rows = new List<double[]>();
        var latest = DateTimeOffset.MinValue;
        foreach (var vector in history)
        {
            if (Row(vector) is not { } row)
                continue;
            rows.Add(row);
            latest = vector.AsOf > latest ? vector.AsOf : latest;
        }
        return new IsolationForestScoringModel(IsolationForest.Fit(rows, options, random), latest);
    }

    public ModelScore? Score(FeatureVector features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.AsOf < TrainedThrough || Row(features) is not { } row)
            return null;

        var s = _forest.Score(row);
        var excess = Math.Max(0, s - 0.5);
        var caution = row[0] < 0 ? -Math.Min(1, 2 * excess) : 0;
        var score = Math.Round((decimal)caution, 6, MidpointRounding.ToEven);
        var symbol = features.Symbol;
        return new ModelScore(
            ModelId,
            Family,
            symbol,
            score,
            Contributions.Of(ContributionName, score),
            () => Rationale(symbol, s, row, excess, score),
            features.AsOf);
    }

    private static string Rationale(string symbol, double s, double[] row, double excess, decimal score)
    {
        var verdict = excess == 0 ? "ordinary"
            : row[0] < 0 ? string.Create(CultureInfo.InvariantCulture, $"unusual down day, caution {score:0.00}")
            : "unusual, not a down day: no direction";
        return string.Create(CultureInfo.InvariantCulture,
            $"{symbol} anomaly s={s:0.00} (ret_1d {row[0]:+0.00%;-0.00%;0.00%}, volume_z_20d {row[1]:0.0}, vol_20d {row[2]:0.00%}): {verdict}");
    }

    private static double[]? Row(FeatureVector features)
    {
        var row = new double[FeatureNames.Length];
        for (var i = 0; i < row.Length; i++)
        {
            if (features.Get(FeatureNames[i]) is not { } value)
                return null;
            row[i] = (double)value;
        }
        return row;
    }
}
