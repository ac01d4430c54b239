using System.Collections.Immutable;
using System.Xml;
using System.Xml.Linq;
using Vanta.Core.Domain;
using Vanta.Core.Stages;

namespace Vanta.Markets.Collectors.SecForm4;

/// <summary>
/// Reads an SEC ownership document (Forms 3, 4, 5 and amendments, <c>ownershipDocument</c> XML) into one
/// <see cref="InsiderTransaction"/> per non-derivative and derivative transaction row. Holding rows report
/// a position, not a trade, and are not transactions.
/// </summary>
/// <remarks>
/// The time a filing became public (EDGAR's acceptance time) is not in the XML. <see cref="IObservation.TsEvent"/>
/// is therefore the latest signature date at 22:00 UTC, after the New York close in both winter and summer
/// time: a replay never lets a filing act on the session of the day it was signed. Without a signature
/// date the period of report is used the same way.
/// </remarks>
public sealed class Form4Parser : IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    public const string SourceKind = "sec-form4";

    private const string Root = "/ownershipDocument";
    private static readonly TimeOnly PublicTime = new(22, 0);

    public string Source => SourceKind;

    public ParseResult Parse(RawDocument document)
    {
        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
        void Quarantine(string path, string reason) =>
            quarantined.Add(new QuarantineEntry(SourceKind, $"{document.Uri}#{path}", reason, document.Sha256, document.FetchedAt));

        XElement root;
        try
        {
            var bytes = DocumentBytes.TrimmedStart(document.Content);
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            root = XDocument.Load(reader).Root!;
        }
        catch (XmlException e)
        {
            Quarantine("/", Form4Reasons.NotXml(e.Message));
            return new ParseResult([], quarantined.ToImmutable());
        }

        if (root.Name.LocalName != "ownershipDocument")
        {
            Quarantine("/", Form4Reasons.WrongRoot(root.Name.LocalName));
            return new ParseResult([], quarantined.ToImmutable());
        }
        if (ReadFiling(document, root, Quarantine) is not { } filing)
            return new ParseResult([], quarantined.ToImmutable());

        var observations = ImmutableArray.CreateBuilder<IObservation>();
        var rows = new Form4TransactionReader(filing, Quarantine);
        foreach (var (table, row, derivative) in new[]
        {
            ("nonDerivativeTable", "nonDerivativeTransaction", false),
            ("derivativeTable", "derivativeTransaction", true),
        })
        {
            var index = 0;
            foreach (var element in root.Child(table)?.Children(row) ?? [])
            {
                index++;
                if (rows.Read(element, $"{Root}/{table}/{row}[{index}]", derivative) is { } transaction)
                    observations.Add(transaction);
            }
        }
        return new ParseResult(observations.ToImmutable(), quarantined.ToImmutable());
    }

    private static Form4Filing? ReadFiling(RawDocument document, XElement root, Action<string, string> quarantine)
    {
        var formType = root.Child("documentType").Text();
        var issuer = root.Child("issuer");
        var issuerCik = issuer?.Child("issuerCik").Text();
        var symbol = Form4Symbols.NormalizeSymbol(issuer?.Child("issuerTradingSymbol").Text());
        var owners = ReportingOwners.Read(root);
        var signed = SignatureDate(root);

        if (formType is null)
            quarantine($"{Root}/documentType", Form4Reasons.Missing);
        if (issuerCik is null)
            quarantine($"{Root}/issuer/issuerCik", Form4Reasons.Missing);
        if (symbol is null)
            quarantine($"{Root}/issuer/issuerTradingSymbol", Form4Reasons.NoTradingSymbol);
        if (owners is null)
            quarantine($"{Root}/reportingOwner/reportingOwnerId/rptOwnerCik", Form4Reasons.NoReportingOwner);
        if (signed is null)
            quarantine($"{Root}/ownerSignature/signatureDate", Form4Reasons.NoSignatureDate);
        if (formType is null || issuerCik is null || symbol is null || owners is null || signed is null)
            return null;

        var documentId = Form4Symbols.AccessionNumber(document.Uri) ?? document.Sha256;
        var tsEvent = new DateTimeOffset(signed.Value.ToDateTime(PublicTime, DateTimeKind.Utc), TimeSpan.Zero);
        return new Form4Filing(
            documentId, formType, issuerCik, issuer?.Child("issuerName").Text() ?? "", symbol, owners, tsEvent,
            OwnershipXml.Footnotes(root));
    }

    /// <summary>The latest owner signature date (a filing is not public before its last signature), else the period of report.</summary>
    private static DateOnly? SignatureDate(XElement root)
    {
        DateOnly? latest = null;
        foreach (var signature in root.Children("ownerSignature"))
        {
            if (signature.Child("signatureDate").Text() is { } text && OwnershipXml.TryParseDate(text, out var date)
                && (latest is null || date > latest))
                latest = date;
        }
        if (latest is null && root.Child("periodOfReport").Text() is { } period && OwnershipXml.TryParseDate(period, out var reported))
            latest = reported;
        return latest;
    }
}
