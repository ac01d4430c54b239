using System.Collections.Immutable;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.SecCommon;

namespace Vanta.Markets.Collectors.SecSubmissions;

/// <summary>
/// Reads an EDGAR submissions document (<c>data.sec.gov/submissions/CIK##########.json</c>) into one
/// <see cref="FilingNotice"/> per filing of <c>filings.recent</c>, whose fields are parallel arrays. The entity's
/// first ticker is the notice's symbol; <c>acceptanceDateTime</c> (UTC) is its event time. A row with a bad
/// or missing value is quarantined by its index and the other rows are kept.
/// </summary>
public sealed class SecSubmissionsParser : IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    public const string SourceKind = "sec-submissions";

    private const int MaxBytes = 64 * 1024 * 1024;

    /// <inheritdoc />
    public string Source => SourceKind;

    /// <inheritdoc />
    public ParseResult Parse(RawDocument document)
    {
        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
        void Quarantine(string path, string reason) => quarantined.Add(
            new QuarantineEntry(SourceKind, $"{document.Uri}#{path}", reason, document.Sha256, document.FetchedAt));

        if (SecXml.Refusal(document.Content, MaxBytes) is { } refused)
        {
            Quarantine("$", refused);
            return new ParseResult([], quarantined.ToImmutable());
        }
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(document.Content, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            Quarantine("$", $"not valid JSON: {e.Message}");
            return new ParseResult([], quarantined.ToImmutable());
        }
        using (json)
        {
            var observations = ImmutableArray.CreateBuilder<IObservation>();
            if (SubmissionsEntity.Read(json.RootElement, Quarantine) is { } entity)
            {
                var columns = new RecentColumns(entity.Recent, Quarantine);
                for (var i = 0; i < columns.Count; i++)
                {
                    if (columns.Notice(i, entity, SourceKind) is { } notice)
                        observations.Add(notice);
                }
            }
            return new ParseResult(observations.ToImmutable(), quarantined.ToImmutable());
        }
    }
}
