using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors;
using Vanta.Markets.Collectors.Lean;
using Vanta.Markets.Collectors.Reddit;
using Vanta.Markets.Collectors.SecForm4;

namespace Vanta.Markets.Tape;

/// <summary>
/// Replays a tape: reads every source file as a <see cref="RawDocument"/> (verbatim bytes, SHA-256, the
/// source kind, the tape-relative path, the manifest's <c>recorded_at</c>), parses it, and merges all
/// observations into <see cref="ObservationOrder"/>. Files are read in manifest order, then ordinal path
/// order; a LEAN source's factor files come before its bars. A file that cannot be read is quarantined.
/// </summary>
public sealed class TapeReader
{
    /// <summary>Reads the whole tape described by <paramref name="manifest"/>.</summary>
    public TapeReplay Read(TapeManifest manifest)
    {
        var quarantined = new List<QuarantineEntry>();
        var plan = manifest.Sources.Select(s => (Source: s, Files: TapeFiles.Of(manifest, s, quarantined, FoldersOf(s)))).ToList();

        // Bare tickers in social text count only for the instruments this tape carries.
        var symbols = new RedditSymbols(plan
            .Where(p => p.Source.Kind == TapeSourceKinds.LeanDaily)
            .SelectMany(p => p.Files)
            .Select(LeanSymbols.FromPath)
            .OfType<string>());

        var documents = new List<RawDocument>();
        var observations = new List<TapeObservation>();
        foreach (var (source, files) in plan)
        {
            var parser = source.Kind == TapeSourceKinds.LeanDaily
                ? new LeanDailyParser(ReadFactorFiles(manifest, source, documents, quarantined))
                : ParserFor(source.Kind, symbols) ?? throw new InvalidOperationException($"manifest validation let through unknown kind '{source.Kind}'");
            foreach (var path in files)
            {
                if (ReadDocument(manifest, source.Kind, path, quarantined) is not { } document)
                    continue;
                documents.Add(document);
                var result = parser.Parse(document);
                for (var i = 0; i < result.Observations.Length; i++)
                    observations.Add(new TapeObservation(documents.Count - 1, i, result.Observations[i]));
                quarantined.AddRange(result.Quarantined);
            }
        }

        observations.Sort(ObservationOrder.Instance);
        return new TapeReplay(manifest, [.. documents], [.. observations], [.. quarantined]);
    }

    /// <summary>
    /// The parser of a source kind other than LEAN daily bars (those need their folder's factor files); null for a
    /// kind nothing reads. Every kind a live collector records replays through the same parser as live.
    /// </summary>
    internal static IDocumentParser? ParserFor(string kind, RedditSymbols symbols) => kind switch
    {
        TapeSourceKinds.SecForm4 => new Form4Parser(),
        TapeSourceKinds.RedditListing => new RedditListingParser(symbols),
        _ => ParserCatalog.TryCreate(kind, out var other) ? other : null,
    };

    private static string[] FoldersOf(TapeSource source) =>
        source.Kind == TapeSourceKinds.LeanDaily ? [TapeSourceKinds.FactorFolder] : [];

    private static List<LeanFactorFile> ReadFactorFiles(
        TapeManifest manifest, TapeSource source, List<RawDocument> documents, List<QuarantineEntry> quarantined)
    {
        var factors = new List<LeanFactorFile>();
        var folder = new TapeSource(source.Kind, $"{source.Path}/{TapeSourceKinds.FactorFolder}");
        // A LEAN source without factor files is legal: its bars are then left unadjusted.
        if (!Directory.Exists(Path.Combine(manifest.Directory, folder.Path)))
            return factors;
        foreach (var path in TapeFiles.Of(manifest, folder, quarantined))
        {
            if (ReadDocument(manifest, LeanFactorFile.Source, path, quarantined) is not { } document)
                continue;
            documents.Add(document);
            var parsed = LeanFactorFile.Parse(document);
            factors.Add(parsed.File);
            quarantined.AddRange(parsed.Quarantined);
        }
        return factors;
    }

    private static RawDocument? ReadDocument(TapeManifest manifest, string kind, string path, List<QuarantineEntry> quarantined)
    {
        try
        {
            var bytes = File.ReadAllBytes(Path.Combine(manifest.Directory, path));
            // Factor files are the one document kind a tape reads that is not itself a source kind.
            var contentType = kind == LeanFactorFile.Source ? "text/csv" : TapeSourceKinds.All[kind].ContentType;
            return RawDocument.Of(kind, path, contentType, manifest.RecordedAt, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            quarantined.Add(TapeFiles.Entry(manifest, kind, path, $"cannot be read: {e.Message}"));
            return null;
        }
    }
}
