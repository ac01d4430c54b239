using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vanta.Cli.Embedded;
using Vanta.Executor.Routing;

namespace Vanta.Cli.Trading;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(RoutingConfig))]
internal sealed partial class RoutingJsonContext : JsonSerializerContext;

/// <summary>
/// <c>memory/routing.json</c>: which broker account takes an order given without <c>--broker</c>, by routing tag and
/// asset class (<see cref="RoutingConfig"/>, snake_case). Absent: crypto to Coinbase, everything else to Alpaca.
/// </summary>
public static class RoutingFile
{
    public static RoutingConfig Default { get; } = new([new RouteRule(null, AssetClass.Crypto, "coinbase")], "alpaca");

    /// <summary>The home's router, or the problems with its file, each naming its path.</summary>
    public static (Router? Router, string? Error) Load(HomeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var path = Path.Combine(layout.Memory, "routing.json");
        var config = Default;
        if (File.Exists(path))
        {
            try
            {
                config = JsonSerializer.Deserialize(File.ReadAllText(path), RoutingJsonContext.Default.RoutingConfig) ?? Default;
            }
            catch (JsonException ex)
            {
                return (null, $"{path}: {ex.Message}");
            }
        }
        var errors = config.Validate(BrokerCatalog.Names);
        return errors.IsEmpty
            ? (new Router(config, BrokerCatalog.Names), null)
            : (null, $"{path}: {string.Join("; ", errors)}");
    }

    /// <summary>The account for <paramref name="symbol"/> with <paramref name="tags"/>, described for the operator.</summary>
    public static (string Account, string Why) Route(Router router, string symbol, ImmutableArray<string> tags)
    {
        ArgumentNullException.ThrowIfNull(router);
        var decision = router.Route(symbol, tags);
        var why = decision.IsDefault ? "default account" : $"rule {decision.RuleIndex}";
        return (decision.Account, $"{decision.AssetClass.ToString().ToLowerInvariant()}, {why}");
    }
}
