using System.Collections.Immutable;

namespace Vanta.Markets.Collectors.SecForm4;

/// <summary>The filing-level facts every row of one ownership document shares.</summary>
/// <param name="PeriodOfReport">The date holdings are stated as of (Form 3 rows carry it as their date).</param>
internal sealed record Form4Filing(
    string DocumentId,
    string FormType,
    string IssuerCik,
    string IssuerName,
    string Symbol,
    ReportingOwners Owners,
    DateTimeOffset TsEvent,
    ImmutableSortedDictionary<string, string> Footnotes,
    DateOnly PeriodOfReport);
