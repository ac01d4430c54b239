using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;
using Vanta.Executor.Orders;
using Vanta.Executor.Risk;

namespace Vanta.Executor.Tests.Risk;

/// <summary>A gate on a fake clock with one vault, <c>core</c>, holding 100,000 in cash; AAPL and MSFT marked at 100.</summary>
internal sealed class RiskFixture
{
    public static readonly VaultId Main = Builders.CoreVault;
    public static readonly VaultId Other = new("growth");

    private int _next;

    public RiskFixture(RiskLimits? limits = null, decimal cash = 100_000m)
    {
        Clock = new FakeTimeProvider(Builders.Day1);
        Gate = new RiskGate(Clock);
        Gate.OpenVault(Main, cash, limits ?? RiskLimits.Default);
        Gate.Mark("AAPL", 100m);
        Gate.Mark("MSFT", 100m);
    }

    public FakeTimeProvider Clock { get; }
    public RiskGate Gate { get; }

    public Order Order(string symbol, OrderSide side, decimal quantity, decimal? limit = null, VaultId? vault = null)
    {
        var intent = new IntentId("intent-" + (_next++).ToString(CultureInfo.InvariantCulture));
        return new Order(OrderIds.OrderIdFor(intent), OrderIds.ClientOrderIdFor(intent), intent, vault ?? Main, symbol, side,
            limit is null ? OrderType.Market : OrderType.Limit, quantity, limit, TimeInForce.Day, Clock.GetUtcNow());
    }

    public RiskDecision Check(Order order, decimal? quote = null) => Gate.Evaluate(order, Role.Alpha, quote);

    public RiskDecision Check(string symbol, OrderSide side, decimal quantity, decimal? limit = null) => Check(Order(symbol, side, quantity, limit));

    /// <summary>Approves and fills an order in full at <paramref name="price"/> (the reference when null).</summary>
    public void Trade(string symbol, OrderSide side, decimal quantity, decimal? price = null, decimal fee = 0m, VaultId? vault = null)
    {
        var order = Order(symbol, side, quantity, vault: vault);
        var decision = Check(order);
        Assert.True(decision.IsApproved, decision.ToString());
        Fill(order, price ?? Gate.ReferencePriceOf(symbol)!.Value, fee);
    }

    public void Fill(Order order, decimal price, decimal fee = 0m, decimal? quantity = null)
    {
        var qty = quantity ?? order.Quantity;
        Gate.ApplyFill(new Fill(new FillId("fill-" + (_next++).ToString(CultureInfo.InvariantCulture)), order.OrderId, order.ClientOrderId,
            order.VaultId, order.Symbol, order.Side, qty, price, fee, Clock.GetUtcNow()));
        if (quantity is null)
            Gate.ApplyOrderEvent(new OrderEvent(order.OrderId, order.ClientOrderId, OrderStatus.Filled, qty, price, null, Clock.GetUtcNow()));
    }

    public void End(Order order, OrderStatus status, decimal filled = 0m) =>
        Gate.ApplyOrderEvent(new OrderEvent(order.OrderId, order.ClientOrderId, status, filled, null, "test", Clock.GetUtcNow()));

    public static RiskDecision.Denied Denied(RiskDecision decision, RiskDenialReason reason, RiskFence fence)
    {
        var denied = Assert.IsType<RiskDecision.Denied>(decision);
        Assert.Equal(reason, denied.Reason);
        Assert.Equal(fence, denied.Fence);
        return denied;
    }

    public static void Approved(RiskDecision decision) => Assert.True(decision.IsApproved, decision.ToString());
}
