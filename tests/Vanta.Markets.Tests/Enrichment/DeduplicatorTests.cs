using Vanta.Core.Domain;
using Vanta.Markets.Enrichment;

namespace Vanta.Markets.Tests.Enrichment;

public sealed class DeduplicatorTests
{
    private static readonly DateTimeOffset T0 = new(2025, 12, 12, 18, 0, 0, TimeSpan.Zero);

    internal static FilingNotice Notice(string accession, string cik, string role) =>
        new(accession, "4", cik, "Entity " + cik, role, "", new DateOnly(2025, 12, 12), T0,
            "https://www.sec.gov/Archives/edgar/data/" + cik, "", "sec-atom");

    internal static InsiderTransaction Row(string documentId, decimal shares) =>
        new(documentId, "4", "0000320193", "Apple Inc.", "AAPL", "0001214156", "COOK TIMOTHY D", "director", false,
            "Common Stock", new DateOnly(2019, 8, 22), "S", shares, 205m, "D", 1_000m, "D", T0, []);

    internal static SocialPost Post(string id, string platform, int score) =>
        new(id, platform, "wallstreetbets", "user", "title", "body", "https://x/" + id, score, T0, []);

    private static PriceBar Bar(decimal close) =>
        new("AAPL", T0.AddDays(-1), T0, 1m, 2m, 0.5m, close, 100m, "lean");

    [Fact]
    public void A_form4_listed_once_per_reporting_owner_and_once_for_the_issuer_is_one_filing()
    {
        var dedup = new Deduplicator();

        var issuer = dedup.Observe(Notice("0000320193-19-000087", "0000320193", "issuer"));
        var owner = dedup.Observe(Notice("0000320193-19-000087", "0001214156", "reporting"));

        Assert.False(issuer.IsDuplicate);
        Assert.True(owner.IsDuplicate);
        Assert.Equal(new DedupKey(DedupKey.Accession, "0000320193-19-000087"), owner.Key);
        Assert.False(dedup.Observe(Notice("0000320193-19-000088", "0000320193", "issuer")).IsDuplicate);
    }

    [Fact]
    public void Rows_of_one_filing_are_distinct_but_the_same_filing_read_twice_repeats_them()
    {
        var dedup = new Deduplicator();
        var first = new[] { Row("0000320193-19-000087", 100m), Row("0000320193-19-000087", 200m) };
        var again = new[] { Row("0000320193-19-000087", 100m), Row("0000320193-19-000087", 200m) };

        Assert.All(first, r => Assert.False(dedup.Observe(r).IsDuplicate));
        Assert.All(again, r => Assert.True(dedup.Observe(r).IsDuplicate));
        Assert.StartsWith("0000320193-19-000087/", DedupKey.For(first[0]).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_post_is_identified_by_platform_and_id_whatever_its_score()
    {
        var dedup = new Deduplicator();

        Assert.False(dedup.Observe(Post("t3_s9i9bw", "reddit", 1)).IsDuplicate);
        Assert.True(dedup.Observe(Post("t3_s9i9bw", "reddit", 250)).IsDuplicate);
        Assert.False(dedup.Observe(Post("t3_s9i9bw", "stocktwits", 1)).IsDuplicate);
    }

    [Fact]
    public void Other_observations_are_identified_by_content()
    {
        var dedup = new Deduplicator();

        Assert.False(dedup.Observe(Bar(1.5m)).IsDuplicate);
        Assert.True(dedup.Observe(Bar(1.5m)).IsDuplicate);
        Assert.False(dedup.Observe(Bar(1.6m)).IsDuplicate);
        Assert.Equal(DedupKey.Content, DedupKey.For(Bar(1.5m)).Kind);
        Assert.Equal(DedupKey.For(Bar(1.5m)), DedupKey.For(Bar(1.5m)));
        Assert.Matches("^[0-9a-f]{64}$", DedupKey.For(Bar(1.5m)).Value);
    }

    [Fact]
    public void Memory_is_bounded_by_count_and_the_oldest_key_is_forgotten_first()
    {
        var dedup = new Deduplicator(capacity: 2);

        dedup.Observe(Post("a", "reddit", 1));
        dedup.Observe(Post("b", "reddit", 1));
        dedup.Observe(Post("c", "reddit", 1));

        Assert.Equal(2, dedup.Count);
        Assert.True(dedup.Observe(Post("c", "reddit", 1)).IsDuplicate);
        Assert.False(dedup.Observe(Post("a", "reddit", 1)).IsDuplicate);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Deduplicator(0));
    }
}
