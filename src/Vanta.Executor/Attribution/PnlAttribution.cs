using System.Collections.Immutable;

namespace Vanta.Executor.Attribution;

/// <summary>
/// PnL over a journal, attributed to vault, conviction band, model and source family (see <see cref="PnlAttributor"/>
/// for the rules). Each dimension partitions the same amounts, so the groups of every dimension add up exactly to
/// <see cref="Total"/>, and <see cref="Daily"/> adds up to it too.
/// </summary>
public sealed record PnlAttribution(
    PnlFigures Total,
    ImmutableSortedDictionary<string, PnlFigures> ByVault,
    ImmutableSortedDictionary<string, PnlFigures> ByBand,
    ImmutableSortedDictionary<string, PnlFigures> ByModel,
    ImmutableSortedDictionary<string, PnlFigures> BySource,
    ImmutableArray<DailyPnl> Daily)
{
    /// <summary>The groups of one dimension: <c>vault</c>, <c>band</c>, <c>model</c> or <c>source</c>.</summary>
    public ImmutableSortedDictionary<string, PnlFigures> By(string dimension) => PnlDimensions.Select(
        dimension, ByVault, ByBand, ByModel, BySource);
}

/// <summary>One UTC day (of the events' <c>ts_event</c>) of a <see cref="PnlAttribution"/>; days without events are absent.</summary>
public sealed record DailyPnl(
    DateOnly Date,
    PnlFigures Total,
    ImmutableSortedDictionary<string, PnlFigures> ByVault,
    ImmutableSortedDictionary<string, PnlFigures> ByBand,
    ImmutableSortedDictionary<string, PnlFigures> ByModel,
    ImmutableSortedDictionary<string, PnlFigures> BySource)
{
    public ImmutableSortedDictionary<string, PnlFigures> By(string dimension) => PnlDimensions.Select(
        dimension, ByVault, ByBand, ByModel, BySource);
}

/// <summary>The names of the attribution dimensions, as <c>vanta pnl --by</c> takes them.</summary>
public static class PnlDimensions
{
    public const string Vault = "vault";
    public const string Band = "band";
    public const string Model = "model";
    public const string Source = "source";

    public static ImmutableArray<string> All { get; } = [Vault, Band, Model, Source];

    internal static ImmutableSortedDictionary<string, PnlFigures> Select(
        string dimension,
        ImmutableSortedDictionary<string, PnlFigures> vault,
        ImmutableSortedDictionary<string, PnlFigures> band,
        ImmutableSortedDictionary<string, PnlFigures> model,
        ImmutableSortedDictionary<string, PnlFigures> source) => dimension switch
        {
            Vault => vault,
            Band => band,
            Model => model,
            Source => source,
            _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "expected vault, band, model or source"),
        };
}
