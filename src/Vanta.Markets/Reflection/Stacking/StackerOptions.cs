using System.Collections.Immutable;

namespace Vanta.Markets.Reflection.Stacking;

/// <summary>Settings of the meta-belief stacker.</summary>
public sealed record StackerOptions
{
    /// <summary>Bars after a conviction at which its outcome is judged and the weights learn from it.</summary>
    public int HorizonBars { get; init; } = 5;

    /// <summary>Exponentiated-gradient learning rate.</summary>
    public double LearningRate { get; init; } = 0.3;

    /// <summary>Share of weight spread back uniformly after each update, so no model's weight can reach zero and a model that becomes right again can recover (fixed-share).</summary>
    public double FixedShare { get; init; } = 0.02;

    /// <summary>Weights pinned by the operator or a persona: these models keep exactly this weight and do not learn.</summary>
    public ImmutableSortedDictionary<string, decimal> WeightOverrides { get; init; } = ImmutableSortedDictionary<string, decimal>.Empty;

    /// <summary>A new score replaces the published one only when it moves at least this far (or changes sign beyond it): rankings do not flicker.</summary>
    public decimal HysteresisBand { get; init; } = 0.05m;

    /// <summary>TTL of a conviction by the family that contributed most to it.</summary>
    public ImmutableSortedDictionary<string, TimeSpan> TtlByFamily { get; init; } = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
        new KeyValuePair<string, TimeSpan>[]
        {
            new("price", TimeSpan.FromDays(4)),
            new("direction", TimeSpan.FromDays(4)),
            new("forecast", TimeSpan.FromDays(4)),
            new("insider", TimeSpan.FromDays(10)),
            new("sentiment", TimeSpan.FromDays(1)),
            new("anomaly", TimeSpan.FromDays(2)),
            new("macro", TimeSpan.FromDays(7)),
        });

    public TimeSpan DefaultTtl { get; init; } = TimeSpan.FromDays(4);

    /// <summary>Decimal places of scores, weights and reasons.</summary>
    public int Scale { get; init; } = 6;

    /// <summary>Outcomes kept per model for the leaderboard's trailing window.</summary>
    public int LeaderboardWindow { get; init; } = 250;

    public TimeSpan TtlOf(string family) => TtlByFamily.TryGetValue(family, out var ttl) ? ttl : DefaultTtl;
}
