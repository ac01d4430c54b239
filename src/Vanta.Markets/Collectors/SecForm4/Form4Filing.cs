using System.Collections.Immutable;

namespace Vanta.Markets.Collectors.SecForm4;

/// <summary>The filing-level facts every transaction row of one ownership document shares.</summary>
internal sealed record Form4Filing(
    string DocumentId,
    string FormType,
    string IssuerCik,
    string IssuerName,
    string Symbol,
    ReportingOwners Owners,
    DateTimeOffset TsEvent,
    ImmutableSortedDictionary<string, string> Footnotes);
