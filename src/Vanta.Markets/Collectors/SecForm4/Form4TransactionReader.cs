using System.Collections.Immutable;
using System.Xml.Linq;
using Vanta.Core.Domain;

namespace Vanta.Markets.Collectors.SecForm4;

/// <summary>
/// Reads one <c>nonDerivativeTransaction</c> or <c>derivativeTransaction</c> row. A row missing a required
/// element is quarantined with the element's path; optional values (price, shares owned after) may be
/// absent or footnote-only and then read as null.
/// </summary>
internal sealed class Form4TransactionReader(Form4Filing filing, Action<string, string> quarantine)
{
    public InsiderTransaction? Read(XElement row, string path, bool isDerivative)
    {
        var amounts = row.Child("transactionAmounts");
        var title = Required(row.Child("securityTitle").ValueText(), path, "securityTitle/value");
        var dateText = Required(row.Child("transactionDate").ValueText(), path, "transactionDate/value");
        var code = Required(row.Child("transactionCoding")?.Child("transactionCode").Text(), path, "transactionCoding/transactionCode");
        var sharesText = Required(amounts?.Child("transactionShares").ValueText(), path, "transactionAmounts/transactionShares/value");
        var adText = Required(amounts?.Child("transactionAcquiredDisposedCode").ValueText(), path, "transactionAmounts/transactionAcquiredDisposedCode/value");
        var directText = Required(
            row.Child("ownershipNature")?.Child("directOrIndirectOwnership").ValueText(), path, "ownershipNature/directOrIndirectOwnership/value");
        if (title is null || dateText is null || code is null || sharesText is null || adText is null || directText is null)
            return null;

        if (!OwnershipXml.TryParseDate(dateText, out var date))
            return Reject(path, "transactionDate/value", Form4Reasons.BadDate(dateText));
        if (!OwnershipXml.TryParseNumber(sharesText, out var shares))
            return Reject(path, "transactionAmounts/transactionShares/value", Form4Reasons.BadNumber(sharesText));
        if (shares < 0m)
            return Reject(path, "transactionAmounts/transactionShares/value", Form4Reasons.NegativeShares(sharesText));
        if (adText is not ("A" or "D"))
            return Reject(path, "transactionAmounts/transactionAcquiredDisposedCode/value", Form4Reasons.BadAcquiredDisposed(adText));

        var priceText = amounts?.Child("transactionPricePerShare").ValueText();
        decimal? price = null;
        if (priceText is not null)
        {
            if (!OwnershipXml.TryParseNumber(priceText, out var parsed))
                return Reject(path, "transactionAmounts/transactionPricePerShare/value", Form4Reasons.BadNumber(priceText));
            price = parsed;
        }

        var afterText = row.Child("postTransactionAmounts")?.Child("sharesOwnedFollowingTransaction").ValueText();
        decimal? after = null;
        if (afterText is not null)
        {
            if (!OwnershipXml.TryParseNumber(afterText, out var parsed))
                return Reject(path, "postTransactionAmounts/sharesOwnedFollowingTransaction/value", Form4Reasons.BadNumber(afterText));
            after = parsed;
        }

        var owners = filing.Owners;
        return new InsiderTransaction(
            filing.DocumentId, filing.FormType, filing.IssuerCik, filing.IssuerName, filing.Symbol,
            owners.Cik, owners.Name, owners.Relationship, isDerivative, title, date, code, shares, price, adText,
            after, directText, filing.TsEvent, Footnotes(row, path));
    }

    /// <summary>
    /// A Form 3 holding row: no transaction, so an empty code and zero shares; the amount held (for a derivative,
    /// the underlying shares) is <see cref="InsiderTransaction.SharesOwnedAfter"/>, dated at the period of report.
    /// </summary>
    public InsiderTransaction? ReadHolding(XElement row, string path, bool isDerivative)
    {
        var title = Required(row.Child("securityTitle").ValueText(), path, "securityTitle/value");
        var directText = Required(
            row.Child("ownershipNature")?.Child("directOrIndirectOwnership").ValueText(), path, "ownershipNature/directOrIndirectOwnership/value");
        var (element, amountText) = isDerivative
            ? ("underlyingSecurity/underlyingSecurityShares/value", row.Child("underlyingSecurity")?.Child("underlyingSecurityShares").ValueText())
            : ("postTransactionAmounts/sharesOwnedFollowingTransaction/value",
                row.Child("postTransactionAmounts")?.Child("sharesOwnedFollowingTransaction").ValueText());
        amountText = Required(amountText, path, element);
        if (title is null || directText is null || amountText is null)
            return null;
        if (!OwnershipXml.TryParseNumber(amountText, out var amount))
            return Reject(path, element, Form4Reasons.BadNumber(amountText));

        var owners = filing.Owners;
        return new InsiderTransaction(
            filing.DocumentId, filing.FormType, filing.IssuerCik, filing.IssuerName, filing.Symbol,
            owners.Cik, owners.Name, owners.Relationship, isDerivative, title, filing.PeriodOfReport, "", 0m, null, "",
            amount, directText, filing.TsEvent, Footnotes(row, path));
    }

    /// <summary>Footnotes as <c>id: text</c>; a dangling reference is kept by id and reported.</summary>
    private ImmutableArray<string> Footnotes(XElement row, string path)
    {
        var ids = OwnershipXml.FootnoteIds(row);
        var notes = ImmutableArray.CreateBuilder<string>(ids.Length);
        foreach (var id in ids)
        {
            if (filing.Footnotes.TryGetValue(id, out var text))
            {
                notes.Add($"{id}: {text}");
            }
            else
            {
                notes.Add(id);
                quarantine($"{path}/footnoteId[@id='{id}']", Form4Reasons.UndefinedFootnote(id));
            }
        }
        return notes.MoveToImmutable();
    }

    private string? Required(string? value, string path, string element)
    {
        if (value is null)
            quarantine($"{path}/{element}", Form4Reasons.Missing);
        return value;
    }

    private InsiderTransaction? Reject(string path, string element, string reason)
    {
        quarantine($"{path}/{element}", reason);
        return null;
    }
}
