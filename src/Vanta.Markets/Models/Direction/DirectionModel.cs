using System.Collections.Immutable;
using System.Globalization;
using Vanta.Markets.Features;

namespace Vanta.Markets.Models.Direction;

/// <summary>
/// <c>direction-lgbm@1</c>: a LightGBM classifier of the sign of the forward N-day return, trained walk-forward
/// by <see cref="WalkForwardTrainer"/>. Score = 2·P(up) − 1. It abstains (null) before its first training, when
/// a price feature is missing, and for a vector older than its training (that would use the future).
/// Contributions are the per-feature path contributions of the trees in score units plus <c>bias</c> (the
/// score of an average training row); they add up to the score.
/// </summary>
public sealed class DirectionModel : IScoringModel
{
    /// <summary>The model's id.</summary>
    public const string ModelId = "direction-lgbm@1";

    /// <summary>The contribution key of the base score.</summary>
    public const string BiasKey = "bias";

    private readonly DirectionOptions _options;
    private DirectionFit? _fit;

    // The walk-forward trainer scores each bar's vector for its hit rate, then the layer scores the same vector:
    // the second call returns the first's result instead of walking the trees again.
    private LastScore? _last;

    public DirectionModel(DirectionOptions options)
    {
        _options = options.Validated();
    }

    public string Id => ModelId;

    public string Family => "direction";

    /// <summary>Time of the last bar the current training saw, or null before the first training.</summary>
    public DateTimeOffset? TrainedAsOf => Volatile.Read(ref _fit)?.AsOf;

    /// <summary>Number of examples the current training used (0 before the first).</summary>
    public int TrainedOn => Volatile.Read(ref _fit)?.ExampleCount ?? 0;

    internal DirectionFit? Fit => Volatile.Read(ref _fit);

    internal void Publish(DirectionFit fit) => Volatile.Write(ref _fit, fit);

    public ModelScore? Score(FeatureVector features)
    {
        var fit = Volatile.Read(ref _fit);
        if (fit is null || fit.AsOf > features.AsOf)
            return null;
        if (Volatile.Read(ref _last) is { } last && ReferenceEquals(last.Features, features) && ReferenceEquals(last.Fit, fit))
            return last.Score;
        var score = Score(features, fit);
        Volatile.Write(ref _last, new LastScore(features, fit, score));
        return score;
    }

    private ModelScore? Score(FeatureVector features, DirectionFit fit)
    {
        Span<float> x = stackalloc float[_options.Features.Length];
        if (!TryRead(features, _options.Features, x))
            return null;

        var predictor = fit.Predictor;
        Span<double> raw = stackalloc double[x.Length];
        var output = predictor.Raw(x, raw);
        var p = predictor.Probability(output);
        var score = 2 * p - 1;
        var bias = 2 * predictor.Probability(predictor.BaseRaw) - 1;
        var toScore = ScorePerRaw(output - predictor.BaseRaw, score - bias, predictor.ScoreSlope(p));

        var contributions = ImmutableSortedDictionary.CreateBuilder<string, decimal>(StringComparer.Ordinal);
        var scoreDecimal = Round(score);
        var explained = 0m;
        for (var i = 0; i < x.Length; i++)
        {
            var part = Round(raw[i] * toScore);
            contributions[_options.Features[i]] = part;
            explained += part;
        }
        // The bias absorbs rounding so the parts add up to the score exactly.
        contributions[BiasKey] = scoreDecimal - explained;
        var built = contributions.ToImmutable();
        var symbol = features.Symbol;
        return new ModelScore(ModelId, Family, symbol, scoreDecimal, built, () => Rationale(symbol, p, built), features.AsOf);
    }

    /// <summary>Reads the configured features in order; false when any is absent.</summary>
    internal static bool TryRead(FeatureVector features, ImmutableArray<string> names, Span<float> into)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (features.Get(names[i]) is not { } value)
                return false;
            into[i] = (float)value;
        }
        return true;
    }

    // Contributions are raw-score units; the score is a monotone function of the raw output, so they are
    // rescaled by the secant slope (or by the local slope when the output sits at the base).
    private static double ScorePerRaw(double rawDelta, double scoreDelta, double localSlope) =>
        Math.Abs(rawDelta) > 1e-9 ? scoreDelta / rawDelta : localSlope;

    private string Rationale(string symbol, double p, ImmutableSortedDictionary<string, decimal> contributions)
    {
        // The two largest parts by magnitude (ties: first name in ordinal order), without sorting everything.
        KeyValuePair<string, decimal>? first = null, second = null;
        foreach (var c in contributions)
        {
            if (c.Key == BiasKey || c.Value == 0m)
                continue;
            if (first is null || Math.Abs(c.Value) > Math.Abs(first.Value.Value))
                (first, second) = (c, first);
            else if (second is null || Math.Abs(c.Value) > Math.Abs(second.Value.Value))
                second = c;
        }
        var head = string.Create(CultureInfo.InvariantCulture, $"{symbol} P(up {_options.Horizon}d)={p:0.00}");
        return (first, second) switch
        {
            ({ } a, { } b) => string.Create(CultureInfo.InvariantCulture, $"{head}; {a.Key} {a.Value:+0.000;-0.000}, {b.Key} {b.Value:+0.000;-0.000}"),
            ({ } a, null) => string.Create(CultureInfo.InvariantCulture, $"{head}; {a.Key} {a.Value:+0.000;-0.000}"),
            _ => head,
        };
    }

    private static decimal Round(double value) => Math.Round((decimal)value, 6, MidpointRounding.ToEven);

    private sealed record LastScore(FeatureVector Features, DirectionFit Fit, ModelScore? Score);
}
