using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Brokers.Ibkr;
using Vanta.Http;

namespace Vanta.Executor.Tests.Brokers.Ibkr;

/// <summary>Builds an adapter against an <see cref="IbkrVenue"/>: real sockets, the system clock, no waiting on rate limits.</summary>
internal static class IbkrFixture
{
    public static readonly ClientOrderId Cid = new("vanta-fedcba9876543210fedcba98");

    public const string PriceQuestion = "The following order \"BUY 10 AAPL NASDAQ.NMS @ 187.50\" price exceeds the Percentage constraint of 3%. Are you sure you want to submit this order?";

    public const string MarginQuestion = "This order will most likely trigger and fill immediately. Are you sure you want to submit this order?";

    public static IbkrBroker Broker(IbkrVenue venue, HttpClient http, Func<IbkrOptions, IbkrOptions>? tweak = null, TimeProvider? time = null)
    {
        var options = new IbkrOptions(venue.BaseUri, IbkrVenue.Account)
        {
            RateLimit = new RateLimit(1000, TimeSpan.FromSeconds(1)),
            LiveOrdersRateLimit = new RateLimit(1000, TimeSpan.FromSeconds(1)),
            Timeout = TimeSpan.FromSeconds(10),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            AutoConfirmMessageIds = ImmutableHashSet.Create(StringComparer.Ordinal, "o163", "o354"),
        };
        return new IbkrBroker(tweak is null ? options : tweak(options), http, time ?? TimeProvider.System);
    }

    public static BrokerOrderRequest Limit(ClientOrderId? cid = null, decimal quantity = 10m, decimal price = 187.5m, string symbol = "AAPL") =>
        new(cid ?? Cid, symbol, OrderSide.Buy, OrderType.Limit, quantity, price, TimeInForce.Day);

    public static BrokerOrderRequest Market(ClientOrderId? cid = null) =>
        new(cid ?? Cid, "AAPL", OrderSide.Sell, OrderType.Market, 3m, null, TimeInForce.Gtc);
}
