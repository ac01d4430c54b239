using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.Sec13F;
using Vanta.Markets.Collectors.SecCommon;
using Vanta.Markets.Collectors.SecForm4;

namespace Vanta.Markets.Collectors.SecSubmissionText;

/// <summary>
/// Reads an EDGAR full-submission <c>.txt</c> (the SGML wrapper: <c>&lt;SEC-HEADER&gt;</c> and
/// <c>&lt;DOCUMENT&gt;</c> blocks). It gives one <see cref="FilingNotice"/> for the filing from the header, then
/// unwraps each XML body and hands it to the ownership (Forms 3/4/5) or 13F reader, with the header's accession
/// number as document id and its acceptance time as event time. Attachments without XML (exhibits, cover
/// letters) are not data and are passed over.
/// </summary>
public sealed class SecFullSubmissionParser : IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    public const string SourceKind = "sec-full-submission";

    private const int MaxBytes = 256 * 1024 * 1024;

    private readonly Form4Parser _ownership = new();

    /// <inheritdoc />
    public string Source => SourceKind;

    /// <inheritdoc />
    public ParseResult Parse(RawDocument document)
    {
        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
        void Quarantine(string path, string reason) => quarantined.Add(
            new QuarantineEntry(SourceKind, $"{document.Uri}#{path}", reason, document.Sha256, document.FetchedAt));

        var refusal = SecXml.Refusal(document.Content, MaxBytes);
        var headerText = refusal is null ? SgmlDocuments.Header(document.Content) : null;
        var reason = refusal ?? "no <SEC-HEADER> ... </SEC-HEADER> block: not an EDGAR full submission";
        if (headerText is null || SgmlHeader.Read(headerText, out reason) is not { } header)
        {
            Quarantine("SEC-HEADER", reason);
            return new ParseResult([], quarantined.ToImmutable());
        }

        var observations = ImmutableArray.CreateBuilder<IObservation>();
        var sinks = new List<QuarantineSink>();
        QuarantineSink Sink(SgmlDocument block)
        {
            sinks.Add(new QuarantineSink(document, $"DOCUMENT[{block.Index}]"));
            return sinks[^1];
        }
        var cover = ThirteenFCover.Unknown;
        var documents = SgmlDocuments.Read(document.Content).ToList();
        foreach (var block in documents.Where(d => d.Xml is not null))
        {
            var prefix = $"DOCUMENT[{block.Index}]";
            if (IsOwnership(block.Type))
            {
                var result = _ownership.Parse(document, block.Xml!.Value, header.Filing, prefix);
                observations.AddRange(result.Observations);
                quarantined.AddRange(result.Quarantined);
            }
            else if (block.Type.StartsWith("13F", StringComparison.Ordinal))
            {
                cover = Sec13FParser.ReadCover(block.Xml!.Value, Sink(block)) ?? cover;
            }
        }
        foreach (var block in documents.Where(d => d.Xml is not null && d.Type == "INFORMATION TABLE"))
            Sec13FParser.ReadTable(document, block.Xml!.Value, header.Filing, cover, Sink(block), observations);

        foreach (var sink in sinks)
            quarantined.AddRange(sink.Entries);
        observations.Insert(0, Notice(document, header, observations));
        return new ParseResult(observations.ToImmutable(), quarantined.ToImmutable());
    }

    private static bool IsOwnership(string type) => type is "3" or "3/A" or "4" or "4/A" or "5" or "5/A";

    /// <summary>The filing itself, about the issuer for ownership forms, else the filer or subject company.</summary>
    private static FilingNotice Notice(RawDocument document, SgmlHeader header, IEnumerable<IObservation> parsed)
    {
        var parties = header.Parties;
        var (role, cik, name) = parties.Any(p => p.Role == "issuer") ? parties.First(p => p.Role == "issuer")
            : parties.Any(p => p.Role is "filer" or "subject_company") ? parties.First(p => p.Role is "filer" or "subject_company")
            : parties.Count > 0 ? parties[0] : ("", "", "");
        var symbol = parsed.OfType<InsiderTransaction>().FirstOrDefault()?.Symbol ?? "";
        var filedOn = header.FiledOn ?? DateOnly.FromDateTime((header.AcceptedAt ?? document.FetchedAt).UtcDateTime);
        return new FilingNotice(
            header.AccessionNumber, header.SubmissionType, cik, name, role, symbol, filedOn,
            header.AcceptedAt ?? SecTime.AfterClose(filedOn), document.Uri, "", SourceKind);
    }
}
