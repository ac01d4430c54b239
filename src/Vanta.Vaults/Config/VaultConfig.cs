using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Vanta.Core.Ids;

namespace Vanta.Vaults.Config;

/// <summary>
/// The typed content of <c>vault.json</c>. Schema (snake_case; every field required unless a default is given):
/// <code>
/// {
///   "schema_version": 1,                      // only 1 is understood
///   "base_currency": "USD",                   // three upper-case letters
///   "vaults": [                               // at least one; ids unique
///     {
///       "id": "core",                         // lower-case letters, digits, '-' or '_'
///       "capital": 100000,                    // starting capital in base_currency, &gt; 0
///       "persona": "balanced",                // optional, default "balanced"
///       "routing_tags": ["equity"],           // convictions carrying any of these tags reach this vault
///       "allocation": {
///         "mode": "proportional",             // the only mode implemented
///         "min_conviction": 0.05,             // 0 &lt;= x &lt; 1: |conviction| must exceed it
///         "max_weight_per_symbol": 0.20,      // 0 &lt; x &lt;= 1
///         "gross_cap": 0.95,                  // 0 &lt; x &lt;= 1: sum of |weights|
///         "rebalance_band": 0.02              // optional, default 0; 0 &lt;= x &lt; 1
///       },
///       "allow_short": false,                 // optional, default false
///       "compound_realized_pnl": true         // optional, default false
///     }
///   ]
/// }
/// </code>
/// Weights have at most six decimal places, the scale intents are rounded to, so caps hold exactly.
/// Comments are allowed in the file; unknown fields are errors (a typo must not silently fall back to a default).
/// </summary>
/// <remarks>
/// Schema version 2 (see <c>docs/schemas/vault.schema.json</c>) adds, all optional: top-level <c>personas</c>
/// (user-defined), and per vault <c>caps</c>, <c>loan</c>, <c>compounding</c> and the <c>banded</c> allocation
/// mode with <c>allocation.bands</c>. A version 1 file reads exactly as before and keeps its canonical text and
/// version hash, because version 2 fields are left out of the canonical JSON when absent. Upgrading a file is
/// setting <c>"schema_version": 2</c>; using a version 2 field in a version 1 file is an error naming the field.
/// </remarks>
public sealed record VaultConfig(int SchemaVersion, string BaseCurrency, ImmutableArray<VaultDefinition> Vaults)
{
    /// <summary>The schema version of the default file this build writes.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>The newest schema version this build reads.</summary>
    public const int LatestSchemaVersion = 2;

    /// <summary>User-defined personas (schema 2), sorted by name; null when the file defines none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ImmutableArray<PersonaDefinition>? Personas { get; init; }

    /// <summary>The file name inside <c>memory/</c>.</summary>
    public const string FileName = "vault.json";

    /// <summary>What a fresh home starts with: one long-only US equity vault.</summary>
    public static VaultConfig Default { get; } = new(
        CurrentSchemaVersion,
        "USD",
        [
            new VaultDefinition(
                new VaultId("core"),
                Capital: 100000m,
                Persona: VaultDefinition.DefaultPersona,
                RoutingTags: ["equity"],
                new AllocationRules(AllocationMode.Proportional, 0.05m, 0.2m, 0.95m, 0.05m),
                AllowShort: false,
                CompoundRealizedPnl: true),
        ]);
}

/// <summary>One vault: its capital, which convictions reach it, and how it sizes them.</summary>
/// <param name="RoutingTags">Sorted, distinct; a conviction reaches the vault when it carries any of them.</param>
/// <param name="CompoundRealizedPnl">Whether realised PnL is added to the capital the vault sizes from.</param>
public sealed record VaultDefinition(
    VaultId Id,
    decimal Capital,
    string Persona,
    ImmutableArray<string> RoutingTags,
    AllocationRules Allocation,
    bool AllowShort,
    bool CompoundRealizedPnl)
{
    /// <summary>The persona applied when the file names none.</summary>
    public const string DefaultPersona = "balanced";

    /// <summary>Exposure and trading limits beyond the allocation rules (schema 2); null means none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public VaultCaps? Caps { get; init; }

    /// <summary>Set for a loan vault (schema 2): external, isolated capital with its own guardrails.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LoanTerms? Loan { get; init; }

    /// <summary>How realised PnL is swept (schema 2); null means <see cref="CompoundRealizedPnl"/> alone decides.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CompoundingRule? Compounding { get; init; }

    /// <summary>True for a loan vault.</summary>
    [JsonIgnore]
    public bool IsLoan => Loan is not null;
}

/// <summary>How a vault turns convictions into target weights (fractions of its equity).</summary>
public sealed record AllocationRules(
    AllocationMode Mode,
    decimal MinConviction,
    decimal MaxWeightPerSymbol,
    decimal GrossCap,
    decimal RebalanceBand)
{
    /// <summary>Tier bands of the <c>banded</c> mode, ascending, gap-free and non-overlapping; null otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ImmutableArray<TierBand>? Bands { get; init; }
}

/// <summary>Allocation modes. Persisted names are frozen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AllocationMode>))]
public enum AllocationMode
{
    [JsonStringEnumMemberName("proportional")] Proportional = 1,
    [JsonStringEnumMemberName("banded")] Banded = 2,
}
