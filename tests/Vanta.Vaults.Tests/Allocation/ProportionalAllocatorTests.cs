using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Vaults.Allocation;
using Vanta.Vaults.Config;
using static Vanta.Vaults.Tests.Allocation.Convictions;

namespace Vanta.Vaults.Tests.Allocation;

public sealed class ProportionalAllocatorTests
{
    private const string Version = "cfg-v1";

    private static (string Symbol, decimal Weight)[] Moves(IEnumerable<AllocationIntent> intents) =>
        [.. intents.Select(i => (i.Symbol, i.TargetWeight))];

    [Fact]
    public void Weights_follow_conviction_capped_per_symbol_then_scaled_to_gross_cap()
    {
        var allocator = new ProportionalAllocator(Vault(cap: 0.2m, gross: 0.5m, band: 0.02m), Version);
        var t = T0;

        // AAPL 0.10 is under the cap: weight = score.
        Assert.Equal([("AAPL", 0.1m)], Moves(allocator.Allocate(Of("AAPL", 0.10m, t), t)));
        // MSFT 0.30 is capped at 0.20; gross 0.30 <= 0.50, AAPL untouched.
        Assert.Equal([("MSFT", 0.2m)], Moves(allocator.Allocate(Of("MSFT", 0.30m, t), t)));
        // NVDA 0.40 capped at 0.20; gross 0.50 = cap, no scaling.
        Assert.Equal([("NVDA", 0.2m)], Moves(allocator.Allocate(Of("NVDA", 0.40m, t), t)));
        // TSLA 0.25 capped at 0.20; gross 0.70 > 0.50, scale = 0.5 / 0.7 = 0.714285714...
        //   AAPL 0.10 * 0.7142857 = 0.0714285 -> 0.071428 (moved 0.028572 >= band)
        //   others 0.20 * 0.7142857 = 0.1428571 -> 0.142857
        //   sum = 0.071428 + 3 * 0.142857 = 0.499999 <= 0.5
        var intents = allocator.Allocate(Of("TSLA", 0.25m, t), t);

        Assert.Equal([("AAPL", 0.071428m), ("MSFT", 0.142857m), ("NVDA", 0.142857m), ("TSLA", 0.142857m)], Moves(intents));
        Assert.Equal("conviction 0.40 -> weight 0.142857, capped at 0.2, scaled to gross_cap 0.5", intents[2].Reason);
        Assert.Equal(0.499999m, allocator.CurrentTargets.Values.Sum());
    }

    [Fact]
    public void Intent_carries_content_derived_id_and_the_convictions_expiry()
    {
        var allocator = new ProportionalAllocator(Vault(), Version);
        var conviction = Of("AAPL", 0.1m, T0, TimeSpan.FromMinutes(30));
        var now = T0.AddMinutes(5);

        var intent = Assert.Single(allocator.Allocate(conviction, now));

        var expectedId = ContentHash.Id("core", "AAPL", "0.100000", conviction.Value.SignalId.Value, now.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(new IntentId(expectedId), intent.IntentId);
        Assert.Equal(new VaultId("core"), intent.VaultId);
        Assert.Equal(conviction.Value.SignalId, intent.SignalId);
        Assert.Equal(0.1m, intent.ConvictionScore);
        Assert.Equal(Version, intent.ConfigVersion);
        Assert.Equal(now, intent.IssuedAt);
        Assert.Equal(T0.AddMinutes(30), intent.ExpiresAt);
        Assert.Equal("conviction 0.1 -> weight 0.100000", intent.Reason);
    }

    [Fact]
    public void Moves_smaller_than_the_band_are_held_back_and_measured_from_the_last_emitted_target()
    {
        var allocator = new ProportionalAllocator(Vault(band: 0.02m), Version);

        allocator.Allocate(Of("AAPL", 0.10m, T0), T0);
        Assert.Empty(allocator.Allocate(Of("AAPL", 0.11m, T0.AddMinutes(1)), T0.AddMinutes(1)));
        Assert.Empty(allocator.Allocate(Of("AAPL", 0.119m, T0.AddMinutes(2)), T0.AddMinutes(2)));
        Assert.Equal([("AAPL", 0.12m)], Moves(allocator.Allocate(Of("AAPL", 0.12m, T0.AddMinutes(3)), T0.AddMinutes(3))));
    }

    [Fact]
    public void Held_back_reductions_are_emitted_when_the_book_would_exceed_the_gross_cap()
    {
        var allocator = new ProportionalAllocator(Vault(cap: 0.2m, gross: 0.5m, band: 0.02m), Version);
        allocator.Allocate(Of("AAPL", 0.2m, T0), T0);
        allocator.Allocate(Of("MSFT", 0.2m, T0), T0);

        // NVDA 0.11: gross 0.51, scale 0.5/0.51; AAPL and MSFT fall 0.2 -> 0.196078 (less than the band), but
        // holding them at 0.2 would make 0.2 + 0.2 + 0.107843 = 0.507843 > 0.5, so they are emitted too.
        var intents = allocator.Allocate(Of("NVDA", 0.11m, T0), T0);

        Assert.Equal([("AAPL", 0.196078m), ("MSFT", 0.196078m), ("NVDA", 0.107843m)], Moves(intents));
    }

    [Fact]
    public void Conviction_falling_to_the_threshold_exits_even_inside_the_band()
    {
        var allocator = new ProportionalAllocator(Vault(min: 0.05m, band: 0.08m), Version);
        allocator.Allocate(Of("AAPL", 0.30m, T0), T0);
        Assert.Equal([("AAPL", 0.07m)], Moves(allocator.Allocate(Of("AAPL", 0.07m, T0.AddMinutes(1)), T0.AddMinutes(1))));

        // 0.07 -> 0 is less than the 0.08 band, but an exit is always emitted.
        var exit = Assert.Single(allocator.Allocate(Of("AAPL", 0.05m, T0.AddMinutes(2)), T0.AddMinutes(2)));

        Assert.Equal(0m, exit.TargetWeight);
        Assert.Equal("exit: conviction 0.05 within min_conviction 0.05", exit.Reason);
        Assert.Empty(allocator.CurrentTargets);
    }

    [Fact]
    public void Expired_conviction_is_never_acted_on()
    {
        var allocator = new ProportionalAllocator(Vault(), Version);
        var conviction = Of("AAPL", 0.3m, T0, TimeSpan.FromHours(1));

        Assert.Empty(allocator.Allocate(conviction, T0.AddHours(1)));
        // Nor does it linger in the book to be acted on later.
        Assert.Equal([("MSFT", 0.1m)], Moves(allocator.Allocate(Of("MSFT", 0.1m, T0), T0)));
    }

    [Fact]
    public void Expired_book_entry_is_dropped_and_exited_on_the_next_conviction()
    {
        var allocator = new ProportionalAllocator(Vault(), Version);
        allocator.Allocate(Of("AAPL", 0.1m, T0, TimeSpan.FromHours(1)), T0);
        var later = T0.AddHours(2);
        var trigger = Of("MSFT", 0.1m, later);

        var intents = allocator.Allocate(trigger, later);

        Assert.Equal([("AAPL", 0m), ("MSFT", 0.1m)], Moves(intents));
        Assert.Equal("exit: conviction expired", intents[0].Reason);
        Assert.Equal(trigger.Value.SignalId, intents[0].SignalId);
        Assert.Equal(trigger.Value.ExpiresAt, intents[0].ExpiresAt);
        Assert.Equal(0m, intents[0].ConvictionScore);
    }

    [Fact]
    public void Only_convictions_routed_to_the_vault_are_booked()
    {
        var allocator = new ProportionalAllocator(Vault(tag: "equity"), Version);

        Assert.Empty(allocator.Allocate(Of("BTC", 0.5m, T0, tag: "crypto"), T0));
        Assert.Empty(allocator.CurrentTargets);
    }

    [Fact]
    public void Shorts_need_allow_short()
    {
        var longOnly = new ProportionalAllocator(Vault(allowShort: false), Version);
        var longShort = new ProportionalAllocator(Vault(allowShort: true), Version);

        Assert.Empty(longOnly.Allocate(Of("AAPL", -0.3m, T0), T0));
        Assert.Equal([("AAPL", -0.2m)], Moves(longShort.Allocate(Of("AAPL", -0.3m, T0), T0)));
    }

    [Fact]
    public void An_older_conviction_arriving_late_does_not_replace_a_newer_one()
    {
        var allocator = new ProportionalAllocator(Vault(), Version);
        allocator.Allocate(Of("AAPL", 0.15m, T0.AddMinutes(10)), T0.AddMinutes(10));

        Assert.Empty(allocator.Allocate(Of("AAPL", 0.06m, T0), T0.AddMinutes(11)));
        Assert.Equal(0.15m, allocator.CurrentTargets["AAPL"]);
    }

    [Fact]
    public void Composite_runs_vaults_in_ordinal_id_order_with_the_document_version()
    {
        var config = new VaultConfig(1, "USD", [Vault(id: "zeta"), Vault(id: "alpha"), Vault(id: "crypto", tag: "crypto")]);
        var document = VaultConfigLoader.ToDocument(config, T0);

        var intents = CompositeAllocator.ForVaults(config, document).Allocate(Of("AAPL", 0.1m, T0), T0);

        Assert.Equal(["alpha", "zeta"], intents.Select(i => i.VaultId.Value));
        Assert.All(intents, i => Assert.Equal(document.Version, i.ConfigVersion));
    }
}
