using System.Collections.Immutable;
using Vanta.Core.Domain;

namespace Vanta.Executor.Attribution;

/// <summary>
/// The decision a position's PnL is credited to: the intent that last changed it, with its conviction band and the
/// models of its conviction with the share each gets. Shares are the absolute reason-vector entries (each model's
/// pull on the score); a conviction whose reasons are all zero falls back to the contributing model weights.
/// Weights alone would credit a model that had a voice but said nothing (an anomaly model at 0) with a large part.
/// </summary>
internal sealed record PositionHolder(string Key, string Band, ImmutableArray<string> Models, ImmutableArray<decimal> Shares)
{
    public static PositionHolder Unlinked { get; } = new(ConvictionBands.Unlinked, ConvictionBands.Unlinked, [ConvictionBands.Unlinked], [1m]);

    /// <summary>The holder for an intent; <paramref name="models"/> is null when its conviction is not in the journal.</summary>
    public static PositionHolder For(AllocationIntent intent, ModelShares? models) =>
        models is null
            ? new(intent.IntentId.Value, ConvictionBands.Of(intent.ConvictionScore), [ConvictionBands.Unlinked], [1m])
            : new(intent.IntentId.Value, ConvictionBands.Of(intent.ConvictionScore), models.Models, models.Shares);

    /// <summary>Each model's share of a conviction (<see cref="ConvictionBands.Unlinked"/> when it names no model with a share).</summary>
    public static ModelShares SharesOf(ConvictionVector conviction)
    {
        var (models, shares) = Positive(conviction.ReasonVector, Math.Abs);
        if (models.IsEmpty)
            (models, shares) = Positive(conviction.ContributingModels, static w => w);
        return models.IsEmpty ? new([ConvictionBands.Unlinked], [1m]) : new(models, shares);
    }

    private static (ImmutableArray<string>, ImmutableArray<decimal>) Positive(
        ImmutableSortedDictionary<string, decimal> entries, Func<decimal, decimal> share)
    {
        var models = ImmutableArray.CreateBuilder<string>();
        var shares = ImmutableArray.CreateBuilder<decimal>();
        // Ordinal order whatever comparer the dictionary was read with: the remainder's tie-break must not vary by culture.
        foreach (var (model, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (share(value) > 0m)
            {
                models.Add(model);
                shares.Add(share(value));
            }
        }
        return (models.ToImmutable(), shares.ToImmutable());
    }
}

/// <summary>The models of one conviction, in ordinal order, with the share of PnL each gets.</summary>
internal sealed record ModelShares(ImmutableArray<string> Models, ImmutableArray<decimal> Shares);
