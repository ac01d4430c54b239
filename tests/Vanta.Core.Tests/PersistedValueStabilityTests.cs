using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;
using Vanta.Core.Serialization;

namespace Vanta.Core.Tests;

/// <summary>Persisted names and numbers are frozen: journals written today must read tomorrow.</summary>
public sealed class PersistedValueStabilityTests
{
    [Fact]
    public void Event_kind_names_and_versions_are_frozen()
    {
        var expected = new Dictionary<string, int>
        {
            ["raw_document"] = 1,
            ["price_bar"] = 1,
            ["insider_transaction"] = 1,
            ["social_post"] = 1,
            ["news_item"] = 1,
            ["conviction"] = 2,
            ["allocation_intent"] = 2,
            ["order"] = 1,
            ["order_event"] = 1,
            ["fill"] = 1,
            ["position"] = 1,
            ["portfolio"] = 1,
            ["config"] = 1,
            ["heartbeat"] = 1,
            ["filing_notice"] = 1,
            ["institutional_holding"] = 1,
            ["macro_observation"] = 1,
            ["price_quote"] = 1,
            ["swarm_report"] = 1,
            ["quarantine"] = 1,
            ["risk_check"] = 1,
            ["trading_state"] = 1,
            ["order_routed"] = 1,
            ["reconciliation"] = 1,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), EventKinds.ByName.Select(p => KeyValuePair.Create(p.Key, p.Value.SchemaVersion)).OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData(OrderStatus.New, 1, "new")]
    [InlineData(OrderStatus.Submitted, 2, "submitted")]
    [InlineData(OrderStatus.Accepted, 3, "accepted")]
    [InlineData(OrderStatus.PartiallyFilled, 4, "partially_filled")]
    [InlineData(OrderStatus.Filled, 5, "filled")]
    [InlineData(OrderStatus.Cancelled, 6, "cancelled")]
    [InlineData(OrderStatus.Rejected, 7, "rejected")]
    [InlineData(OrderStatus.Expired, 8, "expired")]
    public void Order_status_values_are_frozen(OrderStatus status, int number, string name)
    {
        Assert.Equal(number, (int)status);
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(status));
    }

    [Theory]
    [InlineData(Role.Markets, 1, "markets")]
    [InlineData(Role.Alpha, 2, "alpha")]
    [InlineData(Role.Executor, 3, "executor")]
    public void Roles_are_frozen(Role role, int number, string name)
    {
        Assert.Equal(number, (int)role);
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(role));
    }

    [Fact]
    public void Side_and_trading_state_are_frozen()
    {
        Assert.Equal((1, 2), ((int)OrderSide.Buy, (int)OrderSide.Sell));
        Assert.Equal("\"sell\"", JsonSerializer.Serialize(OrderSide.Sell));
        Assert.Equal((1, 2, 3), ((int)TradingState.Active, (int)TradingState.Reducing, (int)TradingState.Halted));
    }

    // Payloads exactly as version 1 wrote them, before quantity/side/limit (intents) and rationale (convictions).
    private const string IntentV1 = """{"intent_id":"i1","vault_id":"core","symbol":"AAPL","target_weight":0.1,"signal_id":"s1","conviction_score":0.4,"config_version":"abc","issued_at":"2024-01-02T21:00:00+00:00","expires_at":"2024-01-06T21:00:00+00:00","reason":"conviction 0.4"}""";

    private const string ConvictionV1 = """{"signal_id":"s1","symbol":"AAPL","conviction_score":0.4,"reason_vector":{"momentum@2":0.4},"contributing_models":{"momentum@2":1},"issued_at":"2024-01-02T21:00:00+00:00","ttl":"4.00:00:00","expires_at":"2024-01-06T21:00:00+00:00","routing_tags":["equity"],"parents":["e1"]}""";

    [Fact]
    public void Records_of_the_older_versions_a_kind_reads_still_read_with_the_new_fields_at_their_defaults()
    {
        var intent = V1(EventKinds.AllocationIntent.Name, IntentV1);
        Assert.True(intent.Is(EventKinds.AllocationIntent));
        var read = intent.Read(EventKinds.AllocationIntent);
        Assert.Equal(("AAPL", 0.1m, (decimal?)null, (OrderSide?)null, (decimal?)null), (read.Symbol, read.TargetWeight, read.TargetQuantity, read.Side, read.LimitPrice));

        var conviction = V1(EventKinds.Conviction.Name, ConvictionV1).Read(EventKinds.Conviction);
        Assert.Equal(("AAPL", 0.4m, ""), (conviction.Symbol, conviction.ConvictionScore, conviction.Rationale));
        Assert.Equal(0.4m, conviction.ReasonVector["momentum@2"]);

        // Versions are read only when declared: a future version, or an old version of a kind that never said so, is refused by name.
        var future = V1(EventKinds.AllocationIntent.Name, IntentV1) with { SchemaVersion = 3 };
        Assert.False(future.Is(EventKinds.AllocationIntent));
        var error = Assert.Throws<InvalidOperationException>(() => future.Read(EventKinds.AllocationIntent));
        Assert.Contains("'allocation_intent@3', not 'allocation_intent@2' (versions read: 1, 2)", error.Message, StringComparison.Ordinal);
        Assert.False((V1(EventKinds.Order.Name, "{}") with { SchemaVersion = 0 }).Is(EventKinds.Order));
        Assert.Throws<ArgumentException>(() => new EventKind<Order>("order", 2, VantaJsonContext.Default.Order, 2));
    }

    private static Envelope V1(string type, string payload)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(payload);
        var ts = new DateTimeOffset(2024, 1, 2, 21, 0, 0, TimeSpan.Zero);
        var id = Envelope.DeriveId(type, 1, ts, bytes, []);
        return new Envelope(id, type, 1, ts, ts, new Producer("local", Role.Alpha), [], new CorrelationId(id.Value), bytes);
    }
}
