namespace Vanta.Journal.Audit;

/// <summary>
/// A span of event time, <see cref="From"/> inclusive and <see cref="To"/> exclusive, so that adjacent
/// windows (one's <c>To</c> is the next one's <c>From</c>) never share a record.
/// </summary>
public sealed record AuditWindow
{
    public AuditWindow(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
            throw new ArgumentException($"the window must end after it starts (from {from:O}, to {to:O})", nameof(to));
        From = from.ToUniversalTime();
        To = to.ToUniversalTime();
    }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    public bool Contains(DateTimeOffset tsEvent) => tsEvent >= From && tsEvent < To;

    public override string ToString() => $"[{Iso(From)}, {Iso(To)})";

    internal static string Iso(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
