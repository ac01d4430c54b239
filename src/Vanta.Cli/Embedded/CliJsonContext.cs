using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vanta.Cli.Embedded;

/// <summary>JSON contracts of the files only the CLI writes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = true)]
[JsonSerializable(typeof(PnlSummary))]
public sealed partial class CliJsonContext : JsonSerializerContext;
