using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Enrichment;
using Vanta.Markets.Models;

namespace Vanta.Markets.Features;

/// <summary>
/// The feature computers together: each observation goes to every computer in order, until one refuses it; a
/// refused observation is logged in <see cref="Rejections"/>, and the computers after the refusing one never see it
/// (so a bad bar moves no feature at all). Deterministic: the same observations give the same writes.
/// </summary>
public sealed class FeatureEngine : IFeatureComputer
{
    private readonly ImmutableArray<IFeatureComputer> _computers;

    public FeatureEngine(IEnumerable<IFeatureComputer> computers)
    {
        ArgumentNullException.ThrowIfNull(computers);
        _computers = [.. computers];
    }

    /// <summary>Every refused observation, counted by reason.</summary>
    public FeatureRejections Rejections { get; } = new();

    /// <summary>Price, social, insider and macro features with their default options (macro: no series unless given).</summary>
    public static FeatureEngine Create(ITextSentimentModel sentiment, MacroFeatureOptions? macro = null) =>
        new([
            new PriceFeatureComputer(),
            new InsiderFeatureComputer(),
            new SocialFeatureComputer(sentiment),
            new MacroFeatureComputer(macro ?? new MacroFeatureOptions()),
        ]);

    /// <summary>An observation with full attention (prices, filings, macro, or a post that was not pre-enriched).</summary>
    public FeatureUpdate Update(Observed<IObservation> observation, IFeatureStore store) =>
        Update(observation, Attention.Full, store);

    /// <summary>An observation with the weight and swarm flag pre-enrichment gave it; a duplicate is skipped.</summary>
    public FeatureUpdate Update(Observed<IObservation> observation, PreEnriched enriched, IFeatureStore store) =>
        enriched.IsDuplicate ? FeatureUpdate.Ignored : Update(observation, Attention.From(enriched), store);

    public FeatureUpdate Update(Observed<IObservation> observation, Attention attention, IFeatureStore store)
    {
        var total = FeatureUpdate.Ignored;
        foreach (var computer in _computers)
        {
            var update = computer.Update(observation, attention, store);
            total = total.Plus(update);
            if (update.Rejected is { } reason)
            {
                var o = observation.Value;
                Rejections.Add(new FeatureRejection(observation.EventId, o.Symbol, o.TsEvent, reason));
                break;
            }
        }
        return total;
    }
}
