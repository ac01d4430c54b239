using Vanta.Core.Domain;
using Vanta.Markets.Enrichment;

namespace Vanta.Markets.Tests.Enrichment;

public sealed class PreEnricherTests
{
    private static readonly DateTimeOffset T0 = new(2022, 1, 21, 14, 30, 0, TimeSpan.Zero);

    private static SocialPost Post(string id, string author, string title, string body, TimeSpan offset) =>
        new(id, "reddit", "wallstreetbets", author, title, body, "https://x/" + id, 1, T0 + offset, []);

    [Fact]
    public void Posts_get_their_symbols_and_a_repeat_is_a_weightless_duplicate()
    {
        var enricher = PreEnricher.CreateDefault();
        var post = Post("t3_a", "alice", "Apple vs $TSLA", "thinking about GME too", TimeSpan.Zero);

        var first = enricher.Process(post, T0.AddMinutes(1));
        var again = enricher.Process(post with { Score = 99 }, T0.AddMinutes(2));

        var resolved = Assert.IsType<SocialPost>(first.Observation);
        Assert.Equal<string>(["AAPL", "GME", "TSLA"], resolved.Symbols);
        Assert.Equal(EnrichmentFlags.SymbolsResolved, first.Flags);
        Assert.Equal(1m, first.Weight);
        Assert.Equal(post.TsEvent, resolved.TsEvent);
        Assert.True(again.IsDuplicate);
        Assert.Equal(0m, again.Weight);
        Assert.Equal(first.Key, again.Key);
    }

    [Fact]
    public void Insider_rows_and_issuer_notices_without_a_symbol_get_one_from_the_cik()
    {
        var enricher = PreEnricher.CreateDefault();
        var row = DeduplicatorTests.Row("0000320193-19-000087", 100m) with { Symbol = "" };
        var issuer = DeduplicatorTests.Notice("0001318605-23-000011", "0001318605", "issuer");
        var owner = DeduplicatorTests.Notice("0001067983-20-000001", "0001067983", "reporting");

        var enrichedRow = enricher.Process(row, row.TsEvent.AddHours(1));

        Assert.Equal("AAPL", enrichedRow.Observation.Symbol);
        Assert.Equal("TSLA", enricher.Process(issuer, issuer.TsEvent).Observation.Symbol);
        Assert.Equal("", enricher.Process(owner, owner.TsEvent).Observation.Symbol);
        Assert.True(enrichedRow.Flags.HasFlag(EnrichmentFlags.SymbolsResolved));
    }

    [Fact]
    public void Late_bars_are_flagged_and_keep_their_event_time()
    {
        var enricher = PreEnricher.CreateDefault();
        var bar = new PriceBar("AAPL", T0.AddDays(-1), T0, 1m, 2m, 0.5m, 1.5m, 100m, "lean");

        var result = enricher.Process(bar, T0.AddDays(3));

        Assert.Equal(EnrichmentFlags.Late, result.Flags);
        Assert.Same(bar, result.Observation);
        Assert.Equal(T0, result.Temporal.TsEvent);
        Assert.Equal(1m, result.Weight);
    }

    [Fact]
    public void A_swarm_of_posts_is_flagged_and_down_weighted()
    {
        var enricher = PreEnricher.CreateDefault();
        const string pump = "GameStop is about to squeeze hard, shorts have not covered and the float is locked, " +
            "buy and hold and do not sell before it goes to the moon";
        var results = Enumerable.Range(0, 5)
            .Select(i => enricher.Process(
                Post($"t3_{i}", $"bot{i}", "Last chance", pump + new string('!', i), TimeSpan.FromMinutes(i)), T0.AddMinutes(i)))
            .ToList();

        Assert.True(results[^1].Flags.HasFlag(EnrichmentFlags.Swarm));
        Assert.Equal(0.2m, results[^1].Weight);
        Assert.Equal<string>(["GME"], results[^1].Swarm!.Symbols);
        Assert.True(results[1].Flags.HasFlag(EnrichmentFlags.NearDuplicate));
    }
}
