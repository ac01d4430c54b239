using Vanta.Core.Domain;
using Vanta.Core.Ids;

namespace Vanta.Executor.Brokers.Common;

/// <summary>Get and cancel rules for adapters that find Vanta's order by looking (the venue keys orders on its own id).</summary>
public static class LocatedOrder
{
    /// <summary>The located order, or <paramref name="notFound"/> when the venue proved it has none.</summary>
    public static BrokerResult<BrokerOrder> OrNotFound(BrokerResult<BrokerOrder?> located, BrokerError notFound) =>
        !located.IsSuccess ? located.Error! : located.Value is { } order ? order : notFound;

    /// <summary>
    /// Cancels the order <paramref name="found"/> through <paramref name="cancelWorking"/> (the venue's request and re-read)
    /// only while it still works: a cancelled order comes back as it is (cancelling twice asks for the state we already
    /// have), a finished one is <see cref="BrokerErrorCodes.NotCancelable"/>.
    /// </summary>
    public static async Task<BrokerResult<BrokerOrder>> CancelAsync(
        string venue,
        ClientOrderId clientOrderId,
        BrokerResult<BrokerOrder> found,
        Func<OrderStatus, bool> working,
        Func<BrokerOrder, Task<BrokerResult<BrokerOrder>>> cancelWorking)
    {
        ArgumentNullException.ThrowIfNull(working);
        ArgumentNullException.ThrowIfNull(cancelWorking);
        if (!found.IsSuccess || found.Value!.Status == OrderStatus.Cancelled)
            return found;
        var order = found.Value;
        if (!working(order.Status))
            return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotCancelable, $"{venue}: order {clientOrderId} is already {order.Status}");
        return await cancelWorking(order).ConfigureAwait(false);
    }
}
