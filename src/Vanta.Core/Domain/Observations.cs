using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Vanta.Core.Domain;

/// <summary>A typed, normalised fact about the world parsed from a <see cref="RawDocument"/>.</summary>
public interface IObservation
{
    /// <summary>Upper-case instrument symbol, or empty when the observation names none.</summary>
    string Symbol { get; }

    /// <summary>When it became knowable in the world (UTC). Tapes replay in this order.</summary>
    DateTimeOffset TsEvent { get; }
}

/// <summary>
/// One OHLCV bar. <see cref="TsEvent"/> is the bar's end (when its close is known);
/// prices are adjusted for splits and dividends when <see cref="AdjustmentFactor"/> is not 1.
/// </summary>
public sealed record PriceBar(
    string Symbol,
    DateTimeOffset Start,
    DateTimeOffset TsEvent,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume,
    string Source,
    decimal AdjustmentFactor = 1m) : IObservation;

/// <summary>One row of a Form 3/4/5 table: a reported insider transaction or holding.</summary>
/// <param name="DocumentId">Accession number when known, otherwise the SHA-256 of the document.</param>
/// <param name="Relationship">e.g. <c>director</c>, <c>officer:CEO</c>, <c>ten_percent_owner</c>, comma separated.</param>
/// <param name="TransactionCode">SEC code: P purchase, S sale, M exercise, F tax withholding, A grant...</param>
/// <param name="AcquiredDisposed"><c>A</c> or <c>D</c>.</param>
/// <param name="TsEvent">When the filing became public (the signature date at the close when no filing time is known).</param>
public sealed record InsiderTransaction(
    string DocumentId,
    string FormType,
    string IssuerCik,
    string IssuerName,
    string Symbol,
    string OwnerCik,
    string OwnerName,
    string Relationship,
    bool IsDerivative,
    string SecurityTitle,
    DateOnly TransactionDate,
    string TransactionCode,
    decimal Shares,
    decimal? PricePerShare,
    string AcquiredDisposed,
    decimal? SharesOwnedAfter,
    string DirectOrIndirect,
    DateTimeOffset TsEvent,
    ImmutableArray<string> Footnotes) : IObservation
{
    /// <summary>Signed shares: positive when acquired, negative when disposed.</summary>
    [JsonIgnore]
    public decimal SignedShares => AcquiredDisposed == "D" ? -Shares : Shares;

    /// <summary>An open-market purchase or sale (codes P and S): the transactions that carry information.</summary>
    [JsonIgnore]
    public bool IsOpenMarket => !IsDerivative && TransactionCode is "P" or "S";
}

/// <summary>A post or comment on a social platform.</summary>
public sealed record SocialPost(
    string Id,
    string Platform,
    string Community,
    string Author,
    string Title,
    string Body,
    string Url,
    int Score,
    DateTimeOffset TsEvent,
    ImmutableArray<string> Symbols) : IObservation
{
    /// <summary>The first symbol the post mentions, or empty.</summary>
    [JsonIgnore]
    public string Symbol => Symbols.IsDefaultOrEmpty ? "" : Symbols[0];
}

/// <summary>A news headline or article summary.</summary>
public sealed record NewsItem(
    string Id,
    string Source,
    string Title,
    string Summary,
    string Url,
    DateTimeOffset TsEvent,
    ImmutableArray<string> Symbols) : IObservation
{
    [JsonIgnore]
    public string Symbol => Symbols.IsDefaultOrEmpty ? "" : Symbols[0];
}
