using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Alpaca;
using Vanta.Executor.Brokers.Common;
using Vanta.Http;
using Vanta.Testing.StandIn;

namespace Vanta.Executor.Tests.Brokers.Alpaca;

/// <summary>An <see cref="AlpacaBroker"/> talking to a <see cref="FakeAlpacaVenue"/> over real HTTP on loopback.</summary>
internal sealed class AlpacaHarness : IAsyncDisposable
{
    public static readonly AlpacaCredentials Credentials = new(FakeAlpacaVenue.KeyId, FakeAlpacaVenue.Secret);

    private AlpacaHarness(StandInServer server, AlpacaOptions options, TimeProvider time, AlpacaCredentials credentials)
    {
        Server = server;
        Venue = new FakeAlpacaVenue(server);
        Http = new HttpClient();
        Options = options;
        Broker = new AlpacaBroker(options, credentials, Http, time);
    }

    public StandInServer Server { get; }

    public FakeAlpacaVenue Venue { get; }

    public HttpClient Http { get; }

    public AlpacaOptions Options { get; }

    public AlpacaBroker Broker { get; }

    public IReadOnlyList<RecordedRequest> Posts => [.. Server.RequestsTo("/v2/orders").Where(r => r.Method == "POST")];

    /// <summary>
    /// On the real clock with a fast rate limit (the spacing has its own test on a fake clock) and a 2 s attempt timeout.
    /// </summary>
    public static AlpacaHarness Start(Func<AlpacaOptions, AlpacaOptions>? configure = null, TimeProvider? time = null, AlpacaCredentials? credentials = null)
    {
        var server = StandInServer.Start();
        var options = new AlpacaOptions(server.BaseUri) { RateLimit = new RateLimit(1000, TimeSpan.FromSeconds(1)), Timeout = TimeSpan.FromSeconds(2) };
        return new AlpacaHarness(server, configure?.Invoke(options) ?? options, time ?? TimeProvider.System, credentials ?? Credentials);
    }

    public static BrokerOrderRequest Request(
        string clientOrderId = "vanta-c-0001", string symbol = "AAPL", OrderSide side = OrderSide.Buy, OrderType type = OrderType.Limit,
        decimal quantity = 10m, decimal? limit = 187.50m, TimeInForce timeInForce = TimeInForce.Day) =>
        new(new ClientOrderId(clientOrderId), symbol, side, type, quantity, type == OrderType.Market ? null : limit, timeInForce);

    /// <summary>Polls (real time, bounded) until <paramref name="condition"/> holds; fails the test if it never does.</summary>
    public static async Task Eventually(Func<bool> condition, string what)
    {
        for (var i = 0; i < 500 && !condition(); i++)
            await Task.Delay(10);
        Assert.True(condition(), $"timed out waiting for: {what}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
