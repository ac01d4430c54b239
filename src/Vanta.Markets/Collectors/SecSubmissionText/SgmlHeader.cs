using Vanta.Markets.Collectors.SecCommon;
using Vanta.Markets.Collectors.SecForm4;

namespace Vanta.Markets.Collectors.SecSubmissionText;

/// <summary>
/// The <c>&lt;SEC-HEADER&gt;</c> of an EDGAR full submission: <c>KEY:\tvalue</c> lines (indented or not),
/// the acceptance stamp on its own tag, and the CIK and name of each party section (ISSUER, REPORTING-OWNER,
/// FILER, SUBJECT COMPANY, FILED BY).
/// </summary>
internal sealed record SgmlHeader(
    string AccessionNumber,
    string SubmissionType,
    DateOnly? FiledOn,
    DateTimeOffset? AcceptedAt,
    IReadOnlyList<(string Role, string Cik, string Name)> Parties)
{
    public SecFiling Filing => new(AccessionNumber, AcceptedAt, FiledOn);

    /// <summary>Reads the header text; null with a reason when a required field is missing or malformed.</summary>
    public static SgmlHeader? Read(string header, out string reason)
    {
        string? accession = null, type = null, filed = null, accepted = null, role = null;
        var parties = new List<(string Role, string Cik, string Name)>();
        var name = "";
        foreach (var raw in header.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("<ACCEPTANCE-DATETIME>", StringComparison.Ordinal))
            {
                accepted = line["<ACCEPTANCE-DATETIME>".Length..].Trim();
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
                continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "ACCESSION NUMBER": accession = value; break;
                case "CONFORMED SUBMISSION TYPE": type = value; break;
                case "FILED AS OF DATE": filed = value; break;
                case "COMPANY CONFORMED NAME": name = value; break;
                case "CENTRAL INDEX KEY" when role is not null: parties.Add((role, value.PadLeft(10, '0'), name)); break;
                case "ISSUER" or "REPORTING-OWNER" or "FILER" or "SUBJECT COMPANY" or "FILED BY" when value.Length == 0:
                    role = key.ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
                    break;
                default: break;
            }
        }

        reason = "";
        if (accession is null || Form4Symbols.AccessionNumber(accession) != accession)
            reason = $"SEC-HEADER has no valid ACCESSION NUMBER (was '{accession}')";
        else if (type is null)
            reason = "SEC-HEADER has no CONFORMED SUBMISSION TYPE";
        if (reason.Length > 0)
            return null;

        DateOnly? filedOn = filed is not null && SecTime.TryParseDate(filed, out var f) ? f : null;
        DateTimeOffset? acceptedAt = accepted is not null && SecTime.TryParseHeaderStamp(accepted, out var a) ? a : null;
        return new SgmlHeader(accession!, type!, filedOn, acceptedAt, parties);
    }
}
