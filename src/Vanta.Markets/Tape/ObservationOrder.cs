using Vanta.Core.Domain;

namespace Vanta.Markets.Tape;

/// <summary>
/// The replay order of a tape: event time, then a fixed rank per observation type (at the same instant
/// a bar's close is known before a filing or a post is acted on), then symbol, document and position.
/// The key is total, so the order never depends on the sort algorithm or on read timing.
/// </summary>
public sealed class ObservationOrder : IComparer<TapeObservation>
{
    public static ObservationOrder Instance { get; } = new();

    private ObservationOrder()
    {
    }

    /// <summary>Rank of an observation type among events at the same instant. Frozen: replays depend on it.</summary>
    public static int Rank(IObservation observation) => observation switch
    {
        PriceBar => 0,
        InsiderTransaction => 1,
        NewsItem => 2,
        SocialPost => 3,
        _ => 9,
    };

    public int Compare(TapeObservation? x, TapeObservation? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return -1;
        if (y is null)
            return 1;
        var c = x.Observation.TsEvent.UtcTicks.CompareTo(y.Observation.TsEvent.UtcTicks);
        if (c == 0)
            c = Rank(x.Observation).CompareTo(Rank(y.Observation));
        if (c == 0)
            c = string.CompareOrdinal(x.Observation.Symbol, y.Observation.Symbol);
        if (c == 0)
            c = x.DocumentIndex.CompareTo(y.DocumentIndex);
        return c != 0 ? c : x.Position.CompareTo(y.Position);
    }
}
