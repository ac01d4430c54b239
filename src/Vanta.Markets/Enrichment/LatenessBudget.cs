namespace Vanta.Markets.Enrichment;

/// <summary>
/// How late an observation of one source kind may be seen and still count as on time: either a duration after its
/// reference time, or a number of business days (Monday to Friday; exchange holidays are not modelled) after its
/// reference date.
/// </summary>
public sealed record LatenessBudget
{
    private LatenessBudget(TimeSpan? duration, int? businessDays)
    {
        Duration = duration;
        BusinessDays = businessDays;
    }

    /// <summary>The allowed lag as a duration, or null when the budget counts business days.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>The allowed lag in business days, or null when the budget is a duration.</summary>
    public int? BusinessDays { get; }

    /// <summary>On time when seen at most <paramref name="duration"/> after the reference time.</summary>
    public static LatenessBudget Within(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return new LatenessBudget(duration, null);
    }

    /// <summary>On time when seen at most <paramref name="days"/> business days after the reference date.</summary>
    public static LatenessBudget WithinBusinessDays(int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        return new LatenessBudget(null, days);
    }

    /// <summary>Business days strictly after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public static int BusinessDaysBetween(DateOnly from, DateOnly to)
    {
        if (to <= from)
            return 0;
        var days = to.DayNumber - from.DayNumber;
        var weeks = days / 7;
        var count = weeks * 5;
        for (var d = from.AddDays(weeks * 7 + 1); d <= to; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                count++;
        }
        return count;
    }

    /// <inheritdoc />
    public override string ToString() => Duration is { } d ? $"within {d}" : $"within {BusinessDays} business days";
}
