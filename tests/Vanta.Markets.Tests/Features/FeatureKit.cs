using System.Collections.Immutable;
using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Markets.Models;

namespace Vanta.Markets.Tests.Features;

/// <summary>Builders for the feature tests: bars on consecutive days, posts, insider trades, envelopes.</summary>
internal static class FeatureKit
{
    public static readonly DateTimeOffset T0 = new(2024, 1, 1, 21, 0, 0, TimeSpan.Zero);

    private static int _ids;

    public static DateTimeOffset Day(int day) => T0.AddDays(day);

    public static Observed<IObservation> Obs(IObservation o) =>
        new(new EventId("e" + Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture)), o);

    public static PriceBar Bar(int day, decimal close, decimal? open = null, decimal volume = 1000m, string symbol = "ACME") =>
        new(symbol, Day(day).AddHours(-6.5), Day(day), open ?? close, Math.Max(open ?? close, close), Math.Min(open ?? close, close),
            close, volume, "test");

    public static SocialPost Post(DateTimeOffset at, string text, params string[] symbols) =>
        new("p" + Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture), "reddit", "wsb", "a", text, "", "u", 1, at,
            [.. symbols]);

    public static InsiderTransaction Trade(int day, string code, decimal shares, decimal? price, string relationship = "director",
        string owner = "1", string symbol = "ACME", bool derivative = false) =>
        new("d", "4", "0000000001", "Acme", symbol, owner, "Owner " + owner, relationship, derivative, "Common",
            DateOnly.FromDateTime(Day(day).UtcDateTime), code, shares, price, code == "S" ? "D" : "A", null, "D", Day(day),
            ImmutableArray<string>.Empty);
}

/// <summary>A sentiment model reading scores from a table (unknown texts score 0) and counting its calls.</summary>
internal sealed class TableSentiment(IReadOnlyDictionary<string, decimal> scores) : ITextSentimentModel
{
    public TableSentiment()
        : this(new Dictionary<string, decimal>(StringComparer.Ordinal))
    {
    }

    public string Id => "table@1";

    public List<string> Scored { get; } = [];

    public decimal Score(string text)
    {
        Scored.Add(text);
        return scores.TryGetValue(text, out var score) ? score : 0m;
    }
}
