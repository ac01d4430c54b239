using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vanta.Executor.Orders;

/// <summary>Source-generated JSON contracts for the executor's snapshots (snake_case, nulls written).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false)]
[JsonSerializable(typeof(OpenOrder))]
[JsonSerializable(typeof(ImmutableArray<OpenOrder>))]
public sealed partial class ExecutorJsonContext : JsonSerializerContext
{
    /// <summary>Same contracts, indented, for <c>memory/open_orders.json</c>.</summary>
    public static ExecutorJsonContext Indented { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    });
}
