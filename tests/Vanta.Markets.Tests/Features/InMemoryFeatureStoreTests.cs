using Vanta.Markets.Features;
using static Vanta.Markets.Tests.Features.FeatureKit;

namespace Vanta.Markets.Tests.Features;

public sealed class InMemoryFeatureStoreTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromDays(2);

    [Fact]
    public void A_value_written_for_a_later_time_first_is_invisible_to_an_earlier_snapshot()
    {
        var store = new InMemoryFeatureStore();
        store.Put("ACME", "x", 2m, Day(5), Ttl);
        store.Put("ACME", "x", 1m, Day(3), Ttl);

        Assert.Null(store.Snapshot("ACME", Day(2)).Get("x"));
        Assert.Equal(1m, store.Snapshot("ACME", Day(3)).Get("x"));
        Assert.Equal(1m, store.Snapshot("ACME", Day(5).AddTicks(-1)).Get("x"));
        Assert.Equal(2m, store.Snapshot("ACME", Day(5)).Get("x"));
    }

    [Fact]
    public void A_value_expires_at_as_of_plus_ttl_exclusive()
    {
        var store = new InMemoryFeatureStore();
        store.Put("ACME", "x", 1m, Day(0), Ttl);

        Assert.Equal(1m, store.Snapshot("ACME", Day(2).AddTicks(-1)).Get("x"));
        Assert.Null(store.Snapshot("ACME", Day(2)).Get("x"));
    }

    [Fact]
    public void An_expired_latest_value_does_not_let_an_older_longer_lived_one_show_through()
    {
        var store = new InMemoryFeatureStore();
        store.Put("ACME", "x", 1m, Day(0), TimeSpan.FromDays(10));
        store.Put("ACME", "x", 2m, Day(1), TimeSpan.FromDays(1));

        Assert.Equal(2m, store.Snapshot("ACME", Day(1)).Get("x"));
        Assert.Null(store.Snapshot("ACME", Day(3)).Get("x"));
        Assert.Equal(new FeatureValue(2m, Day(1), Day(2)), store.Latest("ACME", "x", Day(3)));
    }

    [Fact]
    public void A_second_write_at_the_same_time_replaces_the_first()
    {
        var store = new InMemoryFeatureStore();
        store.Put("ACME", "x", 1m, Day(0), Ttl);
        store.Put("ACME", "x", 3m, Day(0), Ttl);

        Assert.Equal(3m, store.Snapshot("ACME", Day(0)).Get("x"));
    }

    [Fact]
    public void History_is_bounded_and_drops_the_oldest_as_of()
    {
        var store = new InMemoryFeatureStore(historyPerFeature: 2);
        store.Put("ACME", "x", 1m, Day(0), Ttl);
        store.Put("ACME", "x", 2m, Day(1), Ttl);
        store.Put("ACME", "x", 3m, Day(2), Ttl);
        store.Put("ACME", "x", 0m, Day(-1), Ttl); // older than all kept, no room: never the latest again

        Assert.Null(store.Snapshot("ACME", Day(0)).Get("x"));
        Assert.Equal(2m, store.Snapshot("ACME", Day(1)).Get("x"));
        Assert.Equal(3m, store.Snapshot("ACME", Day(2)).Get("x"));
    }

    [Fact]
    public void A_snapshot_holds_the_symbols_features_in_ordinal_order_and_nothing_of_other_symbols()
    {
        var store = new InMemoryFeatureStore();
        store.Put("ACME", "b", 2m, Day(0), Ttl);
        store.Put("ACME", "B", 1m, Day(0), Ttl);
        store.Put("ACME", "a", 3m, Day(0), Ttl);
        store.Put("OTHER", "z", 9m, Day(0), Ttl);

        var snapshot = store.Snapshot("ACME", Day(1));
        Assert.Equal(["B", "a", "b"], snapshot.Values.Keys);
        Assert.Equal(Day(1), snapshot.AsOf);
        Assert.Empty(store.Snapshot("NONE", Day(1)).Values);
        Assert.Equal(["ACME", "OTHER"], store.Symbols.AsEnumerable());
    }

    [Fact]
    public void A_non_positive_ttl_is_a_bug()
    {
        var store = new InMemoryFeatureStore();
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Put("ACME", "x", 1m, Day(0), TimeSpan.Zero));
    }
}
