using System.Globalization;
using Vanta.Vaults.Config;
using Vanta.Vaults.Engine;
using Vanta.Vaults.Overlay;
using static Vanta.Vaults.Tests.Allocation.Convictions;

namespace Vanta.Vaults.Tests.Engine;

/// <summary>
/// The allocator shares routing, raw weights and targets between vaults that size alike; each vault's book must
/// still be exactly (value and scale) what planning that vault alone gives.
/// </summary>
public sealed class SharedTargetsTests
{
    [Theory]
    [InlineData(1, null)]
    [InlineData(2, """{ "schema_version": 1, "flip": { "mode": "chaos", "share": 0.3, "seed": 7 } }""")]
    [InlineData(3, """{ "schema_version": 1, "flip": { "mode": "contrarian" } }""")]
    public void Shared_work_gives_each_vault_the_book_it_would_get_alone(int seed, string? overlayJson)
    {
        var random = new Random(seed);
        // 16 vaults over few choices, so many share some layers and not others; "0.10" and "0.1" differ in scale only.
        var vaults = Enumerable.Range(0, 16).Select(i => string.Create(CultureInfo.InvariantCulture, $$"""
            { "id": "v{{i:D2}}", "capital": {{10000 + (i * 1000)}}, "persona": "{{(i % 3 == 0 ? "aggressive" : "balanced")}}",
              "routing_tags": ["equity"], "allow_short": {{(random.Next(2) == 0 ? "true" : "false")}},
              "allocation": { "mode": "proportional", "min_conviction": {{(random.Next(2) == 0 ? "0.05" : "0.1")}},
                              "max_weight_per_symbol": {{new[] { "0.05", "0.1", "0.10" }[random.Next(3)]}}, "gross_cap": {{(random.Next(2) == 0 ? "0.5" : "0.95")}} } }
            """));
        var loaded = VaultConfigLoader.Parse($$"""{ "schema_version": 2, "base_currency": "USD", "vaults": [{{string.Join(",", vaults)}}] }""", T0);
        Assert.True(loaded.IsSuccess, string.Join("\n", loaded.Errors));
        var overlay = overlayJson is null ? null : VaultOverlayLoader.Parse(overlayJson, T0);
        var allocator = new VaultAllocator(loaded.Config, loaded.Document, overlay?.Overlay, overlay?.Document);

        var now = T0;
        for (var round = 0; round < 5; round++)
        {
            now = now.AddMinutes(20);
            var convictions = Enumerable.Range(0, 120).Select(i =>
                Of("S" + random.Next(60).ToString("D2", CultureInfo.InvariantCulture), Math.Round((decimal)((random.NextDouble() * 2) - 1), random.Next(1, 7)), now,
                    TimeSpan.FromMinutes(random.Next(10, 90))).Value).ToList();
            var before = allocator.Positions.ToDictionary(kv => kv.Key, kv => kv.Value);
            allocator.AllocateBatch(convictions, now);
            var alone = VaultAllocator.Explain(loaded.Config, allocator.Convictions, now, overlay?.Overlay, before);
            Assert.NotEmpty(alone.SelectMany(p => p.Book));
            foreach (var plan in alone)
            {
                var expected = plan.Book.Select(kv => $"{kv.Key}={kv.Value.ToString(CultureInfo.InvariantCulture)}");
                var actual = allocator.Positions[plan.Vault].Select(kv => $"{kv.Key}={kv.Value.ToString(CultureInfo.InvariantCulture)}");
                Assert.Equal(expected, actual);
            }
        }
    }
}
