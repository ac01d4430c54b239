using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vanta.Core.Domain;

namespace Vanta.Core.Serialization;

/// <summary>
/// Source-generated JSON contracts for the records the pipeline carries: snake_case names,
/// nulls written (so a record's shape never depends on its values), compact output.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(RawDocument))]
[JsonSerializable(typeof(PriceBar))]
[JsonSerializable(typeof(InsiderTransaction))]
[JsonSerializable(typeof(SocialPost))]
[JsonSerializable(typeof(NewsItem))]
[JsonSerializable(typeof(ConvictionVector))]
[JsonSerializable(typeof(AllocationIntent))]
[JsonSerializable(typeof(Order))]
[JsonSerializable(typeof(OrderEvent))]
[JsonSerializable(typeof(Fill))]
[JsonSerializable(typeof(Position))]
[JsonSerializable(typeof(PortfolioSnapshot))]
[JsonSerializable(typeof(ConfigDocument))]
[JsonSerializable(typeof(Heartbeat))]
[JsonSerializable(typeof(QuarantineEntry))]
[JsonSerializable(typeof(FilingNotice))]
[JsonSerializable(typeof(InstitutionalHolding))]
[JsonSerializable(typeof(MacroObservation))]
[JsonSerializable(typeof(PriceQuote))]
[JsonSerializable(typeof(SwarmReport))]
[JsonSerializable(typeof(RiskCheck))]
[JsonSerializable(typeof(TradingStateChange))]
[JsonSerializable(typeof(OrderRouted))]
[JsonSerializable(typeof(ReconciliationDifference))]
[JsonSerializable(typeof(ImmutableArray<ConvictionVector>))]
[JsonSerializable(typeof(ImmutableArray<AllocationIntent>))]
[JsonSerializable(typeof(ImmutableArray<Order>))]
[JsonSerializable(typeof(ImmutableArray<Position>))]
[JsonSerializable(typeof(ImmutableArray<QuarantineEntry>))]
public sealed partial class VantaJsonContext : JsonSerializerContext
{
    /// <summary>Same contracts, indented, for the snapshots operators read in <c>memory/</c>.</summary>
    public static VantaJsonContext Indented { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
        // Operator files are read by people: keep '+', '&' and quotes readable (never served as HTML).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
