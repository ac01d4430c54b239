using System.Collections.Immutable;
using System.Globalization;
using Vanta.Markets.Features;
using Vanta.Markets.Reflection;

namespace Vanta.Markets.Models.Signals;

/// <summary>
/// Transparent feature models: each squashes one or two point-in-time features into [-1, 1] with
/// x / (1 + |x|), and explains itself with those features as contributions.
/// </summary>
public abstract class SquashedFeatureModel(string id, string family) : IScoringModel, IPerInstrument
{
    public string Id { get; } = id;

    public string Family { get; } = family;

    public ModelScore? Score(FeatureVector features)
    {
        if (Signal(features) is not { } signal)
            return null;
        var score = Math.Round(ConvictionMath.Squash(signal.Value), 6, MidpointRounding.AwayFromZero);
        var contributions = Contributions.Of(signal.Feature, score);
        return new ModelScore(Id, Family, features.Symbol, score, contributions, signal.Why, features.AsOf);
    }

    /// <summary>The scaled input, the feature it came from, and a human reason (written when read); null to abstain.</summary>
    protected abstract (decimal Value, string Feature, Func<string> Why)? Signal(FeatureVector features);

    protected static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary><c>momentum@2</c>: 20-day momentum, a 10% move scaling to 0.5.</summary>
public sealed class MomentumModel() : SquashedFeatureModel("momentum@2", "price")
{
    protected override (decimal, string, Func<string>)? Signal(FeatureVector f) =>
        f.Get(FeatureNames.Momentum20d) is { } m ? (m / 0.10m, FeatureNames.Momentum20d, () => Invariant($"20-day momentum {m * 100m:+0.0;-0.0;0.0}%")) : null;
}

/// <summary>
/// <c>insider-flow@2</c>: role-weighted net open-market insider buying over 30 days, $1M scaling to 0.5; a
/// cluster of several buyers doubles it. Abstains when insiders did nothing.
/// </summary>
public sealed class InsiderFlowModel() : SquashedFeatureModel("insider-flow@2", "insider")
{
    protected override (decimal, string, Func<string>)? Signal(FeatureVector f)
    {
        if (f.Get(FeatureNames.InsiderRoleWeightedNetUsd30d) is not { } usd || usd == 0m)
            return null;
        var cluster = f.Get(FeatureNames.InsiderClusterBuyers14d) >= 2m ? 2m : 1m;
        return (usd / 1_000_000m * cluster, FeatureNames.InsiderRoleWeightedNetUsd30d, () => Invariant($"role-weighted insider net {usd:+0;-0;0} USD"));
    }
}

/// <summary>
/// <c>social-sentiment@1</c>: the day's mean text sentiment of posts and headlines naming the instrument,
/// discounted by the share that came from bot swarms. Abstains without chatter.
/// </summary>
public sealed class SocialSentimentModel() : SquashedFeatureModel("social-sentiment@1", "sentiment")
{
    protected override (decimal, string, Func<string>)? Signal(FeatureVector f)
    {
        if (f.Get(FeatureNames.SentimentMean1d) is not { } mean || f.Get(FeatureNames.Mentions1d) is not > 0m)
            return null;
        var organic = 1m - (f.Get(FeatureNames.SwarmShare1d) ?? 0m);
        return (mean * organic * 2m, FeatureNames.SentimentMean1d, () => Invariant($"sentiment {mean:+0.00;-0.00;0.00} ({organic:P0} organic)"));
    }
}
