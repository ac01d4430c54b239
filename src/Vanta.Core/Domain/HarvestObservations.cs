using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Vanta.Core.Domain;

/// <summary>
/// A filing announced by SEC EDGAR (current-filings Atom feed or submissions JSON): the pointer to a
/// document, not its content. <see cref="TsEvent"/> is the acceptance time when known, else the filing date.
/// </summary>
/// <param name="AccessionNumber">e.g. <c>0000320193-19-000087</c>: the dedupe key for filings.</param>
/// <param name="FormType">e.g. <c>4</c>, <c>4/A</c>, <c>13F-HR</c>, <c>10-K</c>.</param>
/// <param name="Cik">Ten-digit zero-padded CIK of the entity the entry is about.</param>
/// <param name="Role">For Atom entries: <c>issuer</c>, <c>reporting</c> or <c>filer</c>; empty when not given.</param>
/// <param name="Symbol">Upper-case ticker when the source or entity resolution names one, else empty.</param>
public sealed record FilingNotice(
    string AccessionNumber,
    string FormType,
    string Cik,
    string EntityName,
    string Role,
    string Symbol,
    DateOnly FilingDate,
    DateTimeOffset TsEvent,
    string Url,
    string PrimaryDocument,
    string Source) : IObservation;

/// <summary>One row of a 13F information table: a manager's holding at the end of a quarter.</summary>
/// <param name="Value">Market value in US dollars as reported (filings before 2023 reported thousands: see <paramref name="ValueMultiplier"/>).</param>
/// <param name="ValueMultiplier">1 when <paramref name="Value"/> is in dollars, 1000 when the filing reported thousands.</param>
/// <param name="SharesType"><c>SH</c> shares or <c>PRN</c> principal amount.</param>
/// <param name="PutCall"><c>Put</c>, <c>Call</c> or empty.</param>
public sealed record InstitutionalHolding(
    string DocumentId,
    string FilerCik,
    string FilerName,
    DateOnly? PeriodOfReport,
    string NameOfIssuer,
    string TitleOfClass,
    string Cusip,
    string Symbol,
    decimal Value,
    decimal ValueMultiplier,
    decimal SharesOrPrincipal,
    string SharesType,
    string PutCall,
    string InvestmentDiscretion,
    decimal VotingSole,
    decimal VotingShared,
    decimal VotingNone,
    DateTimeOffset TsEvent) : IObservation;

/// <summary>One value of a macro series (FRED). A missing value (<c>"."</c> on the wire) is null, not zero.</summary>
public sealed record MacroObservation(
    string SeriesId,
    DateOnly Date,
    decimal? Value,
    DateOnly RealtimeStart,
    DateOnly RealtimeEnd,
    DateTimeOffset TsEvent,
    string Source) : IObservation
{
    [JsonIgnore]
    public string Symbol => "";
}

/// <summary>A spot price snapshot (e.g. CoinGecko simple price), not a bar.</summary>
public sealed record PriceQuote(
    string Symbol,
    string Currency,
    decimal Price,
    decimal? MarketCap,
    decimal? Volume24h,
    decimal? Change24hPercent,
    DateTimeOffset TsEvent,
    string Source) : IObservation;

/// <summary>
/// Near-duplicate texts from many distinct authors in a short window: a likely bot swarm. Its posts are
/// flagged and down-weighted by <see cref="Weight"/> in everything that counts attention.
/// </summary>
public sealed record SwarmReport(
    string SwarmId,
    string Platform,
    string Fingerprint,
    ImmutableArray<string> PostIds,
    ImmutableArray<string> Authors,
    ImmutableArray<string> Symbols,
    DateTimeOffset WindowStart,
    DateTimeOffset TsEvent,
    decimal Weight);
