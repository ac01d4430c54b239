using System.Collections.Immutable;
using System.Xml.Linq;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.SecCommon;

namespace Vanta.Markets.Collectors.SecForm4;

/// <summary>
/// Reads an SEC ownership document (Forms 3, 4, 5 and their amendments 3/A, 4/A, 5/A, <c>ownershipDocument</c>
/// XML) into one <see cref="InsiderTransaction"/> per non-derivative and derivative transaction row. An
/// amendment keeps its own form type (<c>4/A</c>) and, under the same accession number, dedupes downstream.
/// A Form 3 reports only holdings: each holding row becomes a row with an empty transaction code, zero shares
/// and the amount held in <see cref="InsiderTransaction.SharesOwnedAfter"/>. Holding rows of Forms 4 and 5
/// restate positions, not trades, and are not read.
/// </summary>
/// <remarks>
/// The time a filing became public (EDGAR's acceptance time) is not in the XML. Unless a full-submission
/// header supplies it, <see cref="IObservation.TsEvent"/> is the latest signature date at 22:00 UTC, after
/// the New York close in both winter and summer time: a replay never lets a filing act on the session of the
/// day it was signed. Without a signature date the period of report is used the same way.
/// </remarks>
public sealed class Form4Parser : IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    public const string SourceKind = "sec-form4";

    private const string Root = "/ownershipDocument";

    private static readonly (string Table, string Row, bool Derivative)[] TransactionTables =
    [
        ("nonDerivativeTable", "nonDerivativeTransaction", false),
        ("derivativeTable", "derivativeTransaction", true),
    ];

    private static readonly (string Table, string Row, bool Derivative)[] HoldingTables =
    [
        ("nonDerivativeTable", "nonDerivativeHolding", false),
        ("derivativeTable", "derivativeHolding", true),
    ];

    /// <inheritdoc />
    public string Source => SourceKind;

    /// <inheritdoc />
    public ParseResult Parse(RawDocument document) => Parse(document, document.Content, null);

    /// <summary>Parses <paramref name="xml"/> (the whole document, or one unwrapped from a full submission).</summary>
    internal ParseResult Parse(RawDocument document, ReadOnlyMemory<byte> xml, SecFiling? filing, string locationPrefix = "")
    {
        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
        void Quarantine(string path, string reason) => quarantined.Add(
            new QuarantineEntry(SourceKind, $"{document.Uri}#{locationPrefix}{path}", reason, document.Sha256, document.FetchedAt));

        if (SecXml.Load(xml, SecXml.DefaultMaxBytes, out var error) is not { } root)
        {
            Quarantine("/", error);
            return new ParseResult([], quarantined.ToImmutable());
        }
        if (root.Name.LocalName != "ownershipDocument")
        {
            Quarantine("/", Form4Reasons.WrongRoot(root.Name.LocalName));
            return new ParseResult([], quarantined.ToImmutable());
        }
        if (ReadFiling(document, root, filing, Quarantine) is not { } header)
            return new ParseResult([], quarantined.ToImmutable());

        var observations = ImmutableArray.CreateBuilder<IObservation>();
        var rows = new Form4TransactionReader(header, Quarantine);
        foreach (var (table, row, derivative) in TransactionTables)
        {
            var index = 0;
            foreach (var element in root.Child(table)?.Children(row) ?? [])
            {
                index++;
                if (rows.Read(element, $"{Root}/{table}/{row}[{index}]", derivative) is { } transaction)
                    observations.Add(transaction);
            }
        }
        if (header.FormType.StartsWith('3'))
            ReadHoldings(root, rows, observations);
        return new ParseResult(observations.ToImmutable(), quarantined.ToImmutable());
    }

    private static void ReadHoldings(XElement root, Form4TransactionReader rows, ImmutableArray<IObservation>.Builder observations)
    {
        foreach (var (table, row, derivative) in HoldingTables)
        {
            var index = 0;
            foreach (var element in root.Child(table)?.Children(row) ?? [])
            {
                index++;
                if (rows.ReadHolding(element, $"{Root}/{table}/{row}[{index}]", derivative) is { } holding)
                    observations.Add(holding);
            }
        }
    }

    private static Form4Filing? ReadFiling(RawDocument document, XElement root, SecFiling? filing, Action<string, string> quarantine)
    {
        var formType = root.Child("documentType").Text();
        var issuer = root.Child("issuer");
        var issuerCik = issuer?.Child("issuerCik").Text();
        var symbol = Form4Symbols.NormalizeSymbol(issuer?.Child("issuerTradingSymbol").Text());
        var owners = ReportingOwners.Read(root);
        var signed = SignatureDate(root);
        var period = root.Child("periodOfReport").Text() is { } text && OwnershipXml.TryParseDate(text, out var reported)
            ? reported : (DateOnly?)null;

        if (formType is null)
            quarantine($"{Root}/documentType", Form4Reasons.Missing);
        if (issuerCik is null)
            quarantine($"{Root}/issuer/issuerCik", Form4Reasons.Missing);
        if (symbol is null)
            quarantine($"{Root}/issuer/issuerTradingSymbol", Form4Reasons.NoTradingSymbol);
        if (owners is null)
            quarantine($"{Root}/reportingOwner/reportingOwnerId/rptOwnerCik", Form4Reasons.NoReportingOwner);
        var known = signed ?? period;
        if (known is null && filing?.AcceptedAt is null)
            quarantine($"{Root}/ownerSignature/signatureDate", Form4Reasons.NoSignatureDate);
        if (formType is null || issuerCik is null || symbol is null || owners is null || (known is null && filing?.AcceptedAt is null))
            return null;

        var documentId = filing?.AccessionNumber ?? Form4Symbols.AccessionNumber(document.Uri) ?? document.Sha256;
        var tsEvent = filing?.AcceptedAt ?? SecTime.AfterClose(known!.Value);
        return new Form4Filing(
            documentId, formType, issuerCik, issuer?.Child("issuerName").Text() ?? "", symbol, owners, tsEvent,
            OwnershipXml.Footnotes(root), period ?? DateOnly.FromDateTime(tsEvent.UtcDateTime));
    }

    /// <summary>The latest owner signature date: a filing is not public before its last signature.</summary>
    private static DateOnly? SignatureDate(XElement root)
    {
        DateOnly? latest = null;
        foreach (var signature in root.Children("ownerSignature"))
        {
            if (signature.Child("signatureDate").Text() is { } text && OwnershipXml.TryParseDate(text, out var date)
                && (latest is null || date > latest))
                latest = date;
        }
        return latest;
    }
}
