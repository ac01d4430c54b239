using System.Collections.Immutable;
using System.Xml.Linq;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.SecCommon;

namespace Vanta.Markets.Collectors.SecAtom;

/// <summary>
/// Reads EDGAR's current-filings Atom feed (<c>browse-edgar?action=getcurrent&amp;output=atom</c>) into one
/// <see cref="FilingNotice"/> per entry. A Form 4 appears once per reporting owner and once for its issuer,
/// each with the same accession number: every entry is kept with its <see cref="FilingNotice.Role"/>, and
/// pre-enrichment dedupes on the accession. EDGAR's rate-limit and maintenance HTML pages are quarantined whole
/// with a reason naming them.
/// </summary>
public sealed class SecAtomParser : IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    public const string SourceKind = "sec-atom";

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <inheritdoc />
    public string Source => SourceKind;

    /// <inheritdoc />
    public ParseResult Parse(RawDocument document)
    {
        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
        void Quarantine(string path, string reason) => quarantined.Add(
            new QuarantineEntry(SourceKind, $"{document.Uri}#{path}", reason, document.Sha256, document.FetchedAt));

        if (SecXml.Load(document.Content, SecXml.DefaultMaxBytes, out var error) is not { } root)
        {
            Quarantine("/", error);
            return new ParseResult([], quarantined.ToImmutable());
        }
        if (root.Name != Atom + "feed")
        {
            Quarantine("/", $"root element is '{root.Name}', not an Atom '{{{Atom}}}feed'");
            return new ParseResult([], quarantined.ToImmutable());
        }

        var observations = ImmutableArray.CreateBuilder<IObservation>();
        var index = 0;
        foreach (var entry in root.Elements(Atom + "entry"))
        {
            index++;
            if (AtomEntryReader.Read(entry, SourceKind, out var reason) is { } notice)
                observations.Add(notice);
            else
                Quarantine($"/feed/entry[{index}]", reason);
        }
        return new ParseResult(observations.ToImmutable(), quarantined.ToImmutable());
    }
}
