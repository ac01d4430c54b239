using System.Collections.Immutable;
using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Vaults.Config;

namespace Vanta.Vaults.Allocation;

/// <summary>Why a symbol's target weight is what it is; the allocator turns it into an intent's reason.</summary>
internal sealed record SymbolTarget(string Symbol, decimal Weight, bool Capped, string? ExcludedBecause);

/// <summary>The target weights for a set of live convictions, and the factor they were scaled by.</summary>
internal sealed record TargetSet(ImmutableSortedDictionary<string, SymbolTarget> BySymbol, decimal Scale)
{
    public decimal WeightOf(string symbol) => BySymbol.TryGetValue(symbol, out var t) ? t.Weight : 0m;
}

/// <summary>
/// The proportional rule. Each eligible conviction's score is taken as its raw weight (conviction 0.3 asks for
/// 30% of equity), capped at <c>max_weight_per_symbol</c>; when the capped weights add up to more than
/// <c>gross_cap</c> they are all scaled down by the same factor. Weights are truncated towards zero to
/// <see cref="VaultConfigValidator.WeightScale"/> places, so rounding can never push a weight over its cap or
/// the sum over the gross cap. Using the score itself (rather than splitting the whole gross cap) keeps a weak
/// belief small and means a new conviction only moves the others when the gross cap binds.
/// </summary>
internal static class TargetWeights
{
    public static TargetSet Compute(IEnumerable<ConvictionVector> live, AllocationRules rules, bool allowShort)
    {
        var capped = new SortedDictionary<string, (decimal Weight, bool Capped, string? Excluded)>(StringComparer.Ordinal);
        foreach (var conviction in live)
        {
            var score = conviction.ConvictionScore;
            var magnitude = Math.Abs(score);
            string? excluded = null;
            if (magnitude <= rules.MinConviction)
                excluded = string.Create(CultureInfo.InvariantCulture, $"conviction {score} within min_conviction {rules.MinConviction}");
            else if (score < 0 && !allowShort)
                excluded = string.Create(CultureInfo.InvariantCulture, $"conviction {score} is short and the vault does not allow short");
            var isCapped = magnitude > rules.MaxWeightPerSymbol;
            var weight = excluded is null ? Math.Sign(score) * Math.Min(magnitude, rules.MaxWeightPerSymbol) : 0m;
            capped[conviction.Symbol] = (weight, isCapped && excluded is null, excluded);
        }

        var gross = capped.Values.Sum(v => Math.Abs(v.Weight));
        var scale = gross > rules.GrossCap ? Math.Min(1m, rules.GrossCap / gross) : 1m;
        var targets = capped.ToImmutableSortedDictionary(
            kv => kv.Key,
            kv => new SymbolTarget(
                kv.Key,
                decimal.Round(kv.Value.Weight * scale, VaultConfigValidator.WeightScale, MidpointRounding.ToZero),
                kv.Value.Capped,
                kv.Value.Excluded),
            StringComparer.Ordinal);
        return new TargetSet(targets, scale);
    }
}
