using System.Collections.Immutable;
using System.Xml;
using System.Xml.Linq;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.SecCommon;
using Vanta.Markets.Collectors.SecForm4;

namespace Vanta.Markets.Collectors.Sec13F;

/// <summary>
/// Reads 13F documents. An information table (<c>informationTable</c>, default or <c>ns1:</c>-prefixed
/// namespace) gives one <see cref="InstitutionalHolding"/> per <c>infoTable</c> row, streamed row by row so a
/// large manager's table stays within bounded memory. A 13F-HR primary document (<c>edgarSubmission</c>) alone
/// gives a <see cref="FilingNotice"/> for the filer. Read from a full submission, the rows carry the filer,
/// period and acceptance time of the primary document and SGML header.
/// </summary>
/// <remarks>
/// A bare information table names no filer, period or filing date: its rows have an empty filer, a null
/// period, values as reported (multiplier 1) and, as event time, when the document was fetched.
/// </remarks>
public sealed class Sec13FParser : IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    public const string SourceKind = "sec-13f";

    /// <summary>The namespace of the information table schema.</summary>
    public const string InformationTableNamespace = "http://www.sec.gov/edgar/document/thirteenf/informationtable";

    private const int MaxBytes = 256 * 1024 * 1024;

    /// <inheritdoc />
    public string Source => SourceKind;

    /// <inheritdoc />
    public ParseResult Parse(RawDocument document)
    {
        var sink = new QuarantineSink(document, "");
        var observations = ImmutableArray.CreateBuilder<IObservation>();
        if (SecXml.Refusal(document.Content, MaxBytes) is { } refused)
        {
            sink.Add("/", refused);
            return new ParseResult([], sink.Entries);
        }
        if (RootName(document.Content, out var error) is not { } root)
            sink.Add("/", error);
        else if (root == "edgarSubmission")
            ReadPrimaryDocument(document, sink, observations);
        else
            ReadTable(document, document.Content, null, ThirteenFCover.Unknown, sink, observations);
        return new ParseResult(observations.ToImmutable(), sink.Entries);
    }

    /// <summary>Rows of an information table unwrapped from a full submission, with its filing and cover.</summary>
    internal static void ReadTable(
        RawDocument document, ReadOnlyMemory<byte> xml, SecFiling? filing, ThirteenFCover cover,
        QuarantineSink sink, ImmutableArray<IObservation>.Builder observations)
    {
        var documentId = filing?.AccessionNumber ?? Form4Symbols.AccessionNumber(document.Uri) ?? document.Sha256;
        var tsEvent = filing?.AcceptedAt ?? (cover.SignedOn is { } signed ? SecTime.AfterClose(signed) : document.FetchedAt);
        var rows = new InfoTableRowReader(documentId, cover, cover.ValueMultiplier(filing?.FiledOn), tsEvent, sink.Add);
        try
        {
            using var reader = SecXml.CreateReader(xml, MaxBytes);
            reader.MoveToContent();
            if (reader.LocalName != "informationTable" || reader.NamespaceURI != InformationTableNamespace)
            {
                sink.Add("/", $"root element is '{{{reader.NamespaceURI}}}{reader.LocalName}', not '{{{InformationTableNamespace}}}informationTable'");
                return;
            }
            var index = 0;
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "infoTable")
                {
                    index++;
                    var row = (XElement)XNode.ReadFrom(reader);
                    if (rows.Read(row, $"/informationTable/infoTable[{index}]") is { } holding)
                        observations.Add(holding);
                }
                else
                {
                    reader.Read();
                }
            }
        }
        catch (XmlException e)
        {
            // Rows read before the fault are kept; the rest of the document cannot be read.
            sink.Add($"/line {e.LineNumber}", $"not well-formed XML: {e.Message}");
        }
    }

    /// <summary>The cover of a 13F-HR primary document, or null with the reason in <paramref name="sink"/>.</summary>
    internal static ThirteenFCover? ReadCover(ReadOnlyMemory<byte> xml, QuarantineSink sink)
    {
        if (SecXml.Load(xml, MaxBytes, out var error) is not { } root)
        {
            sink.Add("/", error);
            return null;
        }
        if (root.Name.LocalName != "edgarSubmission")
        {
            sink.Add("/", $"root element is '{root.Name.LocalName}', not 'edgarSubmission'");
            return null;
        }
        return ThirteenFCover.Read(root);
    }

    private static void ReadPrimaryDocument(RawDocument document, QuarantineSink sink, ImmutableArray<IObservation>.Builder observations)
    {
        if (ReadCover(document.Content, sink) is not { } cover)
            return;
        if (cover.FilerCik.Length == 0 || cover.SignedOn is null)
        {
            sink.Add("/edgarSubmission", "primary document has no filer CIK or signature date");
            return;
        }
        var accession = Form4Symbols.AccessionNumber(document.Uri) ?? document.Sha256;
        observations.Add(new FilingNotice(
            accession, cover.SubmissionType, cover.FilerCik, cover.FilerName, "filer", "", cover.SignedOn.Value,
            SecTime.AfterClose(cover.SignedOn.Value), document.Uri, Path.GetFileName(document.Uri), SourceKind));
    }

    private static string? RootName(ReadOnlyMemory<byte> xml, out string error)
    {
        error = "";
        try
        {
            using var reader = SecXml.CreateReader(xml, MaxBytes);
            reader.MoveToContent();
            return reader.LocalName;
        }
        catch (XmlException e)
        {
            error = $"not well-formed XML: {e.Message}";
            return null;
        }
    }
}
