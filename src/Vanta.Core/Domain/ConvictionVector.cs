using System.Collections.Immutable;
using Vanta.Core.Ids;

namespace Vanta.Core.Domain;

/// <summary>
/// An explainable belief about one instrument. <see cref="ReasonVector"/> holds signed contributions
/// that add up exactly to <see cref="ConvictionScore"/> (both are decimals rounded to the same scale).
/// A conviction is void at <see cref="ExpiresAt"/>: nothing downstream may act on it after that.
/// <see cref="Rationale"/> is one human line built from the reasons, e.g. "AAPL +0.62: 3 insiders bought $4.1M in 30 days".
/// </summary>
public sealed record ConvictionVector(
    SignalId SignalId,
    string Symbol,
    decimal ConvictionScore,
    ImmutableSortedDictionary<string, decimal> ReasonVector,
    ImmutableSortedDictionary<string, decimal> ContributingModels,
    DateTimeOffset IssuedAt,
    TimeSpan Ttl,
    DateTimeOffset ExpiresAt,
    ImmutableArray<string> RoutingTags,
    ImmutableArray<EventId> Parents,
    string Rationale = "")
{
    /// <summary>True when the conviction may still be acted on at <paramref name="now"/>.</summary>
    public bool IsLiveAt(DateTimeOffset now) => now < ExpiresAt;
}
