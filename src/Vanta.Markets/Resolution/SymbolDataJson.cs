using System.Text.Json.Serialization;

namespace Vanta.Markets.Resolution;

/// <summary>The layout of <c>Data/symbols.json</c>.</summary>
internal sealed record SymbolDataFile(int Version, List<SymbolDataRow> Symbols);

/// <summary>One row of <c>Data/symbols.json</c>.</summary>
internal sealed record SymbolDataRow(
    string Symbol,
    string? Cik,
    List<string>? Names,
    List<string>? Aliases,
    List<string>? ExactAliases,
    List<string>? Sources);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SymbolDataFile))]
internal sealed partial class SymbolDataJsonContext : JsonSerializerContext;
