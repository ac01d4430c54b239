using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vanta.Vaults.Config;

// The file as written, every field optional: missing or null fields are found by the validator, which can
// name them, instead of failing inside the serializer with a type name. Unknown fields land in Extra.

internal sealed class VaultFileDto
{
    public int? SchemaVersion { get; set; }
    public string? BaseCurrency { get; set; }
    public List<VaultDto?>? Vaults { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class VaultDto
{
    public string? Id { get; set; }
    public decimal? Capital { get; set; }
    public string? Persona { get; set; }
    public List<string?>? RoutingTags { get; set; }
    public AllocationDto? Allocation { get; set; }
    public bool? AllowShort { get; set; }
    public bool? CompoundRealizedPnl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class AllocationDto
{
    public string? Mode { get; set; }
    public decimal? MinConviction { get; set; }
    public decimal? MaxWeightPerSymbol { get; set; }
    public decimal? GrossCap { get; set; }
    public decimal? RebalanceBand { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(VaultFileDto))]
internal sealed partial class VaultFileJsonContext : JsonSerializerContext;
