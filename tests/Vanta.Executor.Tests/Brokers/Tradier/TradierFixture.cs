using Microsoft.Extensions.Time.Testing;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Brokers.Tradier;
using Vanta.Http;

namespace Vanta.Executor.Tests.Brokers.Tradier;

/// <summary>Builds an adapter against a <see cref="TradierVenue"/>: real sockets, the system clock, no waiting on rate limits.</summary>
internal static class TradierFixture
{
    public static readonly ClientOrderId Cid = new("vanta-0123456789abcdef01234567");

    public static TradierBroker Broker(TradierVenue venue, HttpClient http, Func<TradierOptions, TradierOptions>? tweak = null, TimeProvider? time = null)
    {
        var options = new TradierOptions(venue.BaseUri, TradierVenue.Account, TradierVenue.Token)
        {
            ReadRateLimit = new RateLimit(1000, TimeSpan.FromSeconds(1)),
            TradingRateLimit = new RateLimit(1000, TimeSpan.FromSeconds(1)),
            Timeout = TimeSpan.FromSeconds(10),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        };
        return new TradierBroker(tweak is null ? options : tweak(options), http, time ?? TimeProvider.System);
    }

    public static BrokerOrderRequest Limit(ClientOrderId? cid = null, decimal quantity = 10m, decimal price = 512.25m) =>
        new(cid ?? Cid, "SPY", OrderSide.Buy, OrderType.Limit, quantity, price, TimeInForce.Day);

    public static BrokerOrderRequest Market(ClientOrderId? cid = null, OrderSide side = OrderSide.Sell) =>
        new(cid ?? Cid, "AAPL", side, OrderType.Market, 5m, null, TimeInForce.Gtc);

    /// <summary>Runs <paramref name="task"/> while moving the fake clock forward in small steps, so waits on it elapse.</summary>
    public static async Task<T> Pump<T>(FakeTimeProvider clock, Task<T> task, int stepMs = 20)
    {
        while (!task.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(stepMs));
            await Task.WhenAny(task, Task.Delay(5));
        }
        return await task;
    }
}
