using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Tests.Brokers.Common;

public sealed class LocatedOrderTests
{
    private static readonly ClientOrderId Cid = new("vanta-1");

    [Theory]
    [InlineData(OrderStatus.Cancelled, null, 0)]
    [InlineData(OrderStatus.Filled, BrokerErrorCodes.NotCancelable, 0)]
    [InlineData(OrderStatus.Accepted, null, 1)]
    public async Task Only_a_working_order_is_sent_a_cancel(OrderStatus status, string? code, int requests)
    {
        var sent = 0;
        var order = Order(status);

        var result = await LocatedOrder.CancelAsync("v", Cid, order, s => s == OrderStatus.Accepted, o =>
        {
            sent++;
            return Task.FromResult<BrokerResult<BrokerOrder>>(o with { Status = OrderStatus.Cancelled });
        });

        Assert.Equal((code, requests), (result.Error?.Code, sent));
        if (code is not null)
            Assert.Equal($"v: order vanta-1 is already {status}", result.Error!.Message);
        else
            Assert.Equal(OrderStatus.Cancelled, result.GetValueOrThrow().Status);
    }

    [Fact]
    public async Task A_failed_or_empty_lookup_is_the_answer()
    {
        var notFound = new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound, "none");
        var down = new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.Unavailable, "down", 503);

        Assert.Same(notFound, LocatedOrder.OrNotFound(BrokerResult<BrokerOrder?>.Ok(null), notFound).Error);
        Assert.Same(down, LocatedOrder.OrNotFound(down, notFound).Error);
        var cancel = await LocatedOrder.CancelAsync("v", Cid, down, _ => true, _ => throw new InvalidOperationException("no cancel may be sent"));
        Assert.Same(down, cancel.Error);
    }

    private static BrokerOrder Order(OrderStatus status) =>
        new("v-1", Cid, "AAPL", OrderSide.Buy, OrderType.Limit, 1m, 10m, status, 0m, null, null, null);
}
