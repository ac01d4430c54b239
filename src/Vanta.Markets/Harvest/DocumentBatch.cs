using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors;
using Vanta.Markets.Tape;

namespace Vanta.Markets.Harvest;

/// <summary>
/// Parses fetched documents with the parser for each one's source kind and merges the observations into
/// event-time order, as a tape replay does. A document whose kind has no parser is quarantined, not dropped.
/// </summary>
public static class DocumentBatch
{
    public static (ImmutableArray<TapeObservation> Observations, ImmutableArray<QuarantineEntry> Quarantined) Parse(
        IReadOnlyList<RawDocument> documents)
    {
        var observations = new List<TapeObservation>();
        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
        for (var i = 0; i < documents.Count; i++)
        {
            var document = documents[i];
            if (!ParserCatalog.TryCreate(document.Source, out var parser))
            {
                quarantined.Add(new QuarantineEntry(document.Source, document.Uri, $"no parser reads source kind '{document.Source}'", document.Sha256, document.FetchedAt));
                continue;
            }
            var result = parser.Parse(document);
            for (var p = 0; p < result.Observations.Length; p++)
                observations.Add(new TapeObservation(i, p, result.Observations[p]));
            quarantined.AddRange(result.Quarantined);
        }
        observations.Sort(ObservationOrder.Instance);
        return ([.. observations], quarantined.ToImmutable());
    }
}
