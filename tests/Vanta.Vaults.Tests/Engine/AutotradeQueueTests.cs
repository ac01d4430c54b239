using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Vaults.Engine;
using static Vanta.Vaults.Tests.Allocation.Convictions;

namespace Vanta.Vaults.Tests.Engine;

public sealed class AutotradeQueueTests
{
    private static AllocationIntent Intent(string vault, string symbol, decimal weight, DateTimeOffset issuedAt, TimeSpan? ttl = null) =>
        new(new IntentId($"{vault}-{symbol}-{weight}-{issuedAt.UtcTicks}"), new VaultId(vault), symbol, weight, new SignalId("s"), 0.5m, "v1",
            issuedAt, issuedAt + (ttl ?? TimeSpan.FromHours(1)), "test");

    [Fact]
    public void The_same_vault_symbol_and_target_makes_no_new_intent()
    {
        var queue = new AutotradeQueue();
        Assert.True(queue.Offer(Intent("core", "AAPL", 0.1m, T0), T0));
        // Re-issued later with a new id (a reload, a replay): still the queued target.
        Assert.False(queue.Offer(Intent("core", "AAPL", 0.1m, T0.AddMinutes(5)), T0.AddMinutes(5)));
        // Same target in another vault, another symbol, or a new target: new intents.
        Assert.True(queue.Offer(Intent("growth", "AAPL", 0.1m, T0), T0.AddMinutes(5)));
        Assert.True(queue.Offer(Intent("core", "MSFT", 0.1m, T0), T0.AddMinutes(5)));
        Assert.True(queue.Offer(Intent("core", "AAPL", 0.2m, T0.AddMinutes(6)), T0.AddMinutes(6)));
        // The 0.1 intent was replaced by 0.2, so going back to 0.1 is a new intent again.
        Assert.True(queue.Offer(Intent("core", "AAPL", 0.1m, T0.AddMinutes(7)), T0.AddMinutes(7)));

        Assert.Equal(1, queue.Duplicates);
        Assert.Equal(
            [("core", "AAPL", 0.1m), ("core", "MSFT", 0.1m), ("growth", "AAPL", 0.1m)],
            queue.Snapshot(T0.AddMinutes(7)).Select(i => (i.VaultId.Value, i.Symbol, i.TargetWeight)));
    }

    [Fact]
    public void Expired_intents_leave_the_queue_and_no_longer_count_as_duplicates()
    {
        var queue = new AutotradeQueue();
        Assert.True(queue.Offer(Intent("core", "AAPL", 0.1m, T0, TimeSpan.FromMinutes(10)), T0));
        Assert.True(queue.Offer(Intent("core", "MSFT", 0.1m, T0, TimeSpan.FromHours(2)), T0));

        // At expiry exactly an intent is void (now >= expires_at).
        Assert.Equal(["MSFT"], queue.Snapshot(T0.AddMinutes(10)).Select(i => i.Symbol));
        Assert.Equal(1, queue.Expired);

        // The expired target may be queued again.
        Assert.True(queue.Offer(Intent("core", "AAPL", 0.1m, T0.AddMinutes(11)), T0.AddMinutes(11)));
        // An intent already expired when offered is never queued.
        Assert.False(queue.Offer(Intent("core", "XOM", 0.1m, T0, TimeSpan.FromMinutes(1)), T0.AddMinutes(11)));
        Assert.Equal(2, queue.Count);
        Assert.Equal(0, queue.DropExpired(T0.AddMinutes(11)));
        Assert.Equal(2, queue.DropExpired(T0.AddHours(3)));
        Assert.Empty(queue.Snapshot(T0.AddHours(3)));
    }
}
