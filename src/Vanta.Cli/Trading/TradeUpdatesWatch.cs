using Vanta.Executor.Brokers.Alpaca;
using Vanta.Executor.Brokers.Common;
using Vanta.Executor.Desk;

namespace Vanta.Cli.Trading;

/// <summary>
/// <c>vanta order watch</c>: Alpaca's trade_updates stream, each update journaled through the desk exactly as a
/// status query would be. When the stream drops, the watch reconnects with a doubling back-off and reconciles
/// first: Alpaca does not replay updates missed while disconnected, so the desk asks for every order's state
/// (it also reconciled before the first connection, and does once more at the end). A refused key pair stops it;
/// so do <see cref="Settings.Reconnects"/> failures in a row.
/// </summary>
public static class TradeUpdatesWatch
{
    public const int DefaultReconnects = 20;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <param name="Reconnects">How many reconnects in a row are tried after a drop (a connection that delivers resets the count).</param>
    public sealed record Settings(Uri? BaseUrl, Uri? StreamUrl, int? MaxUpdates, int Reconnects = DefaultReconnects);

    public static Task<int> RunAsync(DeskHost host, Settings settings, TextWriter output, CancellationToken ct) =>
        RunAsync(host, settings, TimeProvider.System, output, ct);

    public static async Task<int> RunAsync(DeskHost host, Settings settings, TimeProvider time, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(settings);
        var credentials = AlpacaCredentials.From(BrokerSecrets.FromEnvironment(host.Layout.Root));
        if (!credentials.IsSuccess)
            return Fail(output, credentials.Error!);
        var options = new AlpacaOptions(settings.BaseUrl ?? AlpacaOptions.PaperUri) { StreamUri = settings.StreamUrl };
        var seen = 0;
        var failures = 0;
        var everConnected = false;
        while (true)
        {
            var connected = await AlpacaTradeUpdates.ConnectAsync(options, credentials.Value!, time, ct).ConfigureAwait(false);
            if (!connected.IsSuccess)
            {
                // A refused key pair will not get better, and a first connection that fails says so at once.
                if (connected.Error!.Class == BrokerErrorClass.Fatal || !everConnected)
                    return Fail(output, connected.Error);
                output.WriteLine($"stream: {connected.Error}");
                if (!await BackOffAsync(++failures, settings.Reconnects, time, output, ct).ConfigureAwait(false))
                    break;
                continue;
            }
            if (everConnected)
                await ReconcileAsync(host, output, "after reconnecting", ct).ConfigureAwait(false);
            everConnected = true;

            var (delivered, finished) = await ReadAsync(host, connected.Value!, settings.MaxUpdates, seen, output, ct).ConfigureAwait(false);
            seen += delivered;
            if (finished)
                break;
            failures = delivered > 0 ? 0 : failures;
            if (!await BackOffAsync(++failures, settings.Reconnects, time, output, ct).ConfigureAwait(false))
                break;
        }
        await ReconcileAsync(host, output, "at the end", ct).ConfigureAwait(false);
        output.WriteLine($"{seen} update(s) journaled");
        return 0;
    }

    // Reads one connection until it ends (false) or the update limit is reached (true).
    private static async Task<(int Delivered, bool Finished)> ReadAsync(
        DeskHost host, AlpacaTradeUpdates connection, int? maxUpdates, int seenBefore, TextWriter output, CancellationToken ct)
    {
        var delivered = 0;
        await using (connection)
        {
            await foreach (var update in connection.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (!update.IsSuccess)
                {
                    output.WriteLine($"stream: {update.Error}");
                    if (update.Error!.Code == BrokerErrorCodes.ConnectionLost)
                        return (delivered, false);
                    continue;
                }
                var order = update.Value!.Order;
                var outcome = await host.Desk.ObserveAsync("alpaca", order, ct).ConfigureAwait(false);
                output.WriteLine(outcome is null
                    ? $"{update.Value.EventName} {order.ClientOrderId}: not placed from this home (recorded)"
                    : $"{update.Value.EventName} {order.ClientOrderId}: {order.Status.ToString().ToLowerInvariant()} filled {order.FilledQuantity}");
                if (seenBefore + ++delivered == maxUpdates)
                    return (delivered, true);
            }
        }
        return (delivered, false);
    }

    // Waits before reconnect number `failures` (0.5 s doubling, at most 30 s); false when the reconnects are used up.
    private static async Task<bool> BackOffAsync(int failures, int reconnects, TimeProvider time, TextWriter output, CancellationToken ct)
    {
        if (failures > reconnects)
        {
            output.WriteLine(reconnects == 0 ? "stream ended" : $"stream: giving up after {reconnects} reconnect(s) in a row");
            return false;
        }
        var delay = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(failures - 1, 16)));
        output.WriteLine($"stream: reconnecting in {delay.TotalSeconds:0.#} s ({failures} of {reconnects})");
        await Task.Delay(delay, time, ct).ConfigureAwait(false);
        return true;
    }

    private static async Task ReconcileAsync(DeskHost host, TextWriter output, string when, CancellationToken ct)
    {
        var differences = await host.Desk.ReconcileAsync("alpaca", ct).ConfigureAwait(false);
        foreach (var difference in differences)
            output.WriteLine(Commands.OrderCommand.Describe(difference));
        output.WriteLine($"reconciliation {when}: {differences.Count} difference(s)");
    }

    private static int Fail(TextWriter output, BrokerError error)
    {
        output.WriteLine($"vanta order watch: {error}");
        return error.Class == BrokerErrorClass.Fatal ? 2 : 5;
    }
}
