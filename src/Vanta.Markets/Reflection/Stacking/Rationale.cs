using System.Globalization;
using Vanta.Markets.Features;
using Vanta.Markets.Models;

namespace Vanta.Markets.Reflection.Stacking;

/// <summary>
/// One human line per conviction, built from its strongest reasons and the features behind them, e.g.
/// "AAPL +0.62: 3 insiders bought $4.1M in 30 days; 20-day momentum +8.0%; direction-lgbm@1 +0.31 (ret_5d +0.12)".
/// </summary>
public static class Rationale
{
    public static string Build(string symbol, decimal score, FeatureVector features, IReadOnlyList<ModelScore> scores, IReadOnlyDictionary<string, decimal> reasons)
    {
        var parts = new List<string>();
        if (features.Get(FeatureNames.InsiderClusterBuyers14d) is >= 2m and var buyers && features.Get(FeatureNames.InsiderNetBuyUsd30d) is { } usd)
            parts.Add(Invariant($"{buyers:0} insiders bought {Money(usd)} net in 30 days"));
        else if (features.Get(FeatureNames.InsiderNetBuyUsd30d) is { } net && net != 0m)
            parts.Add(Invariant($"insiders net {(net > 0 ? "bought" : "sold")} {Money(Math.Abs(net))} in 30 days"));
        if (features.Get(FeatureNames.Momentum20d) is { } momentum)
            parts.Add(Invariant($"20-day momentum {momentum * 100m:+0.0;-0.0;0.0}%"));
        if (features.Get(FeatureNames.SentimentMean1d) is { } sentiment && features.Get(FeatureNames.MentionVelocity1d) is { } velocity)
            parts.Add(Invariant($"chatter x{velocity:0.0}, sentiment {sentiment:+0.00;-0.00;0.00}"));

        // The strongest model, with its own strongest feature contributions (tree models give them).
        if (Strongest(scores, reasons) is { } top)
        {
            var reason = reasons.GetValueOrDefault(top.ModelId);
            var (first, second) = TopTwo(top.Contributions);
            parts.Add((first, second) switch
            {
                ({ } a, { } b) => Invariant($"{top.ModelId} {reason:+0.00;-0.00;0.00} ({a.Key} {a.Value:+0.00;-0.00;0.00}, {b.Key} {b.Value:+0.00;-0.00;0.00})"),
                ({ } a, null) => Invariant($"{top.ModelId} {reason:+0.00;-0.00;0.00} ({a.Key} {a.Value:+0.00;-0.00;0.00})"),
                _ => Invariant($"{top.ModelId} {reason:+0.00;-0.00;0.00}"),
            });
        }
        return Invariant($"{symbol} {score:+0.00;-0.00;0.00}: ") + string.Join("; ", parts);
    }

    /// <summary>The model with the largest reason by magnitude (ties: first id in ordinal order), or null when there are no scores.</summary>
    public static ModelScore? Strongest(IReadOnlyList<ModelScore> scores, IReadOnlyDictionary<string, decimal> reasons)
    {
        ModelScore? top = null;
        var topReason = 0m;
        foreach (var score in scores)
        {
            var reason = Math.Abs(reasons.GetValueOrDefault(score.ModelId));
            if (top is null || reason > topReason || (reason == topReason && string.CompareOrdinal(score.ModelId, top.ModelId) < 0))
                (top, topReason) = (score, reason);
        }
        return top;
    }

    // The two largest contributions by magnitude (ties: first name in ordinal order), without sorting.
    private static (KeyValuePair<string, decimal>? First, KeyValuePair<string, decimal>? Second) TopTwo(
        IEnumerable<KeyValuePair<string, decimal>> contributions)
    {
        KeyValuePair<string, decimal>? first = null, second = null;
        foreach (var c in contributions)
        {
            if (Precedes(c, first))
                (first, second) = (c, first);
            else if (Precedes(c, second))
                second = c;
        }
        return (first, second);
    }

    private static bool Precedes(KeyValuePair<string, decimal> c, KeyValuePair<string, decimal>? other) =>
        other is not { } o
        || Math.Abs(c.Value) > Math.Abs(o.Value)
        || (Math.Abs(c.Value) == Math.Abs(o.Value) && string.CompareOrdinal(c.Key, o.Key) < 0);

    private static string Money(decimal usd) => Math.Abs(usd) switch
    {
        >= 1_000_000m => Invariant($"${usd / 1_000_000m:0.0}M"),
        >= 1_000m => Invariant($"${usd / 1_000m:0.0}K"),
        _ => Invariant($"${usd:0}"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
