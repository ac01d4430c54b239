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
    public List<PersonaDto?>? Personas { get; set; }

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
    public CapsDto? Caps { get; set; }
    public LoanDto? Loan { get; set; }
    public CompoundingDto? Compounding { get; set; }

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
    public List<BandDto?>? Bands { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class BandDto
{
    public decimal? From { get; set; }
    public decimal? To { get; set; }
    public decimal? Weight { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class CapsDto
{
    public decimal? MaxNetExposure { get; set; }
    public decimal? CashBuffer { get; set; }
    public decimal? MinTradeSize { get; set; }
    public decimal? LotSize { get; set; }
    public decimal? TurnoverLimit { get; set; }
    public decimal? LimitCollar { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class LoanDto
{
    public decimal? MaxLeverage { get; set; }
    public decimal? DrawdownLimit { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class CompoundingDto
{
    public string? Mode { get; set; }
    public decimal? Share { get; set; }
    public string? Into { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class PersonaDto
{
    public string? Name { get; set; }
    public string? Transform { get; set; }
    public decimal? SizeMultiplier { get; set; }
    public decimal? MaxPosition { get; set; }
    public List<string?>? AllowedTags { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(VaultFileDto))]
internal sealed partial class VaultFileJsonContext : JsonSerializerContext;
