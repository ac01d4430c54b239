using System.Globalization;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors.SecCommon;

namespace Vanta.Markets.Collectors.SecSubmissions;

/// <summary>
/// The parallel arrays of <c>filings.recent</c>. The row count is the length of <c>accessionNumber</c>;
/// a required column that is shorter, or a value of the wrong shape, quarantines that row only.
/// </summary>
internal sealed class RecentColumns
{
    private const string Path = "$.filings.recent";
    private readonly JsonElement _recent;
    private readonly Action<string, string> _quarantine;

    public RecentColumns(JsonElement recent, Action<string, string> quarantine)
    {
        _recent = recent;
        _quarantine = quarantine;
        if (Column("accessionNumber") is { } accessions)
            Count = accessions.GetArrayLength();
        else
            quarantine($"{Path}.accessionNumber", "required array is missing");
    }

    public int Count { get; }

    public FilingNotice? Notice(int i, SubmissionsEntity entity, string source)
    {
        var accession = Required("accessionNumber", i);
        var form = Required("form", i);
        var filed = Required("filingDate", i);
        if (accession is null || form is null || filed is null)
            return null;
        if (!DateOnly.TryParseExact(filed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var filingDate))
            return Reject($"{Path}.filingDate[{i}]", $"'{filed}' is not a yyyy-mm-dd date");

        var accepted = SecTime.AfterClose(filingDate);
        if (Optional("acceptanceDateTime", i) is { } acceptedText && !SecTime.TryParseIso(acceptedText, out accepted))
            return Reject($"{Path}.acceptanceDateTime[{i}]", $"'{acceptedText}' is not an ISO 8601 time");

        var primary = Optional("primaryDocument", i) ?? "";
        var folder = $"https://www.sec.gov/Archives/edgar/data/{entity.CikDigits}/{accession.Replace("-", "", StringComparison.Ordinal)}";
        var url = primary.Length > 0 ? $"{folder}/{primary}" : $"{folder}/{accession}-index.htm";
        return new FilingNotice(accession, form, entity.Cik, entity.Name, "", entity.Symbol, filingDate, accepted, url, primary, source);
    }

    private JsonElement? Column(string name) =>
        _recent.TryGetProperty(name, out var column) && column.ValueKind == JsonValueKind.Array ? column : null;

    private string? Optional(string name, int i)
    {
        if (Column(name) is not { } column || i >= column.GetArrayLength() || column[i].ValueKind != JsonValueKind.String)
            return null;
        var text = column[i].GetString()!.Trim();
        return text.Length == 0 ? null : text;
    }

    private string? Required(string name, int i)
    {
        var value = Optional(name, i);
        if (value is null)
            _quarantine($"{Path}.{name}[{i}]", "required value is missing, empty or not a string");
        return value;
    }

    private FilingNotice? Reject(string path, string reason)
    {
        _quarantine(path, reason);
        return null;
    }
}
