using System.Text.RegularExpressions;
using System.Xml.Linq;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors.SecCommon;
using Vanta.Markets.Collectors.SecForm4;

namespace Vanta.Markets.Collectors.SecAtom;

/// <summary>
/// One Atom <c>entry</c>: title <c>"{form} - {name} ({CIK}) ({role})"</c>, the accession number in the
/// <c>id</c> (else the link), the form type in <c>category/@term</c>, the filing date in the summary's
/// <c>Filed:</c> and the acceptance time in <c>updated</c> (New York time with its offset).
/// </summary>
internal static partial class AtomEntryReader
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static FilingNotice? Read(XElement entry, string source, out string reason)
    {
        var title = entry.Element(Atom + "title")?.Value.Trim() ?? "";
        var match = TitlePattern().Match(title);
        if (!match.Success)
            return Fail($"title '{title}' is not '{{form}} - {{name}} ({{CIK}}) ({{role}})'", out reason);

        var link = entry.Element(Atom + "link")?.Attribute("href")?.Value.Trim() ?? "";
        var id = entry.Element(Atom + "id")?.Value ?? "";
        var accession = Form4Symbols.AccessionNumber(id) ?? Form4Symbols.AccessionNumber(link);
        if (accession is null)
            return Fail($"neither id '{id}' nor link '{link}' holds an accession number", out reason);

        var updatedText = entry.Element(Atom + "updated")?.Value.Trim() ?? "";
        if (!SecTime.TryParseIso(updatedText, out var updated))
            return Fail($"updated '{updatedText}' is not an ISO 8601 time", out reason);

        var summary = entry.Element(Atom + "summary")?.Value ?? "";
        var filed = FiledPattern().Match(summary);
        if (!filed.Success || !SecTime.TryParseDate(filed.Groups[1].Value, out var filingDate))
            return Fail("summary has no 'Filed: yyyy-mm-dd' date", out reason);

        var term = entry.Element(Atom + "category")?.Attribute("term")?.Value.Trim();
        var formType = string.IsNullOrEmpty(term) ? match.Groups["form"].Value.Trim() : term;
        reason = "";
        return new FilingNotice(
            accession, formType, match.Groups["cik"].Value, match.Groups["name"].Value.Trim(), Role(match.Groups["role"].Value),
            "", filingDate, updated, link, "", source);
    }

    /// <summary><c>Issuer</c> -> <c>issuer</c>, <c>Filed by</c> -> <c>filed_by</c>.</summary>
    private static string Role(string text) => text.Trim().ToLowerInvariant().Replace(' ', '_');

    private static FilingNotice? Fail(string why, out string reason)
    {
        reason = why;
        return null;
    }

    [GeneratedRegex(@"^(?<form>.+?) - (?<name>.*) \((?<cik>\d{10})\) \((?<role>[^()]+)\)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"Filed:</b>\s*(\d{4}-\d{2}-\d{2})", RegexOptions.CultureInvariant)]
    private static partial Regex FiledPattern();
}
