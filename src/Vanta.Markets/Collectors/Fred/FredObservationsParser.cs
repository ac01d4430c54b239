using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.Csv;

namespace Vanta.Markets.Collectors.Fred;

/// <summary>
/// Reads a FRED <c>/series/observations</c> JSON answer into <see cref="MacroObservation"/>s. The series id
/// comes from the document URI (<c>series_id=</c> query, else the file name, e.g. <c>DGS10.json</c>). A value
/// of <c>"."</c> is missing: the observation is kept with a null value. <see cref="MacroObservation.TsEvent"/>
/// is the start of the observation's real-time period (00:00 UTC), when FRED says the value was in force, so a
/// replay never sees a value before it was published. A FRED error body is quarantined with its message.
/// </summary>
public sealed class FredObservationsParser : IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    public const string SourceKind = "fred";

    public string Source => SourceKind;

    public ParseResult Parse(RawDocument document)
    {
        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
        void Quarantine(string location, string reason) =>
            quarantined.Add(new QuarantineEntry(SourceKind, location, reason, document.Sha256, document.FetchedAt));

        var seriesId = SeriesId(document.Uri);
        if (seriesId is null)
        {
            Quarantine(document.Uri, "no series id: the URI has neither a series_id= query nor a file name");
            return new ParseResult([], quarantined.ToImmutable());
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(DocumentBytes.WithoutBom(document.Content));
        }
        catch (JsonException e)
        {
            Quarantine(document.Uri, $"not valid JSON: {e.Message}");
            return new ParseResult([], quarantined.ToImmutable());
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error_message", out var message))
            {
                Quarantine(document.Uri, $"FRED error {Raw(root, "error_code")}: {message}");
                return new ParseResult([], quarantined.ToImmutable());
            }
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("observations", out var rows) || rows.ValueKind != JsonValueKind.Array)
            {
                Quarantine(document.Uri, "not FRED observations: expected {\"observations\":[...]}");
                return new ParseResult([], quarantined.ToImmutable());
            }

            var observations = ImmutableArray.CreateBuilder<IObservation>();
            var index = 0;
            foreach (var row in rows.EnumerateArray())
            {
                MacroObservation? observation = null;
                string? reason;
                try
                {
                    reason = TryRead(row, seriesId, out observation);
                }
                catch (InvalidOperationException)
                {
                    reason = "a string is not valid UTF-8";
                }
                if (observation is not null)
                    observations.Add(observation);
                else
                    Quarantine(string.Create(CultureInfo.InvariantCulture, $"{document.Uri}#observations[{index}]"), reason!);
                index++;
            }
            return new ParseResult(observations.ToImmutable(), quarantined.ToImmutable());
        }
    }

    private static string? TryRead(JsonElement row, string seriesId, out MacroObservation? observation)
    {
        observation = null;
        if (row.ValueKind != JsonValueKind.Object)
            return "observation is not an object";
        if (Date(row, "date") is not { } date)
            return "'date' is missing or not YYYY-MM-DD";
        if (Date(row, "realtime_start") is not { } start)
            return "'realtime_start' is missing or not YYYY-MM-DD";
        if (Date(row, "realtime_end") is not { } end)
            return "'realtime_end' is missing or not YYYY-MM-DD";
        if (!row.TryGetProperty("value", out var valueElement) || valueElement.ValueKind != JsonValueKind.String)
            return "'value' is missing or not a string";
        decimal? value = null;
        var text = valueElement.GetString()!;
        if (text != ".")
        {
            if (!PriceFields.TryDecimal(text, out var number))
                return $"value '{text}' is neither a number nor \".\" (missing)";
            value = number;
        }
        observation = new MacroObservation(
            seriesId, date, value, start, end, new DateTimeOffset(start, TimeOnly.MinValue, TimeSpan.Zero), SourceKind);
        return null;
    }

    private static DateOnly? Date(JsonElement row, string name) =>
        row.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String
        && DateOnly.TryParseExact(e.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : null;

    private static string Raw(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) ? e.GetRawText() : "?";

    /// <summary>The upper-case series id from <c>series_id=</c>, else the file name without extension.</summary>
    internal static string? SeriesId(string uri)
    {
        if (DocumentUri.Query(uri, "series_id") is { } series)
            return series.ToUpperInvariant();
        var query = uri.IndexOf('?', StringComparison.Ordinal);
        var path = query >= 0 ? uri[..query] : uri;
        var name = Path.GetFileNameWithoutExtension(path.Replace('\\', '/').Split('/')[^1]);
        return name.Length == 0 || name == "observations" ? null : name.ToUpperInvariant();
    }
}
