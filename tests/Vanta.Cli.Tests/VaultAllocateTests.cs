using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Serialization;
using Vanta.Vaults.Config;

namespace Vanta.Cli.Tests;

/// <summary>
/// `vanta vault allocate` on the default vault (long only, min conviction 0.05, 0.2 per name, rebalance band
/// 0.05) and a hand-made signals file.
/// </summary>
public sealed class VaultAllocateTests
{
    private static readonly DateTimeOffset T0 = new(2019, 6, 3, 20, 0, 0, TimeSpan.Zero);

    private static ConvictionVector Conviction(string symbol, decimal score, DateTimeOffset issuedAt, TimeSpan ttl)
    {
        var signal = new SignalId(ContentHash.Id(symbol, score.ToString(CultureInfo.InvariantCulture), issuedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)));
        return new ConvictionVector(
            signal, symbol, score,
            ImmutableSortedDictionary.Create<string, decimal>(StringComparer.Ordinal).Add("test", score),
            ImmutableSortedDictionary.Create<string, decimal>(StringComparer.Ordinal).Add("test@1", 1m),
            issuedAt, ttl, issuedAt + ttl, ["equity"], []);
    }

    private static (string Signals, string Vaults, string Dir) Files()
    {
        var dir = RepoPaths.NewTempDirectory("vault-allocate");
        ImmutableArray<ConvictionVector> signals =
        [
            Conviction("AAPL", 0.15m, T0, TimeSpan.FromHours(1)),
            Conviction("MSFT", 0.6m, T0 - TimeSpan.FromHours(2), TimeSpan.FromHours(1)), // expired at T0
            Conviction("TSLA", -0.5m, T0, TimeSpan.FromHours(1)), // short, vault is long only
            Conviction("NVDA", 0.03m, T0, TimeSpan.FromHours(1)), // within min_conviction
        ];
        var signalsPath = Path.Combine(dir, "trade_signals.json");
        File.WriteAllBytes(signalsPath, JsonSerializer.SerializeToUtf8Bytes(signals, VantaJsonContext.Default.ImmutableArrayConvictionVector));
        var vaultsPath = Path.Combine(dir, "vault.json");
        VaultConfigLoader.Write(vaultsPath, VaultConfig.Default);
        return (signalsPath, vaultsPath, dir);
    }

    [Fact]
    public async Task Flat_book_opens_the_live_signal_and_ignores_the_expired_one()
    {
        var (signals, vaults, _) = Files();

        var result = await VantaRunner.InvokeAsync("vault", "allocate", "--signals", signals, "--vaults", vaults);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("dry run at 2019-06-03T20:00:00Z", result.Output);
        Assert.Contains("core AAPL 0 -> 0.15 made: conviction 0.15 -> balanced 0.15 -> weight 0.150000", result.Output);
        Assert.Contains("ignored MSFT: conviction 0.6 expired at 2019-06-03T19:00:00Z", result.Output);
        Assert.DoesNotContain("core MSFT", result.Output);
        Assert.DoesNotContain("core TSLA", result.Output);
        Assert.DoesNotContain("core NVDA", result.Output);
        Assert.Contains("1 made, 0 refused, 1 ignored", result.Output);
    }

    [Fact]
    public async Task Held_positions_are_refused_within_the_band_and_exited_without_a_conviction()
    {
        var (signals, vaults, dir) = Files();
        var positions = Path.Combine(dir, "positions.json");
        File.WriteAllText(positions, """{ "core": { "AAPL": 0.12, "GOOG": 0.1 } }""");

        var result = await VantaRunner.InvokeAsync("vault", "allocate", "--signals", signals, "--vaults", vaults, "--positions", positions);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("core AAPL 0.12 -> 0.15 refused: change 0.03 within rebalance_band 0.05", result.Output);
        Assert.Contains("core GOOG 0.1 -> 0 made: exit: no live conviction", result.Output);
        Assert.Contains("1 made, 1 refused, 1 ignored", result.Output);
    }

    [Fact]
    public async Task Maintenance_makes_no_new_risk_but_allows_exits()
    {
        var (signals, vaults, dir) = Files();
        var overlay = Path.Combine(dir, "vault_overlay.json");
        File.WriteAllText(overlay, """{ "schema_version": 1, "maintenance": true }""");
        var positions = Path.Combine(dir, "positions.json");
        File.WriteAllText(positions, """{ "core": { "GOOG": 0.1 } }""");

        var result = await VantaRunner.InvokeAsync("vault", "allocate", "--signals", signals, "--vaults", vaults, "--overlay", overlay, "--positions", positions);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain("core AAPL", result.Output);
        Assert.Contains("core GOOG 0.1 -> 0 made: exit: no live conviction", result.Output);
        Assert.Contains("1 made, 0 refused, 1 ignored", result.Output);
    }

    [Fact]
    public async Task Now_after_every_expiry_ignores_all_signals()
    {
        var (signals, vaults, _) = Files();

        var result = await VantaRunner.InvokeAsync("vault", "allocate", "--signals", signals, "--vaults", vaults, "--now", "2019-06-04T00:00:00Z");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("core: no moves", result.Output);
        Assert.Contains("0 made, 0 refused, 4 ignored", result.Output);
    }

    [Fact]
    public async Task With_prices_each_made_move_shows_its_target_quantity_and_collar_limit()
    {
        var (signals, vaults, dir) = Files();
        var prices = Path.Combine(dir, "prices.json");
        File.WriteAllText(prices, """{ "AAPL": 190.5, "TSLA": 240 }""");

        // 100,000 x 0.15 / 190.5 = 78.7: whole lots towards zero. The default vault has no collar.
        var plain = await VantaRunner.InvokeAsync("vault", "allocate", "--signals", signals, "--vaults", vaults, "--prices", prices);
        Assert.True(plain.ExitCode == 0, plain.Error);
        Assert.Contains("core AAPL 0 -> 0.15 made: conviction 0.15 -> balanced 0.15 -> weight 0.150000 [target 78 at 190.5]", plain.Output);

        // A 2% collar: a buy pays at most 190.5 x 1.02 = 194.31.
        var collared = Path.Combine(dir, "collared.json");
        File.WriteAllText(collared, """
            { "schema_version": 2, "base_currency": "USD", "vaults": [
              { "id": "core", "capital": 100000, "routing_tags": ["equity"],
                "allocation": { "mode": "proportional", "min_conviction": 0.05, "max_weight_per_symbol": 0.2, "gross_cap": 0.95, "rebalance_band": 0.05 },
                "caps": { "lot_size": 5, "limit_collar": 0.02 } } ] }
            """);
        var limited = await VantaRunner.InvokeAsync("vault", "allocate", "--signals", signals, "--vaults", collared, "--prices", prices);
        Assert.True(limited.ExitCode == 0, limited.Error);
        Assert.Matches(@"core AAPL 0 -> [0-9.]+ made: .* \[target [0-9]*[05] at 190\.5, buy limit 194\.31\]", limited.Output);

        File.WriteAllText(prices, """{ "AAPL": -1 }""");
        var bad = await VantaRunner.InvokeAsync("vault", "allocate", "--signals", signals, "--vaults", vaults, "--prices", prices);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("AAPL must be a positive price (was -1)", bad.Error);
    }

    [Fact]
    public async Task Bad_positions_or_now_are_usage_errors()
    {
        var (signals, vaults, dir) = Files();
        var positions = Path.Combine(dir, "positions.json");
        File.WriteAllText(positions, """{ "nope": { "AAPL": 0.1 } }""");

        var unknown = await VantaRunner.InvokeAsync("vault", "allocate", "--signals", signals, "--vaults", vaults, "--positions", positions);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("nope", unknown.Error);

        var now = await VantaRunner.InvokeAsync("vault", "allocate", "--signals", signals, "--vaults", vaults, "--now", "yesterday");
        Assert.Equal(2, now.ExitCode);
        Assert.Contains("--now", now.Error);
    }
}
