using Vanta.Core.Domain;
using Vanta.Core.Ids;

namespace Vanta.Executor.Orders;

/// <summary>An order that is not yet terminal, as written to <c>memory/open_orders.json</c>.</summary>
public sealed record OpenOrder(
    OrderId OrderId,
    ClientOrderId ClientOrderId,
    IntentId IntentId,
    VaultId VaultId,
    string Symbol,
    OrderSide Side,
    OrderType Type,
    decimal Quantity,
    decimal FilledQuantity,
    OrderStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public decimal RemainingQuantity => Quantity - FilledQuantity;

    /// <summary>Remaining quantity signed by side: positive for buys, negative for sells.</summary>
    public decimal SignedRemaining => Side == OrderSide.Buy ? RemainingQuantity : -RemainingQuantity;
}
