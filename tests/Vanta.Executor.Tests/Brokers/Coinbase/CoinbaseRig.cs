using System.Security.Cryptography;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Coinbase;
using Vanta.Executor.Brokers.Common;
using Vanta.Http;
using Vanta.Testing.StandIn;

namespace Vanta.Executor.Tests.Brokers.Coinbase;

/// <summary>A key pair, a stand-in server with the fake venue holding the public half, and an adapter signing with the private half.</summary>
internal sealed class CoinbaseRig : IAsyncDisposable
{
    public const string CreatePath = "/api/v3/brokerage/orders";

    private readonly HttpClient _client = new();
    private readonly ECDsa _venueKey;

    public CoinbaseRig(TimeProvider? time = null, Func<CoinbaseOptions, CoinbaseOptions>? tweak = null, ECDsa? signingKey = null)
    {
        Time = time ?? TimeProvider.System;
        Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _venueKey = ECDsa.Create(Key.ExportParameters(false));
        Server = StandInServer.Start();
        Venue = new FakeCoinbaseVenue(Server, Time, _venueKey);
        Options = new CoinbaseOptions(Server.BaseUri)
        {
            RateLimit = new RateLimit(1000, TimeSpan.FromSeconds(1)),
            Timeout = TimeSpan.FromSeconds(5),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        };
        Options = tweak?.Invoke(Options) ?? Options;
        Pem = (signingKey ?? Key).ExportECPrivateKeyPem();
        Broker = NewBroker();
    }

    public TimeProvider Time { get; }

    public ECDsa Key { get; }

    public string Pem { get; }

    public CoinbaseOptions Options { get; }

    public StandInServer Server { get; }

    public FakeCoinbaseVenue Venue { get; }

    public CoinbaseBroker Broker { get; }

    public IReadOnlyList<string> Calls => [.. Server.Requests.Select(r => r.Query.Length == 0 ? $"{r.Method} {r.Path}" : $"{r.Method} {r.Path}?{r.Query}")];

    /// <summary>A second adapter on the same key and venue, as after a restart: it remembers no order ids.</summary>
    public CoinbaseBroker NewBroker() =>
        CoinbaseBroker.Create(Options, FakeCoinbaseVenue.KeyName, Pem, _client, Time).GetValueOrThrow();

    public static BrokerOrderRequest Market(string id, decimal qty = 0.01m, string symbol = "BTC-USD", OrderSide side = OrderSide.Buy) =>
        new(new ClientOrderId(id), symbol, side, OrderType.Market, qty, null, TimeInForce.Day);

    public static BrokerOrderRequest Limit(string id, decimal qty, decimal price, string symbol = "BTC-USD") =>
        new(new ClientOrderId(id), symbol, OrderSide.Buy, OrderType.Limit, qty, price, TimeInForce.Gtc);

    public async ValueTask DisposeAsync()
    {
        Broker.Dispose();
        _client.Dispose();
        _venueKey.Dispose();
        Key.Dispose();
        await Server.DisposeAsync();
    }
}
