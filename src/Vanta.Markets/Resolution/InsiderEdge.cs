using System.Collections.Immutable;

namespace Vanta.Markets.Resolution;

/// <summary>
/// One insider-to-issuer link seen in Form 3/4/5 filings: who is an insider where, and as what.
/// </summary>
/// <param name="OwnerCik">Ten-digit CIK of the reporting owner (or the owner's name when the filing gave no CIK).</param>
/// <param name="IssuerCik">Ten-digit CIK of the issuer.</param>
/// <param name="Symbol">The issuer's ticker as filed, upper case; empty when the filing gave none.</param>
/// <param name="Relationships">Relationship tokens seen, sorted: <c>director</c>, <c>officer:CEO</c>, <c>ten_percent_owner</c>...</param>
/// <param name="FirstTransaction">Earliest transaction date seen on this link.</param>
/// <param name="LastTransaction">Latest transaction date seen on this link.</param>
/// <param name="Transactions">How many table rows (transactions or holdings) were seen on this link.</param>
public sealed record InsiderEdge(
    string OwnerCik,
    string OwnerName,
    string IssuerCik,
    string IssuerName,
    string Symbol,
    ImmutableArray<string> Relationships,
    DateOnly FirstTransaction,
    DateOnly LastTransaction,
    int Transactions);
