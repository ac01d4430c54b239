using System.Collections.Immutable;

namespace Vanta.Markets.Resolution;

/// <summary>
/// One listed instrument in the <see cref="SymbolDirectory"/>: its ticker, the SEC CIK of its issuer when it
/// could be verified from public data (else empty), the names it is registered under, and the names text uses.
/// </summary>
/// <param name="Symbol">Upper-case ticker; share classes use a dot (<c>BRK.B</c>).</param>
/// <param name="Cik">Ten-digit zero-padded CIK, or empty when not verified.</param>
/// <param name="Names">Registered names as the sources spell them (e.g. <c>Apple Inc.</c>, <c>APPLE INC</c>).</param>
/// <param name="Aliases">Names matched in free text, case-insensitively, as whole words (e.g. <c>Apple</c>).</param>
/// <param name="ExactAliases">Names matched in free text only with this exact case, for names that are also common words (<c>Intel</c>, <c>Visa</c>).</param>
/// <param name="Sources">Where the entry comes from, e.g. <c>sec-submissions</c>, <c>sec-ownership</c>, <c>lean</c>.</param>
public sealed record SymbolEntry(
    string Symbol,
    string Cik,
    ImmutableArray<string> Names,
    ImmutableArray<string> Aliases,
    ImmutableArray<string> ExactAliases,
    ImmutableArray<string> Sources)
{
    /// <summary>The first registered name, or the symbol when the entry has none.</summary>
    public string DisplayName => Names.IsDefaultOrEmpty ? Symbol : Names[0];

    /// <summary>
    /// A CIK in canonical form: digits only, zero-padded to ten; empty when <paramref name="cik"/> holds no digit
    /// or more than ten.
    /// </summary>
    public static string NormalizeCik(string? cik)
    {
        var trimmed = (cik ?? "").Trim();
        if (trimmed.Length is 0 or > 10)
            return "";
        foreach (var c in trimmed)
        {
            if (c is < '0' or > '9')
                return "";
        }
        return trimmed.PadLeft(10, '0');
    }
}
