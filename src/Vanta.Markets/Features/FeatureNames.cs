using System.Globalization;

namespace Vanta.Markets.Features;

/// <summary>
/// The names of the features the computers write. Persisted (the Parquet lake, model inputs): a name, once
/// published, keeps its meaning; a change of definition is a new name.
/// </summary>
public static class FeatureNames
{
    /// <summary>Close over the previous bar's close, minus one.</summary>
    public const string Return1d = "ret_1d";

    /// <summary>Close over the close five bars earlier, minus one.</summary>
    public const string Return5d = "ret_5d";

    /// <summary>Close over the close twenty bars earlier, minus one.</summary>
    public const string Return20d = "ret_20d";

    /// <summary>Sample standard deviation (n - 1) of the last twenty simple bar-to-bar returns (each kept to 12 places); not annualised.</summary>
    public const string Volatility20d = "vol_20d";

    /// <summary>This bar's volume against the twenty bars before it: (v - mean) / sample stdev.</summary>
    public const string VolumeZ20d = "volume_z_20d";

    /// <summary>Open over the previous bar's close, minus one.</summary>
    public const string Gap = "gap_1d";

    /// <summary>Close over the simple mean of the last twenty closes (this one included), minus one.</summary>
    public const string Momentum20d = "momentum_20d";

    /// <summary>Calendar days (UTC dates) between this bar and the previous one: 1 on consecutive days, 3 over a weekend.</summary>
    public const string DaysSincePrevBar = "days_since_prev_bar";

    /// <summary>Attention-weighted mentions in the last 24 hours.</summary>
    public const string Mentions1d = "mentions_1d";

    /// <summary>Weighted mentions in the last 24 hours over the daily mean of the seven days before them (with a floor).</summary>
    public const string MentionVelocity1d = "mention_velocity_1d";

    /// <summary>Attention-weighted mean text sentiment of the last 24 hours, in [-1, 1].</summary>
    public const string SentimentMean1d = "sentiment_mean_1d";

    /// <summary>Attention-weighted (population) standard deviation of text sentiment in the last 24 hours.</summary>
    public const string SentimentDispersion1d = "sentiment_dispersion_1d";

    /// <summary>Share of the last 24 hours' mentions (counted, not weighted) that came from swarm-flagged posts.</summary>
    public const string SwarmShare1d = "swarm_share_1d";

    /// <summary>Open-market purchases (P) minus sales (S) in US dollars, shares x price, over the last 30 days.</summary>
    public const string InsiderNetBuyUsd30d = "net_insider_buy_usd_30d";

    /// <summary>Distinct insiders with an open-market purchase in the last 14 days.</summary>
    public const string InsiderClusterBuyers14d = "insider_cluster_buyers_14d";

    /// <summary>Distinct insiders with an open-market sale in the last 14 days (the mirror of <see cref="InsiderClusterBuyers14d"/>).</summary>
    public const string InsiderClusterSellers14d = "insider_cluster_sellers_14d";

    /// <summary>Net open-market buying in US dollars over 30 days, each trade weighted by its insider's role.</summary>
    public const string InsiderRoleWeightedNetUsd30d = "insider_role_weighted_net_usd_30d";

    /// <summary>The pseudo-symbol under which macro features are stored: they describe no one instrument.</summary>
    public const string MacroSymbol = "_MACRO";

    /// <summary>Change of a macro series over its last <paramref name="observations"/> observations: <c>macro_dgs10_chg_5</c>.</summary>
    public static string MacroChange(string seriesId, int observations) =>
        string.Create(CultureInfo.InvariantCulture, $"macro_{seriesId.ToLowerInvariant()}_chg_{observations}");
}
