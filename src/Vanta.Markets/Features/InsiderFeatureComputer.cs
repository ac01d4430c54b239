using Vanta.Core.Domain;
using Vanta.Core.Stages;

namespace Vanta.Markets.Features;

/// <summary>Options of <see cref="InsiderFeatureComputer"/>.</summary>
/// <param name="NetWindow">Window of net buying, in event time (default 30 days).</param>
/// <param name="ClusterWindow">Window in which distinct buyers (or sellers) make a cluster (default 14 days).</param>
/// <param name="Ttl">Validity of the values (default 4 days): they are rewritten at every bar of the symbol.</param>
/// <param name="Roles">Role weights (default <see cref="InsiderRoleWeights.Default"/>).</param>
public sealed record InsiderFeatureOptions(
    TimeSpan? NetWindow = null,
    TimeSpan? ClusterWindow = null,
    FeatureTtl? Ttl = null,
    InsiderRoleWeights? Roles = null)
{
    internal TimeSpan Net => NetWindow ?? TimeSpan.FromDays(30);

    internal TimeSpan Cluster => ClusterWindow ?? TimeSpan.FromDays(14);

    internal FeatureTtl Ttls => Ttl ?? new FeatureTtl(TimeSpan.FromDays(4));

    internal InsiderRoleWeights Weights => Roles ?? InsiderRoleWeights.Default;
}

/// <summary>
/// Insider features from <see cref="InsiderTransaction"/>s, per symbol, over a window in event time (when the filing
/// became public, so no trade is seen before it was knowable): net open-market buying in dollars, distinct buyers
/// and distinct sellers (clusters), and role-weighted net buying. Only open-market purchases (P) and sales (S) of non-derivative
/// securities count; other codes (grants, exercises, tax withholding, gifts) follow schedules and are ignored. A
/// trade is valued at shares x reported price; one without a price or shares is refused (<see
/// cref="FeatureRejectReason.UnpricedTrade"/>), never valued at zero. The values are written at each trade and
/// again at each <see cref="PriceBar"/> of a symbol with trades in the window, so they roll as trades age out; once
/// the window is empty they are written as zero one last time.
/// </summary>
public sealed class InsiderFeatureComputer(InsiderFeatureOptions? options = null) : IFeatureComputer
{
    private readonly InsiderFeatureOptions _options = Validated(options ?? new InsiderFeatureOptions());
    private readonly Dictionary<string, SymbolTrades> _symbols = new(StringComparer.Ordinal);

    public FeatureUpdate Update(Observed<IObservation> observation, Attention attention, IFeatureStore store)
    {
        switch (observation.Value)
        {
            case InsiderTransaction { IsOpenMarket: true } trade:
                if (trade.Symbol.Length == 0)
                    return FeatureUpdate.Reject(FeatureRejectReason.NoSymbol);
                if (trade.PricePerShare is not > 0m || trade.Shares <= 0m)
                    return FeatureUpdate.Reject(FeatureRejectReason.UnpricedTrade);
                var symbol = trade.Symbol.ToUpperInvariant();
                if (!_symbols.TryGetValue(symbol, out var trades))
                    _symbols.Add(symbol, trades = new SymbolTrades());
                trades.Add(new Trade(trade.TsEvent, Owners(trade.OwnerCik, trade.OwnerName), trade.TransactionCode == "P",
                    trade.Shares * trade.PricePerShare.Value, _options.Weights.For(trade.Relationship)));
                return FeatureUpdate.Wrote(Write(symbol, trades, Max(trades.LastAt, trade.TsEvent), store));
            case PriceBar bar when _symbols.TryGetValue(bar.Symbol, out var rolling) && bar.TsEvent > rolling.LastAt:
                return FeatureUpdate.Wrote(Write(bar.Symbol, rolling, bar.TsEvent, store));
            default:
                return FeatureUpdate.Ignored;
        }
    }

    private int Write(string symbol, SymbolTrades trades, DateTimeOffset now, IFeatureStore store)
    {
        trades.LastAt = now;
        var longest = _options.Net > _options.Cluster ? _options.Net : _options.Cluster;
        trades.Items.RemoveAll(t => t.At <= now - longest);
        decimal net = 0m, weighted = 0m;
        var buyers = new SortedSet<string>(StringComparer.Ordinal);
        var sellers = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var t in trades.Items)
        {
            if (t.At > now)
                continue;
            var signed = t.IsBuy ? t.Usd : -t.Usd;
            if (t.At > now - _options.Net)
            {
                net += signed;
                weighted += signed * t.RoleWeight;
            }
            if (t.At > now - _options.Cluster)
                (t.IsBuy ? buyers : sellers).UnionWith(t.Owners);
        }

        var ttl = _options.Ttls;
        store.Put(symbol, FeatureNames.InsiderNetBuyUsd30d, FeatureMath.Round(net), now, ttl.For(FeatureNames.InsiderNetBuyUsd30d));
        store.Put(symbol, FeatureNames.InsiderClusterBuyers14d, buyers.Count, now, ttl.For(FeatureNames.InsiderClusterBuyers14d));
        store.Put(symbol, FeatureNames.InsiderClusterSellers14d, sellers.Count, now, ttl.For(FeatureNames.InsiderClusterSellers14d));
        store.Put(symbol, FeatureNames.InsiderRoleWeightedNetUsd30d, FeatureMath.Round(weighted), now,
            ttl.For(FeatureNames.InsiderRoleWeightedNetUsd30d));
        if (trades.Items.Count == 0)
            _symbols.Remove(symbol);
        return 4;
    }

    /// <summary>One key per reporting owner: a joint filing (CIKs joined by <c>,</c>) names several insiders.</summary>
    private static string[] Owners(string ciks, string names)
    {
        var owners = ciks.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.TrimStart('0')).Where(c => c.Length > 0).ToArray();
        return owners.Length > 0 ? owners : [names.Trim()];
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static InsiderFeatureOptions Validated(InsiderFeatureOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Net, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Cluster, TimeSpan.Zero);
        options.Ttls.Validate();
        return options;
    }

    private sealed record Trade(DateTimeOffset At, string[] Owners, bool IsBuy, decimal Usd, decimal RoleWeight);

    private sealed class SymbolTrades
    {
        public List<Trade> Items { get; } = [];

        public DateTimeOffset LastAt { get; set; } = DateTimeOffset.MinValue;

        public void Add(Trade trade) => Items.Add(trade);
    }
}
