using System.Globalization;
using System.Xml.Linq;
using Vanta.Core.Domain;

namespace Vanta.Markets.Collectors.Sec13F;

/// <summary>
/// One <c>infoTable</c> row of a 13F information table. A missing or malformed required value quarantines
/// the row with the element's path; the other rows are kept.
/// </summary>
internal sealed class InfoTableRowReader(
    string documentId, ThirteenFCover cover, decimal multiplier, DateTimeOffset tsEvent, Action<string, string> quarantine)
{
    public InstitutionalHolding? Read(XElement row, string path)
    {
        var name = Text(row, path, "nameOfIssuer");
        var title = Text(row, path, "titleOfClass");
        var cusip = Text(row, path, "cusip");
        var amounts = row.Local("shrsOrPrnAmt");
        var voting = row.Local("votingAuthority");
        var value = Number(row, path, "value");
        var shares = amounts is null ? Missing<decimal?>(path, "shrsOrPrnAmt") : Number(amounts, $"{path}/shrsOrPrnAmt", "sshPrnamt");
        var type = amounts is null ? null : Text(amounts, $"{path}/shrsOrPrnAmt", "sshPrnamtType");
        var discretion = Text(row, path, "investmentDiscretion");
        var sole = voting is null ? Missing<decimal?>(path, "votingAuthority") : Number(voting, $"{path}/votingAuthority", "Sole");
        var shared = voting is null ? null : Number(voting, $"{path}/votingAuthority", "Shared");
        var none = voting is null ? null : Number(voting, $"{path}/votingAuthority", "None");
        if (name is null || title is null || cusip is null || value is null || shares is null || type is null
            || discretion is null || sole is null || shared is null || none is null)
            return null;
        if (type is not ("SH" or "PRN"))
            return Missing<InstitutionalHolding>($"{path}/shrsOrPrnAmt", "sshPrnamtType", $"'{type}' is neither SH nor PRN");
        var putCall = row.Local("putCall")?.Value.Trim() ?? "";
        if (putCall is not ("" or "Put" or "Call"))
            return Missing<InstitutionalHolding>(path, "putCall", $"'{putCall}' is neither Put nor Call");

        return new InstitutionalHolding(
            documentId, cover.FilerCik, cover.FilerName, cover.Period, name, title, cusip.ToUpperInvariant(), "",
            value.Value, multiplier, shares.Value, type, putCall, discretion, sole.Value, shared.Value, none.Value, tsEvent);
    }

    private string? Text(XElement parent, string path, string name)
    {
        var text = parent.Local(name)?.Value.Trim();
        return string.IsNullOrEmpty(text) ? Missing<string>(path, name) : text;
    }

    private decimal? Number(XElement parent, string path, string name)
    {
        if (Text(parent, path, name) is not { } text)
            return null;
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) && number >= 0m)
            return number;
        return Missing<decimal?>(path, name, $"'{text}' is not a non-negative number");
    }

    private T? Missing<T>(string path, string name, string reason = "required element is missing or empty")
    {
        quarantine($"{path}/{name}", reason);
        return default;
    }
}
