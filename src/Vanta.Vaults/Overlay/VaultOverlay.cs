using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Vanta.Vaults.Overlay;

/// <summary>Flip modes of the overlay. Persisted names are frozen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FlipMode>))]
public enum FlipMode
{
    [JsonStringEnumMemberName("off")] Off = 1,

    /// <summary>Every conviction is negated.</summary>
    [JsonStringEnumMemberName("contrarian")] Contrarian = 2,

    /// <summary>A seeded, per-signal choice of <see cref="VaultOverlay.ChaosShare"/> of convictions is negated.</summary>
    [JsonStringEnumMemberName("chaos")] Chaos = 3,
}

/// <summary>
/// The typed content of <c>vault_overlay.json</c>: operator switches laid over every vault.
/// <code>
/// { "schema_version": 1, "features": { "name": true }, "maintenance": false,
///   "flip": { "mode": "off" | "contrarian" | "chaos", "share": 0.1, "seed": 7 }, "kill_switch": false }
/// </code>
/// Maintenance: no new risk (no position grows or opens), exits and reductions allowed. Kill switch: every
/// target goes to 0. Every field but <c>schema_version</c> is optional.
/// </summary>
public sealed record VaultOverlay(
    int SchemaVersion,
    ImmutableSortedDictionary<string, bool> Features,
    bool Maintenance,
    FlipMode Flip,
    decimal ChaosShare,
    long ChaosSeed,
    bool KillSwitch)
{
    public const int CurrentSchemaVersion = 1;

    /// <summary>The file name inside <c>memory/</c>.</summary>
    public const string FileName = "vault_overlay.json";

    /// <summary>Nothing switched: allocation runs as configured.</summary>
    public static VaultOverlay Default { get; } = new(
        CurrentSchemaVersion, ImmutableSortedDictionary.Create<string, bool>(StringComparer.Ordinal), false, FlipMode.Off, 0m, 0, false);

    /// <summary>True when feature <paramref name="name"/> is switched on.</summary>
    public bool IsEnabled(string name) => Features.TryGetValue(name, out var on) && on;
}
