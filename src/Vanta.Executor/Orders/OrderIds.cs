using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Ids;

namespace Vanta.Executor.Orders;

/// <summary>
/// Order ids derive from the intent id alone, so replaying or retrying an intent names the same order and a
/// broker that dedupes on client order id (all the real ones do) refuses a second one.
/// </summary>
public static class OrderIds
{
    private const int HexLength = 24;

    /// <summary><c>vanta-</c> + the first 24 hex digits of <c>ContentHash.Id(intent id)</c>.</summary>
    public static ClientOrderId ClientOrderIdFor(IntentId intentId) =>
        new("vanta-" + ContentHash.Id(intentId.Value)[..HexLength]);

    /// <summary><c>ord-</c> + the first 24 hex digits of <c>ContentHash.Id("order", intent id)</c>.</summary>
    public static OrderId OrderIdFor(IntentId intentId) =>
        new("ord-" + ContentHash.Id("order", intentId.Value)[..HexLength]);

    /// <summary>
    /// A fill id from the order and its cumulative filled quantity after the execution: a venue reports running
    /// totals, so the same report polled or pushed twice names the same fill.
    /// </summary>
    public static FillId FillIdAtCumulative(OrderId orderId, decimal cumulativeQuantity) =>
        new("fill-" + ContentHash.Id("fill", orderId.Value, cumulativeQuantity.ToString(CultureInfo.InvariantCulture))[..HexLength]);

    /// <summary>A fill id from the order and the time of the execution: one fill per order per bar.</summary>
    public static FillId FillIdFor(OrderId orderId, DateTimeOffset ts) =>
        new("fill-" + ContentHash.Id("fill", orderId.Value, ts.UtcTicks.ToString(CultureInfo.InvariantCulture))[..HexLength]);
}
