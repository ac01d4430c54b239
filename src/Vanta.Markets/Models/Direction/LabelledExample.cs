using System.Collections.Immutable;

namespace Vanta.Markets.Models.Direction;

/// <summary>
/// One training example of the direction model: the features of <see cref="Symbol"/> known at
/// <see cref="FeaturesAsOf"/> and whether its close <see cref="LabelledAsOf"/> (the bar <c>Horizon</c> bars
/// later, the moment the label became known) was above the close at <see cref="FeaturesAsOf"/>.
/// </summary>
public sealed record LabelledExample(
    string Symbol,
    DateTimeOffset FeaturesAsOf,
    DateTimeOffset LabelledAsOf,
    ImmutableArray<float> Features,
    bool Up);
