using System.Collections.Immutable;
using System.Globalization;
using Vanta.Markets.Features;
using Vanta.Markets.Reflection;

namespace Vanta.Markets.Models.Insider;

/// <summary>Settings of <see cref="InsiderGraphModel"/>; the defaults are the documented formula's constants.</summary>
/// <param name="DollarScale">D: role-weighted net dollars that make u = 1 (default $1M).</param>
/// <param name="SellDiscount">How much net selling counts against net buying of the same size (default 0.5).</param>
/// <param name="ClusterSize">Distinct insiders in the 14-day window that make a cluster (default 2).</param>
/// <param name="BuyClusterStep">Added per insider of a buying cluster beyond the first (default 0.5).</param>
/// <param name="SellClusterStep">Subtracted per insider of a selling cluster beyond the first (default 0.25).</param>
/// <param name="ClusterCap">Insiders counted at most, so one busy filing day cannot dominate (default 5).</param>
public sealed record InsiderGraphOptions(
    decimal DollarScale = 1_000_000m,
    decimal SellDiscount = 0.5m,
    int ClusterSize = 2,
    decimal BuyClusterStep = 0.5m,
    decimal SellClusterStep = 0.25m,
    int ClusterCap = 5)
{
    public InsiderGraphOptions Validated()
    {
        if (DollarScale <= 0m)
            throw new ArgumentOutOfRangeException(nameof(DollarScale), "InsiderGraphOptions.DollarScale must be positive");
        if (SellDiscount is < 0m or > 1m)
            throw new ArgumentOutOfRangeException(nameof(SellDiscount), "InsiderGraphOptions.SellDiscount must be between 0 and 1");
        if (ClusterSize < 2 || ClusterCap < ClusterSize)
            throw new ArgumentOutOfRangeException(nameof(ClusterSize), "InsiderGraphOptions.ClusterSize must be at least 2 and at most ClusterCap");
        if (BuyClusterStep < 0m || SellClusterStep < 0m)
            throw new ArgumentOutOfRangeException(nameof(BuyClusterStep), "InsiderGraphOptions cluster steps must not be negative");
        return this;
    }
}

/// <summary>
/// <c>insider-graph@1</c>: insider flow with cluster detection on the insider-issuer graph. The features count the
/// distinct insider nodes with an open-market trade on the issuer's edges in the last 14 days
/// (<c>insider_cluster_buyers_14d</c> and <c>insider_cluster_sellers_14d</c>; a vector without the sellers counts none) and
/// the role-weighted net dollars over 30 days. Several insiders buying independently is one of the better-documented
/// insider signals; sales are often diversification or scheduled (10b5-1) and count less. With
/// W = <c>insider_role_weighted_net_usd_30d</c> (or <c>net_insider_buy_usd_30d</c> when W is absent), u = W / D,
/// B and S the buyers and sellers in the cluster window, each capped at C:
/// <list type="bullet">
/// <item>flow = 2u / (1 + |u|) when u &gt;= 0, and SellDiscount x 2u / (1 + |u|) when u &lt; 0: bounded in (-1, 2),
/// $1M of role-weighted buying gives 1.0, $4.1M 1.61, and no size of sale more than -1;</item>
/// <item>buyCluster = BuyClusterStep x (B - 1) when B &gt;= ClusterSize, else 0: 2 buyers +0.5, 3 buyers +1.0;</item>
/// <item>sellCluster = -SellClusterStep x (S - 1) when S &gt;= ClusterSize, else 0: 3 sellers -0.5;</item>
/// <item>x = flow + buyCluster + sellCluster; score = x / (1 + |x|), in (-1, 1).</item>
/// </list>
/// Each term's contribution is term / (1 + |x|), named by its feature and rounded to 6 places, the rounding residue
/// given to the largest one, so they add up exactly to the score. Decimal arithmetic only, no transcendental
/// function, so replays match digit for digit. Abstains when no insider feature is known or x = 0 (insiders
/// did nothing in the windows). Example: B = 3, W = $3.0M, net $4.1M: flow 1.5, cluster 1.0, x = 2.5, score
/// 0.714286, rationale "AAPL insider cluster: 3 insiders bought in 14 days; net +$4.1M in 30 days (role-weighted +$3.0M)".
/// </summary>
public sealed class InsiderGraphModel : IScoringModel, IPerInstrument
{
    public const string ModelId = "insider-graph@1";

    /// <summary>Distinct insiders with an open-market sale in the last 14 days, as <see cref="InsiderFeatureComputer"/> writes it.</summary>
    public const string ClusterSellers14d = FeatureNames.InsiderClusterSellers14d;

    private const int Scale = 6;

    private readonly InsiderGraphOptions _options;

    public InsiderGraphModel(InsiderGraphOptions? options = null) => _options = (options ?? new InsiderGraphOptions()).Validated();

    public string Id => ModelId;

    public string Family => "insider";

    public ModelScore? Score(FeatureVector features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var weighted = features.Get(FeatureNames.InsiderRoleWeightedNetUsd30d);
        var net = features.Get(FeatureNames.InsiderNetBuyUsd30d);
        var buyers = features.Get(FeatureNames.InsiderClusterBuyers14d);
        var sellers = features.Get(ClusterSellers14d);
        if (weighted is null && net is null && buyers is null && sellers is null)
            return null;

        var (flowFeature, usd) = weighted is { } w ? (FeatureNames.InsiderRoleWeightedNetUsd30d, w) : (FeatureNames.InsiderNetBuyUsd30d, net ?? 0m);
        var u = usd / _options.DollarScale;
        var flow = 2m * u / (1m + Math.Abs(u)) * (u < 0m ? _options.SellDiscount : 1m);
        var b = Count(buyers);
        var s = Count(sellers);
        var buyCluster = b >= _options.ClusterSize ? _options.BuyClusterStep * (Math.Min(b, _options.ClusterCap) - 1) : 0m;
        var sellCluster = s >= _options.ClusterSize ? -_options.SellClusterStep * (Math.Min(s, _options.ClusterCap) - 1) : 0m;
        var x = flow + buyCluster + sellCluster;
        if (x == 0m)
            return null;

        var score = ConvictionMath.Round(x / (1m + Math.Abs(x)), Scale);
        var terms = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        if (flow != 0m)
            terms[flowFeature] = flow;
        if (buyCluster != 0m)
            terms[FeatureNames.InsiderClusterBuyers14d] = buyCluster;
        if (sellCluster != 0m)
            terms[ClusterSellers14d] = sellCluster;
        var contributions = terms.ToImmutableSortedDictionary(t => t.Key, t => ConvictionMath.Round(t.Value / (1m + Math.Abs(x)), Scale), StringComparer.Ordinal);
        var residue = score - contributions.Values.Sum();
        if (residue != 0m)
        {
            var largest = contributions.OrderByDescending(c => Math.Abs(c.Value)).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
            contributions = contributions.SetItem(largest, contributions[largest] + residue);
        }
        return new ModelScore(ModelId, Family, features.Symbol, score, contributions, Rationale(features.Symbol, b, s, net, weighted), features.AsOf);
    }

    private static int Count(decimal? count) => count is { } c && c > 0m ? (int)Math.Min(Math.Floor(c), int.MaxValue) : 0;

    private string Rationale(string symbol, int buyers, int sellers, decimal? net, decimal? weighted)
    {
        var parts = new List<string>();
        if (buyers >= _options.ClusterSize)
            parts.Add(Invariant($"{buyers} insiders bought in 14 days"));
        if (sellers >= _options.ClusterSize)
            parts.Add(Invariant($"{sellers} insiders sold in 14 days"));
        var flow = net is { } n
            ? Invariant($"net {Money(n)} in 30 days") + (weighted is { } w ? Invariant($" (role-weighted {Money(w)})") : "")
            : weighted is { } rw ? Invariant($"role-weighted net {Money(rw)} in 30 days") : null;
        if (flow is not null)
            parts.Add(flow);
        var kind = buyers >= _options.ClusterSize || sellers >= _options.ClusterSize ? "insider cluster" : "insider flow";
        return Invariant($"{symbol} {kind}: ") + string.Join("; ", parts);
    }

    /// <summary>Signed dollars, short: +$4.1M, -$850.0K, +$1.2B.</summary>
    internal static string Money(decimal usd)
    {
        var sign = usd < 0m ? "-" : "+";
        var a = Math.Abs(usd);
        return a switch
        {
            >= 1_000_000_000m => Invariant($"{sign}${a / 1_000_000_000m:0.0}B"),
            >= 1_000_000m => Invariant($"{sign}${a / 1_000_000m:0.0}M"),
            >= 1_000m => Invariant($"{sign}${a / 1_000m:0.0}K"),
            _ => Invariant($"{sign}${a:0}"),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
