using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors;
using Vanta.Markets.Collectors.Lean;
using Vanta.Markets.Collectors.Reddit;

namespace Vanta.Markets.Tape;

/// <summary>
/// Parses a tape's raw documents again from the documents alone (a journal's <c>raw_document</c> records, in the
/// order <see cref="TapeReader"/> read them), giving the observations and quarantine entries the tape run had.
/// What the reader knew from the manifest is recovered from each document's source kind and tape path: a LEAN
/// folder's bars are adjusted with the factor files journaled from its <c>factor_files/</c> folder (they precede
/// its bars), and Reddit text counts bare tickers for the instruments of every LEAN bar document.
/// </summary>
public static class TapeDocuments
{
    public static (ImmutableArray<TapeObservation> Observations, ImmutableArray<QuarantineEntry> Quarantined) Parse(
        IReadOnlyList<RawDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var symbols = new RedditSymbols(documents
            .Where(d => d.Source == TapeSourceKinds.LeanDaily)
            .Select(d => LeanSymbols.FromPath(d.Uri))
            .OfType<string>());
        var factors = new Dictionary<string, List<LeanFactorFile>>(StringComparer.Ordinal);
        var leanParsers = new Dictionary<string, LeanDailyParser>(StringComparer.Ordinal);
        var parsers = new Dictionary<string, IDocumentParser>(StringComparer.Ordinal);
        var observations = new List<TapeObservation>();
        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();

        for (var i = 0; i < documents.Count; i++)
        {
            var document = documents[i];
            if (document.Source == LeanFactorFile.Source)
            {
                var parsed = LeanFactorFile.Parse(document);
                var lean = Folder(Folder(document.Uri));
                if (!factors.TryGetValue(lean, out var list))
                    factors[lean] = list = [];
                list.Add(parsed.File);
                quarantined.AddRange(parsed.Quarantined);
                continue;
            }

            IDocumentParser? parser;
            if (document.Source == TapeSourceKinds.LeanDaily)
            {
                // The reader read a folder's factor files before its first bar, so all of them are known by now.
                var folder = Folder(document.Uri);
                if (!leanParsers.TryGetValue(folder, out var lean))
                    leanParsers[folder] = lean = new LeanDailyParser(factors.TryGetValue(folder, out var list) ? list : []);
                parser = lean;
            }
            else if (!parsers.TryGetValue(document.Source, out parser))
            {
                parser = TapeReader.ParserFor(document.Source, symbols);
                if (parser is null)
                {
                    quarantined.Add(new QuarantineEntry(document.Source, document.Uri, $"no parser reads source kind '{document.Source}'",
                        document.Sha256, document.FetchedAt));
                    continue;
                }
                parsers[document.Source] = parser;
            }

            var result = parser.Parse(document);
            for (var p = 0; p < result.Observations.Length; p++)
                observations.Add(new TapeObservation(i, p, result.Observations[p]));
            quarantined.AddRange(result.Quarantined);
        }

        observations.Sort(ObservationOrder.Instance);
        return ([.. observations], quarantined.ToImmutable());
    }

    private static string Folder(string uri)
    {
        var slash = uri.LastIndexOf('/');
        return slash < 0 ? "" : uri[..slash];
    }
}
