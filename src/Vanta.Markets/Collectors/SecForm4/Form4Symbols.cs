using System.Text.RegularExpressions;

namespace Vanta.Markets.Collectors.SecForm4;

/// <summary>
/// Symbol and identity mapping for ownership filings: the issuer's trading symbol as Vanta spells it,
/// and the SEC accession number that identifies a filing (the dedupe key across sources).
/// </summary>
public static partial class Form4Symbols
{
    /// <summary>
    /// Upper-case, trimmed trading symbol, or null when the filing names none. Filers write
    /// <c>NONE</c> or <c>N/A</c> for issuers without a listed class.
    /// </summary>
    public static string? NormalizeSymbol(string? text)
    {
        var symbol = text?.Trim().ToUpperInvariant() ?? "";
        return symbol is "" or "NONE" or "N/A" or "NA" ? null : symbol;
    }

    /// <summary>
    /// The accession number (<c>0000320193-22-000061</c>) when <paramref name="uri"/> holds one, in either
    /// its dashed form or the 18-digit folder form of EDGAR archive paths; otherwise null.
    /// </summary>
    public static string? AccessionNumber(string uri)
    {
        var dashed = DashedAccession().Match(uri);
        if (dashed.Success)
            return dashed.Value;
        var folder = FolderAccession().Match(uri);
        if (!folder.Success)
            return null;
        var digits = folder.Groups[1].Value;
        return $"{digits[..10]}-{digits[10..12]}-{digits[12..]}";
    }

    [GeneratedRegex(@"(?<!\d)\d{10}-\d{2}-\d{6}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DashedAccession();

    [GeneratedRegex(@"/(\d{18})(?:/|$)", RegexOptions.CultureInvariant)]
    private static partial Regex FolderAccession();
}
