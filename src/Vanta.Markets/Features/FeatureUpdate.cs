using System.Text.Json.Serialization;

namespace Vanta.Markets.Features;

/// <summary>Why a feature computer refused an observation. Persisted values are frozen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeatureRejectReason>))]
public enum FeatureRejectReason
{
    /// <summary>The observation names no symbol.</summary>
    [JsonStringEnumMemberName("no_symbol")] NoSymbol = 1,

    /// <summary>An open, high, low or close of zero or less.</summary>
    [JsonStringEnumMemberName("non_positive_price")] NonPositivePrice = 2,

    /// <summary>A bar whose high is below its low.</summary>
    [JsonStringEnumMemberName("high_below_low")] HighBelowLow = 3,

    /// <summary>A negative volume.</summary>
    [JsonStringEnumMemberName("negative_volume")] NegativeVolume = 4,

    /// <summary>A second bar for a symbol and time already seen.</summary>
    [JsonStringEnumMemberName("duplicate_bar")] DuplicateBar = 5,

    /// <summary>A bar earlier than the last one seen for its symbol.</summary>
    [JsonStringEnumMemberName("out_of_order_bar")] OutOfOrderBar = 6,

    /// <summary>A post or headline with no text: not scored, and never scored as neutral.</summary>
    [JsonStringEnumMemberName("empty_text")] EmptyText = 7,

    /// <summary>An open-market insider trade without a price or with no shares: it cannot be valued.</summary>
    [JsonStringEnumMemberName("unpriced_trade")] UnpricedTrade = 8,

    /// <summary>A macro observation without a value (FRED's <c>"."</c>).</summary>
    [JsonStringEnumMemberName("missing_value")] MissingValue = 9,

    /// <summary>A macro observation not after the last one seen of its series (a revision or a replay).</summary>
    [JsonStringEnumMemberName("stale_observation")] StaleObservation = 10,
}

/// <summary>
/// What one computer did with one observation: how many feature values it wrote, or why it refused the
/// observation (then it wrote nothing). An observation a computer does not read is <see cref="Ignored"/>.
/// </summary>
public readonly record struct FeatureUpdate(int Written, FeatureRejectReason? Rejected)
{
    /// <summary>Not an observation this computer reads.</summary>
    public static FeatureUpdate Ignored => default;

    /// <summary>Wrote <paramref name="count"/> values.</summary>
    public static FeatureUpdate Wrote(int count) => new(count, null);

    /// <summary>Refused, with the reason; nothing was written.</summary>
    public static FeatureUpdate Reject(FeatureRejectReason reason) => new(0, reason);

    /// <summary>Both updates together: the written counts add up, the first rejection wins.</summary>
    public FeatureUpdate Plus(FeatureUpdate other) => new(Written + other.Written, Rejected ?? other.Rejected);
}
