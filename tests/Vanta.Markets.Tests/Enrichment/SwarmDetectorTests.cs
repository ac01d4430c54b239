using Vanta.Core.Domain;
using Vanta.Markets.Enrichment;

namespace Vanta.Markets.Tests.Enrichment;

public sealed class SwarmDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2022, 1, 21, 14, 30, 0, TimeSpan.Zero);

    private const string Pump =
        "GME is about to squeeze hard, shorts have not covered and the float is locked. Buy and hold, do not sell, " +
        "this is the last chance before it goes to the moon. Load up on shares today";

    /// <summary>The pump text with small edits, one per author, as a bot network posts it.</summary>
    private static readonly string[] Edits =
    [
        Pump,
        Pump.Replace("hard", "very hard", StringComparison.Ordinal),
        Pump.Replace("today", "now", StringComparison.Ordinal),
        Pump.Replace("Buy and hold", "Buy and HOLD", StringComparison.Ordinal) + "!!",
        Pump.Replace("last chance", "final chance", StringComparison.Ordinal),
        Pump.Replace("Load up on shares", "Load up", StringComparison.Ordinal),
    ];

    private static readonly string[] Distinct =
    [
        "Earnings for the big banks come out next week and I expect net interest margin to expand with rates going up",
        "Lost my entire account on weekly puts again, my wife's boyfriend says I should just buy index funds instead",
        "Does anyone know why the oil futures curve is in backwardation right now and what it means for refiners",
        "Semiconductor shortage is easing according to the latest reports, memory prices falling for the third month",
        "My DD on the regional airline sector: fuel costs are high but bookings recovered to pre pandemic levels",
        "Rate hikes are coming in March, the market is pricing four of them this year and tech is selling off hard",
    ];

    private static SocialPost Post(string id, string author, string text, TimeSpan offset, params string[] symbols) =>
        new(id, "reddit", "wallstreetbets", author, "Post " + id, text, "https://reddit.example/" + id, 1, T0 + offset, [.. symbols]);

    private static List<SocialPost> SwarmPosts() =>
        [.. Edits.Select((text, i) => Post($"p{i}", $"bot{i}", text, TimeSpan.FromMinutes(i * 1.5), "GME"))];

    [Fact]
    public void Small_edits_stay_within_the_near_duplicate_distance_and_distinct_texts_do_not()
    {
        var pump = SimHash.Compute(Pump);
        Assert.All(Edits, e => Assert.InRange(SimHash.Compute(e).DistanceTo(pump), 0, SwarmOptions.Default.MaxDistance));
        foreach (var a in Distinct)
        {
            Assert.True(SimHash.Compute(a).DistanceTo(pump) > SwarmOptions.Default.MaxDistance, a);
            foreach (var b in Distinct.Where(b => b != a))
                Assert.True(SimHash.Compute(a).DistanceTo(SimHash.Compute(b)) > SwarmOptions.Default.MaxDistance, a + " / " + b);
        }
    }

    [Fact]
    public void SimHash_is_stable_across_processes_and_ignores_case_and_punctuation()
    {
        // Pinned: string.GetHashCode would change per process; FNV-1a does not.
        Assert.Equal("08d9e4ef5b5891ce", SimHash.Compute(Pump).ToString());
        Assert.Equal(SimHash.Compute("Buy GME now!").Hash, SimHash.Compute("buy gme, NOW").Hash);
        Assert.Equal(3, SimHash.Compute("Buy GME now!").Words);
    }

    [Fact]
    public void Six_authors_posting_the_pump_with_small_edits_within_ten_minutes_are_a_swarm()
    {
        var analysis = SwarmAnalysis.Run(SwarmPosts());

        var swarm = Assert.Single(analysis.Swarms);
        Assert.Equal<string>(["p0", "p1", "p2", "p3", "p4", "p5"], swarm.PostIds);
        Assert.Equal<string>(["bot0", "bot1", "bot2", "bot3", "bot4", "bot5"], swarm.Authors);
        Assert.Equal<string>(["GME"], swarm.Symbols);
        Assert.Equal(T0, swarm.WindowStart);
        Assert.Equal(T0 + TimeSpan.FromMinutes(7.5), swarm.TsEvent);
        Assert.Equal(0.166667m, swarm.Weight);
        Assert.Equal("reddit", swarm.Platform);
        Assert.All(analysis.Verdicts.Values, v =>
        {
            Assert.Equal(SwarmRole.Swarm, v.Role);
            Assert.Equal(swarm.Weight, v.Weight);
            Assert.Equal(swarm.SwarmId, v.Swarm!.SwarmId);
        });
    }

    [Fact]
    public void The_streaming_detector_flags_from_the_post_that_reaches_the_author_threshold()
    {
        var detector = new SwarmDetector();
        var roles = SwarmPosts().Select(p => detector.Observe(p)).ToList();

        Assert.Equal(SwarmRole.Unique, roles[0].Role);
        Assert.Equal([SwarmRole.NearDuplicate, SwarmRole.NearDuplicate], roles.Skip(1).Take(2).Select(r => r.Role));
        Assert.All(roles.Skip(3), r => Assert.Equal(SwarmRole.Swarm, r.Role));
        Assert.Equal(4, roles[3].Swarm!.Authors.Length);
        Assert.Equal(roles[3].Swarm!.SwarmId, roles[5].Swarm!.SwarmId);
        Assert.Equal(0.25m, roles[3].Weight);
    }

    [Fact]
    public void The_swarm_id_is_derived_from_content_and_input_order_does_not_matter()
    {
        var a = SwarmAnalysis.Run(SwarmPosts());
        var b = SwarmAnalysis.Run(Enumerable.Reverse(SwarmPosts()));

        Assert.Equal(a.Swarms.Single().SwarmId, b.Swarms.Single().SwarmId);
        Assert.Equal<string>(a.Swarms.Single().PostIds, b.Swarms.Single().PostIds);
        Assert.Matches("^[0-9a-f]{32}$", a.Swarms.Single().SwarmId);
    }

    [Fact]
    public void The_same_text_from_one_author_is_spam_but_not_a_swarm()
    {
        var posts = Edits.Select((text, i) => Post($"s{i}", "spammer", text, TimeSpan.FromMinutes(i))).ToList();

        var analysis = SwarmAnalysis.Run(posts);

        Assert.Empty(analysis.Swarms);
        Assert.Equal(SwarmRole.Unique, analysis.Verdicts["s0"].Role);
        Assert.Equal(1m, analysis.Verdicts["s0"].Weight);
        Assert.All(posts.Skip(1), p =>
        {
            Assert.Equal(SwarmRole.Spam, analysis.Verdicts[p.Id].Role);
            Assert.Equal(0m, analysis.Verdicts[p.Id].Weight);
        });
    }

    [Fact]
    public void The_same_text_far_apart_in_time_is_not_a_swarm()
    {
        var posts = Edits.Select((text, i) => Post($"h{i}", $"user{i}", text, TimeSpan.FromHours(i * 2))).ToList();

        var analysis = SwarmAnalysis.Run(posts);

        Assert.Empty(analysis.Swarms);
        Assert.All(analysis.Verdicts.Values, v => Assert.Equal(SwarmRole.Unique, v.Role));
    }

    [Fact]
    public void Distinct_texts_from_many_authors_in_minutes_are_not_a_swarm()
    {
        var posts = Distinct.Select((text, i) => Post($"d{i}", $"user{i}", text, TimeSpan.FromMinutes(i))).ToList();

        var analysis = SwarmAnalysis.Run(posts);

        Assert.Empty(analysis.Swarms);
        Assert.All(analysis.Verdicts.Values, v => Assert.Equal(1m, v.Weight));
    }

    [Fact]
    public void Short_texts_are_not_fingerprinted()
    {
        var posts = Enumerable.Range(0, 6).Select(i => Post($"g{i}", $"user{i}", "GME", TimeSpan.FromMinutes(i))).ToList();

        Assert.Empty(SwarmAnalysis.Run(posts).Swarms);
    }
}
