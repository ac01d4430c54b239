using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Vanta.Vaults.Config;

/// <summary>
/// A conviction tier: a conviction whose magnitude lies in [<paramref name="From"/>, <paramref name="To"/>) gets
/// <paramref name="Weight"/> of equity, signed like the conviction (the last band also includes its upper end).
/// </summary>
public sealed record TierBand(decimal From, decimal To, decimal Weight)
{
    /// <summary>True when <paramref name="magnitude"/> falls in this band.</summary>
    public bool Contains(decimal magnitude, bool isLast) => magnitude >= From && (magnitude < To || (isLast && magnitude == To));
}

/// <summary>
/// Per-vault limits (schema 2). Weights are fractions of the vault's equity; money is in the base currency.
/// </summary>
/// <param name="MaxNetExposure">|sum of weights| may not exceed it.</param>
/// <param name="CashBuffer">Share of equity never invested: gross exposure stays at or below leverage minus this.</param>
/// <param name="MinTradeSize">A risk-increasing move worth less than this (|weight change| x capital) is refused.</param>
/// <param name="LotSize">Quantity granularity for the executor (shares per lot); weights carry no prices.</param>
/// <param name="TurnoverLimit">Sum of |weight changes| one allocation round may make; null is unlimited.</param>
public sealed record VaultCaps(
    decimal MaxNetExposure,
    decimal CashBuffer,
    decimal MinTradeSize,
    decimal LotSize,
    decimal? TurnoverLimit)
{
    /// <summary>
    /// Limit price collar as a fraction of the last price (0 &lt; x &lt; 1): a buy may pay at most
    /// <c>last x (1 + collar)</c>, a sell take at least <c>last x (1 - collar)</c>. Null: intents carry no limit.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? LimitCollar { get; init; }

    /// <summary>Caps that constrain nothing beyond the allocation rules.</summary>
    public static VaultCaps None { get; } = new(1m, 0m, 0m, 1m, null);
}

/// <summary>
/// Guardrails of a loan vault: it sizes only from its own capital, may run gross exposure up to
/// <paramref name="MaxLeverage"/> times it, and goes flat once its drawdown from peak equity reaches
/// <paramref name="DrawdownLimit"/>.
/// </summary>
public sealed record LoanTerms(decimal MaxLeverage, decimal DrawdownLimit);

/// <summary>Compounding rules. Persisted names are frozen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CompoundingMode>))]
public enum CompoundingMode
{
    /// <summary>Realised PnL stays in the vault that made it.</summary>
    [JsonStringEnumMemberName("retain")] Retain = 1,

    /// <summary>A share of each day's realised gains is swept into another (growth) vault.</summary>
    [JsonStringEnumMemberName("sweep_gains")] SweepGains = 2,
}

/// <summary>How a vault's realised PnL compounds.</summary>
/// <param name="Into">Target vault of <see cref="CompoundingMode.SweepGains"/>; never a loan vault.</param>
public sealed record CompoundingRule(CompoundingMode Mode, decimal Share, string? Into);

/// <summary>Conviction transforms a persona may apply. Persisted names are frozen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConvictionTransform>))]
public enum ConvictionTransform
{
    [JsonStringEnumMemberName("identity")] Identity = 1,

    /// <summary>Negates the conviction (contrarian).</summary>
    [JsonStringEnumMemberName("negate")] Negate = 2,

    /// <summary>sign(s) * s^2: weak beliefs shrink most (risk-averse).</summary>
    [JsonStringEnumMemberName("dampen")] Dampen = 3,

    /// <summary>sign(s) * min(1, 1.5|s|) (aggressive).</summary>
    [JsonStringEnumMemberName("amplify")] Amplify = 4,
}

/// <summary>
/// A persona as written in <c>vault.json</c> (user-defined) or built in: how it bends conviction and size.
/// </summary>
/// <param name="SizeMultiplier">Raw weights are multiplied by it (0 &lt; x &lt;= 3).</param>
/// <param name="MaxPosition">Largest |weight| per name (0 &lt; x &lt;= 1).</param>
/// <param name="AllowedTags">Sorted; empty means every tag the vault routes.</param>
public sealed record PersonaDefinition(
    string Name,
    ConvictionTransform Transform,
    decimal SizeMultiplier,
    decimal MaxPosition,
    ImmutableArray<string> AllowedTags);
