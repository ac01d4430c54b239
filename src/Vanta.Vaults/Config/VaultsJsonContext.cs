using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vanta.Vaults.Config;

/// <summary>
/// Source-generated JSON contract for <see cref="VaultConfig"/>: snake_case, compact. The compact form of a
/// validated config is its canonical content, whose SHA-256 is the config version.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(VaultConfig))]
[JsonSerializable(typeof(Compounding.CapitalStatement))]
public sealed partial class VaultsJsonContext : JsonSerializerContext
{
    /// <summary>Same contract, indented, for the file operators edit.</summary>
    public static VaultsJsonContext Indented { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    });
}
