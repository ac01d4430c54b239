using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Bybit;
using Vanta.Executor.Brokers.Common;
using Vanta.Http;
using Vanta.Testing.StandIn;

namespace Vanta.Executor.Tests.Brokers.Bybit;

/// <summary>A stand-in server, the fake venue on it, and an adapter pointed at it.</summary>
internal sealed class BybitRig : IAsyncDisposable
{
    private readonly HttpClient _client = new();

    public BybitRig(string category = BybitOptions.Spot, TimeProvider? time = null, string secret = FakeBybitVenue.ApiSecret,
        Func<BybitOptions, BybitOptions>? tweak = null, TimeProvider? venueTime = null)
    {
        Time = time ?? TimeProvider.System;
        Server = StandInServer.Start();
        Venue = new FakeBybitVenue(Server, venueTime ?? Time, category);
        var options = new BybitOptions(Server.BaseUri, category)
        {
            RateLimit = new RateLimit(1000, TimeSpan.FromSeconds(1)),
            Timeout = TimeSpan.FromSeconds(5),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        };
        Broker = new BybitBroker(tweak?.Invoke(options) ?? options, FakeBybitVenue.ApiKey, secret, _client, Time);
    }

    public TimeProvider Time { get; }

    public StandInServer Server { get; }

    public FakeBybitVenue Venue { get; }

    public BybitBroker Broker { get; }

    /// <summary>Paths the adapter called, in order, with the query (for lookups) where there was one.</summary>
    public IReadOnlyList<string> Calls => [.. Server.Requests.Select(r => r.Query.Length == 0 ? r.Path : $"{r.Path}?{r.Query}")];

    public static BrokerOrderRequest Market(string id, string symbol = "BTCUSDT", decimal qty = 0.01m, OrderSide side = OrderSide.Buy) =>
        new(new ClientOrderId(id), symbol, side, OrderType.Market, qty, null, TimeInForce.Day);

    public static BrokerOrderRequest Limit(string id, decimal qty, decimal price, string symbol = "BTCUSDT") =>
        new(new ClientOrderId(id), symbol, OrderSide.Buy, OrderType.Limit, qty, price, TimeInForce.Gtc);

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await Server.DisposeAsync();
    }
}
