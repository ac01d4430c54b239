namespace Vanta.Markets.Collectors.Lean;

/// <summary>US equity session times: LEAN equity data is stamped in America/New_York.</summary>
internal static class NewYorkTime
{
    // IANA data ships with the OS on Linux and macOS and works under InvariantGlobalization.
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>The UTC instant of a New York wall-clock time on <paramref name="date"/>.</summary>
    public static DateTimeOffset ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
    }
}
