using Vanta.Executor.Brokers.Alpaca;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Desk;

namespace Vanta.Cli.Trading;

/// <summary>
/// <c>vanta order watch</c>: Alpaca's trade_updates stream, each update journaled through the desk exactly as a
/// status query would be. Alpaca does not replay updates missed while disconnected, so the desk reconciles after
/// the stream ends (it already reconciled before it started).
/// </summary>
public static class TradeUpdatesWatch
{
    public static async Task<int> RunAsync(DeskHost host, Uri? baseUrl, Uri? streamUrl, int? maxUpdates, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        var credentials = AlpacaCredentials.From(BrokerSecrets.FromEnvironment(host.Layout.Root));
        if (!credentials.IsSuccess)
            return Fail(output, credentials.Error!);
        var options = new AlpacaOptions(baseUrl ?? AlpacaOptions.PaperUri) { StreamUri = streamUrl };
        var connected = await AlpacaTradeUpdates.ConnectAsync(options, credentials.Value!, TimeProvider.System, ct).ConfigureAwait(false);
        if (!connected.IsSuccess)
            return Fail(output, connected.Error!);
        var seen = 0;
        await using (var stream = connected.Value!)
        {
            await foreach (var update in stream.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (!update.IsSuccess)
                {
                    output.WriteLine($"stream: {update.Error}");
                    if (update.Error!.Code == BrokerErrorCodes.ConnectionLost)
                        break;
                    continue;
                }
                var order = update.Value!.Order;
                var outcome = await host.Desk.ObserveAsync("alpaca", order, ct).ConfigureAwait(false);
                output.WriteLine(outcome is null
                    ? $"{update.Value.EventName} {order.ClientOrderId}: not placed from this home (recorded)"
                    : $"{update.Value.EventName} {order.ClientOrderId}: {order.Status.ToString().ToLowerInvariant()} filled {order.FilledQuantity}");
                if (++seen == maxUpdates)
                    break;
            }
        }
        foreach (var difference in await host.Desk.ReconcileAsync("alpaca", ct).ConfigureAwait(false))
            output.WriteLine(Commands.OrderCommand.Describe(difference));
        output.WriteLine($"{seen} update(s) journaled");
        return 0;
    }

    private static int Fail(TextWriter output, BrokerError error)
    {
        output.WriteLine($"vanta order watch: {error}");
        return error.Class == BrokerErrorClass.Fatal ? 2 : 5;
    }
}
