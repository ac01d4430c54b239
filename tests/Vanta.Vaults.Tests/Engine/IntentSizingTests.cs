using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Vaults.Config;
using Vanta.Vaults.Engine;
using static Vanta.Vaults.Tests.Allocation.Convictions;

namespace Vanta.Vaults.Tests.Engine;

/// <summary>Intents carry quantity, side and limit: capital x weight / last price in whole lots, the collar around the price.</summary>
public sealed class IntentSizingTests
{
    private const string Config = """
        { "schema_version": 2, "base_currency": "USD", "vaults": [
          { "id": "core", "capital": 100000, "routing_tags": ["equity"], "allow_short": true,
            "allocation": { "mode": "proportional", "min_conviction": 0.05, "max_weight_per_symbol": 0.2, "gross_cap": 0.95 },
            "caps": { "lot_size": 10, "limit_collar": 0.01 } } ] }
        """;

    private static VaultAllocator Allocator()
    {
        var loaded = VaultConfigLoader.Parse(Config, T0);
        Assert.True(loaded.IsSuccess, string.Join("\n", loaded.Errors));
        return new VaultAllocator(loaded.Config, loaded.Document);
    }

    [Fact]
    public void Quantity_rounds_towards_zero_to_whole_lots_and_limits_sit_on_the_collar()
    {
        var allocator = Allocator();
        allocator.Mark("AAPL", 187.33m);
        allocator.Mark("XOM", 101.17m);

        var intents = allocator.AllocateBatch([Of("AAPL", 0.15m, T0).Value, Of("XOM", -0.1m, T0).Value], T0);

        // AAPL: 100,000 x 0.15 / 187.33 = 80.07 shares = 8.007 lots -> 8 lots = 80; buy limit 187.33 x 1.01 = 189.2033.
        var aapl = Assert.Single(intents, i => i.Symbol == "AAPL");
        Assert.Equal((0.15m, 80m, OrderSide.Buy, 189.2033m), (aapl.TargetWeight, aapl.TargetQuantity!.Value, aapl.Side!.Value, aapl.LimitPrice!.Value));
        // XOM: 100,000 x -0.1 / 101.17 = -98.84 shares -> -9 lots = -90 (towards zero); sell limit 101.17 x 0.99 = 100.1583.
        var xom = Assert.Single(intents, i => i.Symbol == "XOM");
        Assert.Equal((-0.1m, -90m, OrderSide.Sell, 100.1583m), (xom.TargetWeight, xom.TargetQuantity!.Value, xom.Side!.Value, xom.LimitPrice!.Value));
    }

    [Fact]
    public void Side_follows_the_move_from_the_current_position_and_an_exit_targets_zero()
    {
        var allocator = Allocator();
        allocator.Mark("AAPL", 200m);
        Assert.Equal(OrderSide.Buy, Assert.Single(allocator.AllocateBatch([Of("AAPL", 0.15m, T0).Value], T0)).Side);

        // A weaker long belief shrinks the position: a sell, though the target stays long.
        var later = T0.AddMinutes(1);
        var shrink = Assert.Single(allocator.AllocateBatch([Of("AAPL", 0.1m, later).Value], later));
        Assert.Equal((0.1m, 50m, OrderSide.Sell), (shrink.TargetWeight, shrink.TargetQuantity!.Value, shrink.Side!.Value));

        // Expiry of every belief exits: target 0, quantity 0, a sell.
        var after = later.AddHours(2);
        var exit = Assert.Single(allocator.AllocateBatch([], after));
        Assert.Equal((0m, 0m, OrderSide.Sell, 198m), (exit.TargetWeight, exit.TargetQuantity!.Value, exit.Side!.Value, exit.LimitPrice!.Value));
    }

    [Fact]
    public void Without_a_price_there_is_no_quantity_nor_limit_and_without_a_collar_no_limit()
    {
        var intent = Assert.Single(Allocator().AllocateBatch([Of("AAPL", 0.15m, T0).Value], T0));
        Assert.Null(intent.TargetQuantity);
        Assert.Null(intent.LimitPrice);
        Assert.Equal(OrderSide.Buy, intent.Side);

        var plain = new VaultAllocator(new VaultConfig(1, "USD", [Vault()]), ConfigDocument.Of("vault", "{}", T0));
        plain.Mark("AAPL", 50m);
        var unlimited = Assert.Single(plain.AllocateBatch([Of("AAPL", 0.15m, T0).Value], T0));
        Assert.Equal(300m, unlimited.TargetQuantity);
        Assert.Null(unlimited.LimitPrice);
    }

    [Fact]
    public void Capital_changes_size_quantities_but_not_weights()
    {
        var allocator = Allocator();
        allocator.Mark("AAPL", 100m);
        Assert.True(allocator.SetCapital(new VaultId("core"), 50000m));
        Assert.False(allocator.SetCapital(new VaultId("nope"), 1m));
        var intent = Assert.Single(allocator.AllocateBatch([Of("AAPL", 0.15m, T0).Value], T0));
        Assert.Equal((0.15m, 70m), (intent.TargetWeight, intent.TargetQuantity!.Value));
    }

    [Fact]
    public void Reconfiguring_carries_books_over_so_the_same_state_makes_no_new_intents()
    {
        var loaded = VaultConfigLoader.Parse(Config, T0);
        var allocator = new VaultAllocator(loaded.Config!, loaded.Document!);
        Assert.Single(allocator.AllocateBatch([Of("AAPL", 0.15m, T0).Value], T0));

        // Only the capital changed: same weights, nothing to do.
        var richer = VaultConfigLoader.Parse(Config.Replace("100000", "200000", StringComparison.Ordinal), T0);
        var next = allocator.Reconfigure(richer.Config!, richer.Document!);
        Assert.Empty(next.AllocateBatch([], T0.AddMinutes(1)));
        Assert.NotEqual(allocator.Version, next.Version);

        // A lower cap moves the target, once.
        var tighter = VaultConfigLoader.Parse(Config.Replace("\"max_weight_per_symbol\": 0.2", "\"max_weight_per_symbol\": 0.1", StringComparison.Ordinal), T0);
        var third = next.Reconfigure(tighter.Config!, tighter.Document!);
        var moved = Assert.Single(third.AllocateBatch([], T0.AddMinutes(2)));
        Assert.Equal((0.1m, tighter.Document!.Version), (moved.TargetWeight, moved.ConfigVersion));
        Assert.Empty(third.AllocateBatch([], T0.AddMinutes(3)));
    }

    [Theory]
    [InlineData(0, "vaults[0].caps.limit_collar")]
    [InlineData(1, "vaults[0].caps.limit_collar")]
    public void A_collar_outside_0_to_1_is_refused_with_its_path(int collar, string path)
    {
        var result = VaultConfigLoader.Parse(Config.Replace("\"limit_collar\": 0.01", $"\"limit_collar\": {collar}", StringComparison.Ordinal), T0);
        Assert.Equal(path, Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void Sizing_helpers_hand_computed()
    {
        Assert.Equal(33m, IntentSizing.Quantity(10000m, 0.1m, 30m, 1m));     // 33.33 -> 33
        Assert.Equal(-33m, IntentSizing.Quantity(10000m, -0.1m, 30m, 1m));   // towards zero, not -34
        Assert.Equal(0.75m, IntentSizing.Quantity(100m, 0.5m, 60m, 0.25m));  // 0.8333 -> 3 lots of 0.25
        Assert.Equal(0m, IntentSizing.Quantity(100m, 0.01m, 60m, 1m));
        Assert.Equal(10.1m, IntentSizing.Limit(OrderSide.Buy, 10m, 0.01m));
        Assert.Equal(1.2345m, IntentSizing.Limit(OrderSide.Buy, 1.22231m, 0.01m));   // 1.2345331 rounded down
        Assert.Equal(1.2101m, IntentSizing.Limit(OrderSide.Sell, 1.22231m, 0.01m));  // 1.2100869 rounded up
    }
}
