using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Vaults.Allocation;
using static Vanta.Vaults.Tests.Allocation.Convictions;

namespace Vanta.Vaults.Tests.Allocation;

/// <summary>Laws that hold for any sequence of convictions, checked on seeded random sequences.</summary>
public sealed class AllocatorInvariantTests
{
    private static readonly string[] Symbols = ["AAPL", "AMD", "MSFT", "NVDA", "TSLA", "XOM"];

    private static List<(Observed<ConvictionVector> Conviction, DateTimeOffset Now)> Sequence(int seed)
    {
        var random = new Random(seed);
        var now = T0;
        var sequence = new List<(Observed<ConvictionVector>, DateTimeOffset)>();
        for (var i = 0; i < 300; i++)
        {
            now = now.AddMinutes(random.Next(0, 20));
            var score = Math.Round((decimal)(random.NextDouble() * 2 - 1), 4);
            // Some convictions arrive issued in the past, some already expired, some for another vault.
            var issued = now.AddMinutes(-random.Next(0, 90));
            var ttl = TimeSpan.FromMinutes(random.Next(1, 120));
            var tag = random.Next(10) == 0 ? "crypto" : "equity";
            sequence.Add((Of(Symbols[random.Next(Symbols.Length)], score, issued, ttl, tag), now));
        }
        return sequence;
    }

    public static TheoryData<int, bool, decimal> Cases() => new()
    {
        { 1, false, 0m }, { 2, false, 0.02m }, { 3, true, 0m }, { 4, true, 0.05m }, { 5, false, 0.2m }, { 6, true, 0.01m },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Caps_sign_expiry_and_order_hold_for_every_step(int seed, bool allowShort, decimal band)
    {
        var vault = Vault(min: 0.05m, cap: 0.15m, gross: 0.4m, band: band, allowShort: allowShort);
        var allocator = new ProportionalAllocator(vault, "v");

        foreach (var (conviction, now) in Sequence(seed))
        {
            var intents = allocator.Allocate(conviction, now);

            if (!conviction.Value.IsLiveAt(now))
                Assert.Empty(intents);
            var symbols = intents.Select(i => i.Symbol).ToList();
            Assert.Equal(symbols.Order(StringComparer.Ordinal), symbols);
            Assert.Equal(symbols.Count, symbols.Distinct(StringComparer.Ordinal).Count());
            foreach (var intent in intents)
            {
                Assert.True(intent.ExpiresAt > now, "an intent must be live when issued");
                Assert.Equal(decimal.Round(intent.TargetWeight, 6), intent.TargetWeight);
                Assert.True(Math.Abs(intent.TargetWeight) <= vault.Allocation.MaxWeightPerSymbol);
                Assert.True(allowShort || intent.TargetWeight >= 0m);
            }
            var book = allocator.CurrentTargets.Values;
            Assert.True(book.Sum(Math.Abs) <= vault.Allocation.GrossCap, $"gross {book.Sum(Math.Abs)} over cap");
            Assert.All(book, w => Assert.True(Math.Abs(w) <= vault.Allocation.MaxWeightPerSymbol));
            Assert.All(book, w => Assert.True(allowShort || w > 0m));
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void Same_input_sequence_gives_the_same_intents(int seed)
    {
        var sequence = Sequence(seed);
        List<AllocationIntent> Run()
        {
            var allocator = new ProportionalAllocator(Vault(band: 0.01m, allowShort: true), "v");
            return [.. sequence.SelectMany(step => allocator.Allocate(step.Conviction, step.Now))];
        }

        var first = Run();

        Assert.NotEmpty(first);
        Assert.Equal(first, Run());
    }
}
