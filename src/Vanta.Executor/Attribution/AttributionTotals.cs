using System.Collections.Immutable;

namespace Vanta.Executor.Attribution;

/// <summary>Running sums of one scope (the whole journal, or one day): the total and the groups of every dimension.</summary>
internal sealed class AttributionTotals
{
    public PnlFigures Figures { get; private set; } = PnlFigures.Zero;
    public AttributionGroups Vault { get; } = new();
    public AttributionGroups Band { get; } = new();
    public AttributionGroups Model { get; } = new();
    public AttributionGroups Source { get; } = new();

    public void Add(PnlFigures figures, string vault, string band)
    {
        Figures = Figures.Plus(figures);
        Vault.Add(vault, figures);
        Band.Add(band, figures);
    }

    public void AddModel(PnlFigures figures, string model, string source)
    {
        Model.Add(model, figures);
        Source.Add(source, figures);
    }
}

/// <summary>Running sums by group name, in ordinal order.</summary>
internal sealed class AttributionGroups
{
    private readonly SortedDictionary<string, PnlFigures> _groups = new(StringComparer.Ordinal);

    public void Add(string group, PnlFigures figures) =>
        _groups[group] = _groups.TryGetValue(group, out var sum) ? sum.Plus(figures) : figures;

    public ImmutableSortedDictionary<string, PnlFigures> Freeze() => _groups.ToImmutableSortedDictionary(StringComparer.Ordinal);
}
