using Vanta.Cli.Embedded;
using Vanta.Executor.Brokers.Alpaca;
using Vanta.Executor.Brokers.Bybit;
using Vanta.Executor.Brokers.Coinbase;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Brokers.Ibkr;
using Vanta.Executor.Brokers.Tradier;

namespace Vanta.Cli.Trading;

/// <summary>
/// The broker accounts the CLI can open, by name. Each reads its credentials from the environment under the venue's
/// usual names (or <c>NAME_FILE</c>, or <c>{home}/secrets/NAME</c>); <c>--base-url</c> points it elsewhere
/// (a sandbox, the local IBKR gateway, a stand-in). The default endpoints are the venues' paper or sandbox ones
/// where they have one, so nothing reaches a live account unless its URL is given.
/// </summary>
public static class BrokerCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["alpaca", "tradier", "coinbase", "bybit", "ibkr"];

    public static BrokerResult<IBrokerAdapter> Create(string name, HomeLayout layout, BrokerSecrets secrets, Uri? baseUrl, HttpClient http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return name switch
        {
            "alpaca" => Widen(AlpacaBroker.Create(new AlpacaOptions(baseUrl ?? AlpacaOptions.PaperUri), secrets, http, time)),
            "tradier" => TradierOptions.FromSecrets(secrets, sandbox: true) is { IsSuccess: true } tradier
                ? new TradierBroker(baseUrl is null ? tradier.Value! : tradier.Value! with { BaseUri = baseUrl }, http, time)
                : TradierOptions.FromSecrets(secrets, sandbox: true).Error!,
            "coinbase" => Widen(CoinbaseBroker.Create(new CoinbaseOptions(baseUrl ?? CoinbaseOptions.Production), secrets, http, time)),
            "bybit" => Widen(BybitBroker.Create(new BybitOptions(baseUrl ?? BybitOptions.Testnet), secrets, http, time)),
            "ibkr" => IbkrOptions.FromSecrets(secrets, baseUrl) is { IsSuccess: true } ibkr
                ? new IbkrBroker(ibkr.Value!, GatewayClient(ibkr.Value!.BaseUri) ?? http, time)
                : IbkrOptions.FromSecrets(secrets, baseUrl).Error!,
            _ => new BrokerError(BrokerErrorClass.Fatal, BrokerErrorCodes.InvalidRequest,
                $"unknown broker '{name}' (known: {string.Join(", ", Names)})"),
        };
    }

    /// <summary>
    /// IBKR's Client Portal gateway runs on this machine with a self-signed certificate. Only for a gateway on a
    /// loopback address is that certificate accepted; any other host is validated as usual (null: the shared client).
    /// </summary>
    private static HttpClient? GatewayClient(Uri gateway)
    {
        if (gateway.Scheme != Uri.UriSchemeHttps || !(gateway.IsLoopback || gateway.Host == "localhost"))
            return null;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static BrokerResult<IBrokerAdapter> Widen<T>(BrokerResult<T> result)
        where T : IBrokerAdapter =>
        result.IsSuccess ? BrokerResult<IBrokerAdapter>.Ok(result.Value!) : result.Error!;
}
