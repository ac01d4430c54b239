using System.Collections.Immutable;

namespace Vanta.Markets.Features;

/// <summary>
/// Point-in-time features of one instrument: every value was known at <see cref="AsOf"/> and none comes from
/// after it. A feature that is unknown or expired is absent, never NaN or zero.
/// </summary>
public sealed record FeatureVector(string Symbol, DateTimeOffset AsOf, ImmutableSortedDictionary<string, decimal> Values)
{
    public static FeatureVector Empty(string symbol, DateTimeOffset asOf) =>
        new(symbol, asOf, ImmutableSortedDictionary.Create<string, decimal>(StringComparer.Ordinal));

    public decimal? Get(string name) => Values.TryGetValue(name, out var value) ? value : null;
}

/// <summary>One feature value with the time it became known and how long it stays valid.</summary>
public readonly record struct FeatureValue(decimal Value, DateTimeOffset AsOf, DateTimeOffset ExpiresAt);

/// <summary>
/// The online feature store: latest value per (symbol, feature), readable only as of a time, so a model
/// scoring at time t can never see a value written for a later time.
/// </summary>
public interface IFeatureStore
{
    void Put(string symbol, string feature, decimal value, DateTimeOffset asOf, TimeSpan ttl);

    /// <summary>Every live feature of <paramref name="symbol"/> known at <paramref name="asOf"/>.</summary>
    FeatureVector Snapshot(string symbol, DateTimeOffset asOf);
}
