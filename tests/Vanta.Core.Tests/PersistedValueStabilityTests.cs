using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;

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
}
