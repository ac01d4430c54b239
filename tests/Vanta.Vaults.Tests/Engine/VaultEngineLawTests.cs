using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Vaults.Config;
using Vanta.Vaults.Engine;
using Vanta.Vaults.Overlay;
using Vanta.Vaults.Tests.Config;
using static Vanta.Vaults.Tests.Allocation.Convictions;

namespace Vanta.Vaults.Tests.Engine;

/// <summary>The allocator's laws on seeded random inputs.</summary>
public sealed class VaultEngineLawTests
{
    private static readonly string[] Symbols = ["AAPL", "AMD", "MSFT", "NVDA", "TSLA", "XOM", "SPY", "QQQ"];

    private static List<(ConvictionVector C, DateTimeOffset Now)> Sequence(int seed)
    {
        var random = new Random(seed);
        var now = T0;
        var list = new List<(ConvictionVector, DateTimeOffset)>();
        for (var i = 0; i < 200; i++)
        {
            now = now.AddMinutes(random.Next(0, 15));
            var score = Math.Round((decimal)(random.NextDouble() * 2 - 1), 4);
            list.Add((Of(Symbols[random.Next(Symbols.Length)], score, now.AddMinutes(-random.Next(0, 60)), TimeSpan.FromMinutes(random.Next(1, 90))).Value, now));
        }
        return list;
    }

    private static VaultConfig Config() => VaultConfigLoader.Parse(VaultConfigV2Tests.V2, T0).Config!;

    private static decimal GrossLimit(VaultDefinition v) =>
        Math.Min(v.Allocation.GrossCap, (v.Loan?.MaxLeverage ?? 1m) - (v.Caps?.CashBuffer ?? 0m));

    [Theory]
    [InlineData(1, FlipMode.Off, false)]
    [InlineData(2, FlipMode.Contrarian, false)]
    [InlineData(3, FlipMode.Chaos, false)]
    [InlineData(4, FlipMode.Off, true)]
    [InlineData(5, FlipMode.Chaos, true)]
    public void No_vault_exceeds_a_cap_or_its_capital_and_expired_convictions_never_act(int seed, FlipMode flip, bool maintenance)
    {
        var config = Config();
        var overlay = VaultOverlay.Default with { Flip = flip, ChaosShare = 0.3m, ChaosSeed = seed, Maintenance = maintenance };
        var allocator = new VaultAllocator(config, VaultConfigLoader.ToDocument(config, T0), overlay);
        foreach (var (c, now) in Sequence(seed))
        {
            var before = allocator.Positions.ToDictionary(kv => kv.Key, kv => kv.Value);
            var intents = allocator.Allocate(new Observed<ConvictionVector>(new EventId("e" + c.SignalId.Value), c), now);
            if (!c.IsLiveAt(now))
                Assert.Empty(intents);
            foreach (var v in config.Vaults)
            {
                var book = allocator.Positions[v.Id];
                var perName = Math.Min(v.Allocation.MaxWeightPerSymbol, Personas.PersonaCatalog.Find(v.Persona, config.Personas)!.MaxPosition);
                Assert.All(book.Values, w => Assert.True(Math.Abs(w) <= perName));
                Assert.True(book.Values.Sum(Math.Abs) <= GrossLimit(v));
                Assert.True(Math.Abs(book.Values.Sum()) <= (v.Caps?.MaxNetExposure ?? 1m));
                // Never more capital than the vault has (times its leverage for a loan vault).
                Assert.True(book.Values.Sum(Math.Abs) * v.Capital <= v.Capital * (v.Loan?.MaxLeverage ?? 1m));
                if (maintenance)
                {
                    foreach (var (symbol, w) in book)
                    {
                        var was = before[v.Id].GetValueOrDefault(symbol);
                        Assert.True(Math.Sign(was) == Math.Sign(w) && Math.Abs(w) <= Math.Abs(was), $"{v.Id} {symbol} grew in maintenance");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Contrarian_negates_sides_and_the_same_state_twice_makes_no_intents(int seed)
    {
        var random = new Random(seed);
        var convictions = Symbols.Select(s => Of(s, Math.Round((decimal)(random.NextDouble() * 2 - 1), 3), T0).Value).ToList();
        var vault = new VaultDefinition(new VaultId("v"), 100000m, "balanced", ["equity"],
            new AllocationRules(AllocationMode.Proportional, 0.05m, 0.2m, 1m, 0m), true, false);
        var config = new VaultConfig(1, "USD", [vault]);
        var plain = VaultAllocator.Explain(config, convictions, T0)[0].Book;
        var flipped = VaultAllocator.Explain(config, convictions, T0, VaultOverlay.Default with { Flip = FlipMode.Contrarian })[0].Book;
        Assert.Equal(plain.Keys, flipped.Keys);
        Assert.All(plain, kv => Assert.Equal(-kv.Value, flipped[kv.Key]));

        var allocator = new VaultAllocator(config, VaultConfigLoader.ToDocument(config, T0));
        Assert.NotEmpty(allocator.AllocateBatch(convictions, T0));
        Assert.Empty(allocator.AllocateBatch(convictions, T0.AddSeconds(1)));
    }

    [Fact]
    public void Loan_vaults_stay_isolated()
    {
        var config = Config();
        var convictions = Symbols.Select((s, i) => Of(s, 0.1m * (i + 1) - 0.45m, T0).Value).ToList();
        var alone = VaultAllocator.Explain(config with { Vaults = [.. config.Vaults.Where(v => v.IsLoan)] }, convictions, T0);
        var together = VaultAllocator.Explain(config, convictions, T0, states: new Dictionary<VaultId, VaultState>
        {
            [new VaultId("core")] = new(10m, 100000m),
        });
        var loanAlone = Assert.Single(alone);
        var loanTogether = together.Single(p => p.Vault == loanAlone.Vault);
        Assert.Equal(loanAlone.Book, loanTogether.Book);
        // Changing another vault's capital changes nothing in the loan vault, and the other way round.
        var richer = config with { Vaults = [.. config.Vaults.Select(v => v.IsLoan ? v : v with { Capital = v.Capital * 10 })] };
        Assert.Equal(loanAlone.Book, VaultAllocator.Explain(richer, convictions, T0).Single(p => p.Vault == loanAlone.Vault).Book);
    }
}
