using System.Text.Json;
using System.Text.Json.Serialization;
using Vanta.Core.Domain;
using Vanta.Executor.Brokers.Paper;

namespace Vanta.Cli.Embedded;

/// <summary>
/// The paper venue's costs as a journaled <c>config</c> document (kind <c>paper</c>), so a replay fills at the same
/// prices and fees as the run it checks. A venue fee model is named (<see cref="FeeModels"/>); the flat costs are
/// the figures.
/// </summary>
public sealed record PaperCosts(
    decimal SlippageBps,
    decimal FeePerShare,
    decimal MinimumFeePerOrder,
    decimal FeeBps,
    decimal? VolumeParticipation,
    string? FeeModel)
{
    public const string ConfigKind = "paper";

    /// <summary>The venue fee models <c>vanta run --fee-model</c> offers, by name.</summary>
    public static IReadOnlyDictionary<string, IFeeModel> FeeModels { get; } = new Dictionary<string, IFeeModel>(StringComparer.Ordinal)
    {
        ["ibkr"] = PerShareFeeModel.IbkrFixed,
        ["alpaca"] = AlpacaRegulatoryFeeModel.Default,
        ["coinbase"] = MakerTakerFeeModel.Coinbase,
        ["bybit"] = MakerTakerFeeModel.BybitSpot,
    };

    /// <summary>The costs of <paramref name="options"/>; a fee model that is not one of <see cref="FeeModels"/> is named by its type.</summary>
    public static PaperCosts Of(PaperBrokerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = options.FeeModel is { } fees
            ? FeeModels.FirstOrDefault(m => m.Value.Equals(fees)).Key ?? fees.GetType().Name
            : null;
        return new(options.SlippageBps, options.FeePerShare, options.MinimumFeePerOrder, options.FeeBps, options.VolumeParticipation, model);
    }

    public ConfigDocument ToDocument(DateTimeOffset effectiveAt) =>
        ConfigDocument.Of(ConfigKind, JsonSerializer.Serialize(this, PaperCostsJsonContext.Default.PaperCosts), effectiveAt);

    /// <summary>The options a journaled document describes; null (with the reason) when it cannot be rebuilt.</summary>
    public static (PaperBrokerOptions? Options, string? Problem) Read(ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var costs = JsonSerializer.Deserialize(document.Content, PaperCostsJsonContext.Default.PaperCosts);
        if (costs is null)
            return (null, $"paper costs {document.Version} are empty");
        IFeeModel? model = null;
        if (costs.FeeModel is { } name && !FeeModels.TryGetValue(name, out model))
            return (null, $"paper costs {document.Version} name a fee model this build does not know ('{name}')");
        return (new PaperBrokerOptions(costs.SlippageBps, costs.FeePerShare, costs.MinimumFeePerOrder, costs.FeeBps, costs.VolumeParticipation, model), null);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PaperCosts))]
internal sealed partial class PaperCostsJsonContext : JsonSerializerContext;
