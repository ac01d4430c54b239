using System.Collections.Immutable;
using Vanta.Markets.Features;

namespace Vanta.Markets.Models;

/// <summary>
/// A named, versioned scorer (id like <c>sentiment-lgbm@1</c>) that reads a point-in-time feature vector and
/// returns a directional score in [-1, 1], or null when it has nothing to say (features missing or stale).
/// </summary>
public interface IScoringModel
{
    /// <summary><c>name@version</c>; a change in behaviour is a new version.</summary>
    string Id { get; }

    /// <summary>Source family for routing and the per-family signal files: price, sentiment, insider, anomaly, direction, forecast, macro.</summary>
    string Family { get; }

    ModelScore? Score(FeatureVector features);
}

/// <summary>
/// One model's view of one instrument. <see cref="Contributions"/> explains the score (feature name to signed
/// amount; tree models give their per-feature contributions); <see cref="Rationale"/> is one human line.
/// </summary>
public sealed record ModelScore(
    string ModelId,
    string Family,
    string Symbol,
    decimal Score,
    ImmutableSortedDictionary<string, decimal> Contributions,
    string Rationale,
    DateTimeOffset AsOf);

/// <summary>A model that scores free text (headlines, posts): positive is bullish, negative bearish, in [-1, 1].</summary>
public interface ITextSentimentModel
{
    string Id { get; }

    decimal Score(string text);
}
