using System.Collections.Immutable;

namespace Vanta.Executor.Attribution;

/// <summary>
/// Which source family (price, insider, sentiment, direction, forecast, anomaly...) each model id belongs to, as the
/// model layer declares it. A conviction names models, not families, so the composition root supplies this map.
/// </summary>
public sealed class ModelFamilies
{
    /// <summary>The family of a model the map does not know (one retired since the journal was written).</summary>
    public const string Other = "other";

    private readonly ImmutableSortedDictionary<string, string> _byModel;

    public ModelFamilies(IEnumerable<KeyValuePair<string, string>> byModel)
    {
        ArgumentNullException.ThrowIfNull(byModel);
        _byModel = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, byModel);
    }

    public static ModelFamilies None { get; } = new([]);

    public ImmutableSortedDictionary<string, string> ByModel => _byModel;

    public string FamilyOf(string modelId) =>
        modelId == ConvictionBands.Unlinked ? ConvictionBands.Unlinked
        : _byModel.TryGetValue(modelId, out var family) ? family
        : Other;
}
