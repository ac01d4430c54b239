using System.Text.Json.Serialization;

namespace Vanta.Markets.Enrichment;

/// <summary>How an observation's arrival relates to its event time. Persisted values are frozen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Timeliness>))]
public enum Timeliness
{
    /// <summary>Seen within its source's lateness budget.</summary>
    [JsonStringEnumMemberName("on_time")] OnTime = 1,

    /// <summary>Seen after its source's lateness budget.</summary>
    [JsonStringEnumMemberName("late")] Late = 2,

    /// <summary>Seen before it happened: the source's clock or the event time is wrong.</summary>
    [JsonStringEnumMemberName("before_event")] BeforeEvent = 3,
}

/// <summary>
/// The temporal facts about one observation. <see cref="TsEvent"/> is copied from the observation and never rewritten.
/// </summary>
/// <param name="SourceKind">The budget's key, e.g. <c>bar</c>, <c>sec-form4</c>, <c>social</c>.</param>
/// <param name="TsEvent">When it happened in the world (the observation's own time).</param>
/// <param name="TsInit">When Vanta saw it.</param>
/// <param name="Reference">What lateness is measured from: <see cref="TsEvent"/>, or for an insider transaction the
/// transaction date (midnight UTC), since a Form 4 is due two business days after the trade.</param>
/// <param name="Lag"><see cref="TsInit"/> minus <see cref="Reference"/>; negative when seen before it.</param>
/// <param name="Status">On time, late or seen before the event.</param>
/// <param name="Budget">The budget applied.</param>
public sealed record TemporalAnnotation(
    string SourceKind,
    DateTimeOffset TsEvent,
    DateTimeOffset TsInit,
    DateTimeOffset Reference,
    TimeSpan Lag,
    Timeliness Status,
    LatenessBudget Budget)
{
    /// <summary>True when the observation arrived after its budget.</summary>
    public bool IsLate => Status == Timeliness.Late;
}
