using System.Collections.Immutable;
using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Markets.Reflection.Stacking;

namespace Vanta.Markets.Reflection;

/// <summary>
/// The first conviction scorer: price momentum plus net open-market insider buying. Each new
/// <see cref="PriceBar"/> of a warm symbol issues one conviction for it; insider transactions only update
/// state, because a conviction needs a current price to value trades and to be acted on, and the next
/// bar (filings are timed after the close) folds them in. Other observations are ignored.
/// </summary>
/// <remarks>
/// Only open-market purchases (P) and sales (S) of non-derivative securities count: grants (A), option
/// exercises (M), tax withholding (F) and gifts (G) follow compensation schedules, not the insider's view
/// of the price. A trade is valued at its reported price, or at the bar's close when the filing gives none.
/// </remarks>
public sealed class MomentumInsiderScorer : IConvictionScorer
{
    private readonly MomentumInsiderOptions _options;
    private readonly Dictionary<string, SymbolBelief> _beliefs = new(StringComparer.Ordinal);
    private readonly string _momentumKey;
    private readonly string _insiderKey;
    private readonly ImmutableSortedDictionary<string, decimal> _models;

    public MomentumInsiderScorer(MomentumInsiderOptions? options = null)
    {
        _options = options ?? new MomentumInsiderOptions();
        _options.Validate();
        _momentumKey = string.Create(CultureInfo.InvariantCulture, $"momentum_{_options.LookbackBars}d");
        _insiderKey = string.Create(CultureInfo.InvariantCulture, $"insider_net_buying_{(int)_options.InsiderWindow.TotalDays}d");
        _models = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new KeyValuePair<string, decimal>[]
        {
            new(MomentumInsiderOptions.MomentumModel, _options.MomentumWeight),
            new(MomentumInsiderOptions.InsiderModel, _options.InsiderWeight),
        });
    }

    public IReadOnlyList<ConvictionVector> Update(Observed<IObservation> observation)
    {
        switch (observation.Value)
        {
            case InsiderTransaction { IsOpenMarket: true } trade when trade.Symbol.Length > 0:
                Belief(trade.Symbol).AddTrade(observation.EventId, trade);
                return [];
            case PriceBar bar:
                return OnBar(observation.EventId, bar) is { } conviction ? [conviction] : [];
            default:
                return [];
        }
    }

    private ConvictionVector? OnBar(EventId barId, PriceBar bar)
    {
        var belief = Belief(bar.Symbol);
        // A bar no later than the last one seen is a redelivery (the bus is at-least-once): nothing new.
        if (belief.LastBarAt is { } last && bar.TsEvent <= last)
            return null;
        if (!belief.AddClose(bar.TsEvent, bar.Close))
            return null;

        var trades = belief.TradesIn(bar.TsEvent, _options.InsiderWindow);
        var netBuying = trades.Sum(t => t.Trade.SignedShares * (t.Trade.PricePerShare ?? bar.Close));
        var scale = _options.Scale;
        var momentum = ConvictionMath.Squash(belief.LookbackReturn() / _options.MomentumScale);
        var insider = ConvictionMath.Squash(netBuying / _options.InsiderReferenceValue);
        var reasons = ConvictionMath.Clamp(
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new KeyValuePair<string, decimal>[]
            {
                new(_momentumKey, ConvictionMath.Round(_options.MomentumWeight * momentum, scale)),
                new(_insiderKey, ConvictionMath.Round(_options.InsiderWeight * insider, scale)),
            }),
            scale);
        var score = reasons.Values.Sum();

        var parents = ImmutableArray.CreateRange([barId, .. trades.Select(t => t.Id)]);
        var insiders = trades.Select(t => t.Trade.OwnerCik).Distinct(StringComparer.Ordinal).Count();
        ImmutableArray<string> tags = insiders >= 2 ? ["equity", "insider-cluster"] : ["equity"];
        return new ConvictionVector(
            SignalIdOf(bar.Symbol, bar.TsEvent, score, parents), bar.Symbol, score, reasons, _models,
            bar.TsEvent, _options.Ttl, bar.TsEvent + _options.Ttl, tags, parents);
    }

    private SymbolBelief Belief(string symbol)
    {
        if (!_beliefs.TryGetValue(symbol, out var belief))
            _beliefs[symbol] = belief = new SymbolBelief(_options.LookbackBars);
        return belief;
    }

    /// <summary>The content id: symbol, issue time, score and lineage, so equal inputs give equal ids (one rule for every scorer).</summary>
    public static SignalId SignalIdOf(string symbol, DateTimeOffset issuedAt, decimal score, ImmutableArray<EventId> parents) =>
        MetaBeliefStacker.SignalIdOf(symbol, issuedAt, score, parents);
}
