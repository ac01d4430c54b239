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
        var top = scores.OrderByDescending(s => Math.Abs(reasons.GetValueOrDefault(s.ModelId))).ThenBy(s => s.ModelId, StringComparer.Ordinal).FirstOrDefault();
        if (top is not null)
        {
            var drivers = top.Contributions.OrderByDescending(c => Math.Abs(c.Value)).ThenBy(c => c.Key, StringComparer.Ordinal).Take(2)
                .Select(c => Invariant($"{c.Key} {c.Value:+0.00;-0.00;0.00}")).ToList();
            parts.Add(drivers.Count == 0
                ? Invariant($"{top.ModelId} {reasons.GetValueOrDefault(top.ModelId):+0.00;-0.00;0.00}")
                : Invariant($"{top.ModelId} {reasons.GetValueOrDefault(top.ModelId):+0.00;-0.00;0.00} ({string.Join(", ", drivers)})"));
        }
        return Invariant($"{symbol} {score:+0.00;-0.00;0.00}: ") + string.Join("; ", parts);
    }

    private static string Money(decimal usd) => Math.Abs(usd) switch
    {
        >= 1_000_000m => Invariant($"${usd / 1_000_000m:0.0}M"),
        >= 1_000m => Invariant($"${usd / 1_000m:0.0}K"),
        _ => Invariant($"${usd:0}"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
