using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using Vanta.Cli.Embedded;
using Vanta.Cli.Trading;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Desk;
using Vanta.Executor.Orders;

namespace Vanta.Cli.Commands;

/// <summary>
/// <c>vanta order submit|cancel|status|list|reconcile</c>, <c>vanta positions</c>, <c>vanta halt</c>, <c>vanta resume</c>:
/// manual trading through the same desk, risk fences and journal as intents. Every command first reconciles the
/// orders the journal left working at the broker it uses, so a command after a crash settles what the crash left.
/// Exit codes: 0 done, 2 usage or configuration error, 3 refused by a risk fence (never sent), 4 refused by the
/// venue, 5 outcome unknown (reconciliation will settle it).
/// </summary>
public static class OrderCommand
{
    public const int Denied = 3;
    public const int VenueRefused = 4;
    public const int Pending = 5;

    public static IEnumerable<Command> Create()
    {
        var order = new Command("order", "Submit, cancel and inspect orders at a broker (risk-fenced and journaled)")
        {
            Submit(), ById("cancel", "Cancel a working order"), ById("status", "Ask the broker for an order's state"), List(), Reconcile(), Watch(),
        };
        return [order, Positions(), Halt(), Resume()];
    }

    private static Option<string> BrokerOption(bool required) => new("--broker")
    {
        Description = $"Broker account: {string.Join(", ", BrokerCatalog.Names)}",
        Required = required,
    };

    private static Option<Uri?> BaseUrlOption() => new("--base-url")
    {
        Description = "Point the adapter at another endpoint (a sandbox, a gateway, a stand-in)",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                return uri;
            result.AddError($"--base-url: '{text}' is not an absolute http(s) URL");
            return null;
        },
    };

    private static Command Submit()
    {
        var (home, broker, baseUrl) = (VantaCommandLine.HomeOption(), BrokerOption(false), BaseUrlOption());
        broker.Description += "; default: chosen by memory/routing.json from the asset class and --tag";
        var tags = new Option<string[]>("--tag") { Description = "Routing tag (repeatable), e.g. crypto, equity", AllowMultipleArgumentsPerToken = true };
        var symbol = new Option<string>("--symbol") { Description = "Symbol, e.g. AAPL or BTC-USD", Required = true };
        var side = new Option<OrderSide>("--side") { Description = "buy or sell", Required = true };
        var qty = new Option<decimal>("--qty") { Description = "Quantity (shares, or units of a crypto pair)", Required = true };
        var limit = new Option<decimal?>("--limit") { Description = "Limit price; a market order without it" };
        var price = new Option<decimal?>("--price")
        {
            Description = "Reference (last) price the fences check notional, exposure and the collar against; default: the last price this home journaled for the symbol",
        };
        var vault = new Option<string>("--vault") { Description = "Vault the order is booked to", DefaultValueFactory = _ => "manual" };
        var tif = new Option<TimeInForce>("--tif") { Description = "day or gtc", DefaultValueFactory = _ => TimeInForce.Day };
        var reference = new Option<string?>("--ref")
        {
            Description = "Your reference for this order; the client order id derives from it, so rerunning a command with the same --ref never makes a second order (default: the current second)",
        };
        var command = new Command("submit", "Place an order through the risk fences") { home, broker, baseUrl, symbol, side, qty, limit, price, vault, tif, reference, tags };
        command.SetAction((parse, ct) =>
        {
            var time = TimeProvider.System;
            var io = Io.Of(parse);
            var layout = HomeLayout.At(parse.GetValue(home)!);
            var symbolText = parse.GetValue(symbol)!.Trim().ToUpperInvariant();
            var account = parse.GetValue(broker);
            if (account is null)
            {
                var (router, error) = RoutingFile.Load(layout);
                if (router is null)
                    return Task.FromResult(Fail(io, "order submit", error!));
                (account, var why) = RoutingFile.Route(router, symbolText, [.. parse.GetValue(tags) ?? []]);
                io.Out.WriteLine($"routed to {account} ({why})");
            }
            var request = new ManualOrder(account, parse.GetValue(vault)!, symbolText,
                parse.GetValue(side), parse.GetValue(qty), parse.GetValue(limit), parse.GetValue(tif),
                parse.GetValue(reference) ?? time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture), parse.GetValue(price));
            return SubmitAsync(layout, request, parse.GetValue(baseUrl), time, io, ct);
        });
        return command;
    }

    private static Command ById(string name, string description)
    {
        var (home, baseUrl) = (VantaCommandLine.HomeOption(), BaseUrlOption());
        var id = new Argument<string>("ID") { Description = "Client order id (vanta-...) or order id (ord-...)" };
        var command = new Command(name, description) { home, baseUrl, id };
        command.SetAction((parse, ct) => ByIdAsync(name, HomeLayout.At(parse.GetValue(home)!), parse.GetValue(id)!, parse.GetValue(baseUrl), Io.Of(parse), ct));
        return command;
    }

    private static Command List()
    {
        var home = VantaCommandLine.HomeOption();
        var all = new Option<bool>("--all") { Description = "Include finished orders" };
        var command = new Command("list", "Orders in this home's journal (working ones unless --all)") { home, all };
        command.SetAction(parse =>
        {
            var io = Io.Of(parse);
            var book = ReadBook(HomeLayout.At(parse.GetValue(home)!));
            var orders = book.Orders.Where(o => parse.GetValue(all) || !o.IsTerminal).OrderBy(o => o.Order.CreatedAt).ThenBy(o => o.Order.ClientOrderId).ToList();
            foreach (var o in orders)
                io.Out.WriteLine(Describe(o));
            io.Out.WriteLine(Invariant($"{orders.Count} order(s); trading state {book.TradingState.ToString().ToUpperInvariant()}"));
            return 0;
        });
        return command;
    }

    private static Command Reconcile()
    {
        var (home, broker, baseUrl) = (VantaCommandLine.HomeOption(), BrokerOption(true), BaseUrlOption());
        var command = new Command("reconcile", "Compare the journal with the broker's orders and positions; journal every difference") { home, broker, baseUrl };
        command.SetAction((parse, ct) => WithDeskAsync(HomeLayout.At(parse.GetValue(home)!), parse.GetValue(broker)!, parse.GetValue(baseUrl), Io.Of(parse),
            (_, _) => Task.FromResult(0), ct));
        return command;
    }

    private static Command Watch()
    {
        var (home, baseUrl) = (VantaCommandLine.HomeOption(), BaseUrlOption());
        var streamUrl = new Option<Uri?>("--stream-url")
        {
            Description = "The trade_updates WebSocket (default: wss://<base host>/stream)",
            CustomParser = result => Uri.TryCreate(result.Tokens.Single().Value, UriKind.Absolute, out var uri) ? uri : null,
        };
        var max = new Option<int?>("--max-updates") { Description = "Stop after this many updates (default: until Ctrl+C, or the stream ends for good)" };
        var reconnects = new Option<int>("--reconnects")
        {
            Description = "Reconnect this many times in a row after the stream drops or a reconnect fails, backing off 0.5 s doubling to 30 s, reconciling after each (default 20; 0: stop when the stream ends)",
            DefaultValueFactory = _ => TradeUpdatesWatch.DefaultReconnects,
        };
        reconnects.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
                result.AddError("--reconnects must be 0 or more");
        });
        var command = new Command("watch", "Journal Alpaca's trade_updates stream as it arrives (orders, fills), reconnecting when it drops and reconciling before, after and between connections")
        {
            home, baseUrl, streamUrl, max, reconnects,
        };
        command.SetAction((parse, ct) => WithDeskAsync(HomeLayout.At(parse.GetValue(home)!), "alpaca", parse.GetValue(baseUrl), Io.Of(parse),
            (host, token) => TradeUpdatesWatch.RunAsync(
                host, new TradeUpdatesWatch.Settings(parse.GetValue(baseUrl), parse.GetValue(streamUrl), parse.GetValue(max), parse.GetValue(reconnects)), Io.Of(parse).Out, token),
            ct));
        return command;
    }

    private static Command Positions()
    {
        var (home, broker, baseUrl) = (VantaCommandLine.HomeOption(), BrokerOption(false), BaseUrlOption());
        var command = new Command("positions", "Positions from the journaled fills; with --broker, reconciled against the broker's") { home, broker, baseUrl };
        command.SetAction(async (parse, ct) =>
        {
            var io = Io.Of(parse);
            var layout = HomeLayout.At(parse.GetValue(home)!);
            if (parse.GetValue(broker) is { } name)
            {
                var code = await WithDeskAsync(layout, name, parse.GetValue(baseUrl), io, (_, _) => Task.FromResult(0), ct).ConfigureAwait(false);
                if (code != 0)
                    return code;
            }
            var book = ReadBook(layout);
            foreach (var (b, symbol, quantity) in book.Positions)
                io.Out.WriteLine(Invariant($"{b,-10} {symbol,-10} {quantity}"));
            io.Out.WriteLine(Invariant($"{book.Positions.Count()} position(s)"));
            return 0;
        });
        return command;
    }

    private static Command Halt() => StateCommand("halt", "Kill switch: refuse every new order until `vanta resume`", TradingState.Halted);

    private static Command Resume() => StateCommand("resume", "Lift a halt: orders pass the risk fences again", TradingState.Active);

    private static Command StateCommand(string name, string description, TradingState to)
    {
        var home = VantaCommandLine.HomeOption();
        var reason = new Option<string>("--reason") { Description = "Why (journaled)", DefaultValueFactory = _ => "operator" };
        var command = new Command(name, description) { home, reason };
        command.SetAction(async (parse, ct) =>
        {
            var io = Io.Of(parse);
            var opened = DeskHost.Open(HomeLayout.At(parse.GetValue(home)!), [], null, TimeProvider.System, io.Err.WriteLine);
            if (!opened.IsSuccess)
                return Fail(io, name, opened.Error!.Message);
            await using var host = opened.Value!;
            await host.Desk.SetTradingStateAsync(to, parse.GetValue(reason)!, ct).ConfigureAwait(false);
            io.Out.WriteLine($"trading state {to.ToString().ToUpperInvariant()} ({parse.GetValue(reason)})");
            return 0;
        });
        return command;
    }

    private static Task<int> SubmitAsync(HomeLayout layout, ManualOrder request, Uri? baseUrl, TimeProvider time, Io io, CancellationToken ct)
    {
        if (request.Quantity <= 0m)
            return Task.FromResult(Fail(io, "order submit", Invariant($"--qty must be positive (was {request.Quantity})")));
        if (request.Limit is <= 0m)
            return Task.FromResult(Fail(io, "order submit", Invariant($"--limit must be positive (was {request.Limit})")));
        return WithDeskAsync(layout, request.Broker, baseUrl, io, async (host, token) =>
        {
            var desk = host.Desk;
            (host.Risk.ExplicitPrice, host.Risk.ExplicitSymbol) = (request.Price, request.Symbol);
            var order = request.ToOrder(time.GetUtcNow());
            var outcome = await desk.SubmitAsync(order, request.Broker, [], token).ConfigureAwait(false);
            return Report(io, outcome);
        }, ct);
    }

    private static async Task<int> ByIdAsync(string action, HomeLayout layout, string id, Uri? baseUrl, Io io, CancellationToken ct)
    {
        var book = ReadBook(layout);
        if (book.Find(id) is not { } order)
            return Fail(io, $"order {action}", $"no order '{id}' in the journal of {layout.Root}");
        return await WithDeskAsync(layout, order.Broker, baseUrl, io, async (host, token) =>
        {
            var outcome = action == "cancel"
                ? await host.Desk.CancelAsync(id, token).ConfigureAwait(false)
                : await host.Desk.RefreshAsync(id, token).ConfigureAwait(false);
            return Report(io, outcome);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Opens the desk for <paramref name="broker"/>, settles what the journal left working there, then runs <paramref name="body"/>.</summary>
    private static async Task<int> WithDeskAsync(HomeLayout layout, string broker, Uri? baseUrl, Io io, Func<DeskHost, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        var opened = DeskHost.Open(layout, [broker], baseUrl, TimeProvider.System, io.Err.WriteLine);
        if (!opened.IsSuccess)
            return Fail(io, "order", opened.Error!.Message);
        await using var host = opened.Value!;
        try
        {
            foreach (var difference in await host.Desk.ReconcileAsync(broker, ct).ConfigureAwait(false))
                io.Out.WriteLine(Describe(difference));
            return await body(host, ct).ConfigureAwait(false);
        }
        catch (DeskException ex)
        {
            return Fail(io, "order", ex.Message);
        }
    }

    private static int Report(Io io, DeskOutcome outcome)
    {
        switch (outcome)
        {
            case DeskOutcome.Done(var order):
                io.Out.WriteLine(Describe(order));
                return 0;
            case DeskOutcome.AlreadyKnown(var order):
                io.Out.WriteLine($"{Describe(order)} (already journaled: nothing sent)");
                return 0;
            case DeskOutcome.Denied(var check):
                io.Err.WriteLine($"refused by risk fence {check.Fence}: {check.DenialReason}: {check.Detail} (not sent)");
                return Denied;
            case DeskOutcome.Failed(var error, var order):
                io.Err.WriteLine($"{(order is null ? "" : Describe(order) + ": ")}{error}");
                return error.Class == Executor.Brokers.Common.BrokerErrorClass.Fatal ? 2 : VenueRefused;
            case DeskOutcome.Pending(var error, var order):
                io.Err.WriteLine($"{Describe(order)}: outcome unknown ({error}); the next command reconciles it with the broker");
                return Pending;
            default:
                throw new InvalidOperationException($"unknown desk outcome {outcome}");
        }
    }

    /// <summary>One line per reconciliation difference, as every command that reconciles prints it.</summary>
    internal static string Describe(ReconciliationDifference d) =>
        $"reconciled {d.Broker} {d.Kind} {d.Subject}: journal '{d.Local}', broker '{d.Venue}' -> {d.Action}";

    private static string Describe(DeskOrder o) =>
        Invariant($"{o.Order.ClientOrderId} {o.Broker} {o.Order.Side.ToString().ToLowerInvariant()} {o.Order.Quantity} {o.Order.Symbol}") +
        (o.Order.LimitPrice is { } limit ? Invariant($" limit {limit}") : " market") +
        Invariant($" {o.Status.ToString().ToLowerInvariant()} filled {o.FilledQuantity}") +
        (o.AveragePrice is { } avg ? Invariant($" avg {avg}") : "") +
        (o.Reason is { } reason && o.Status is OrderStatus.Rejected or OrderStatus.Cancelled ? $" ({reason})" : "");

    private static DeskBook ReadBook(HomeLayout layout)
    {
        var book = new DeskBook();
        if (Directory.Exists(layout.Journal))
        {
            foreach (var record in Journal.JournalReader.ReadAll(layout.Journal))
                book.Apply(record.Envelope);
        }
        return book;
    }

    private static int Fail(Io io, string command, string message)
    {
        io.Err.WriteLine($"vanta {command}: {message}");
        return 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private readonly record struct Io(TextWriter Out, TextWriter Err)
    {
        public static Io Of(ParseResult parse) => new(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
    }
}

/// <summary>An order typed by an operator. Its intent id derives from everything it says, including its reference.</summary>
internal sealed record ManualOrder(
    string Broker, string Vault, string Symbol, OrderSide Side, decimal Quantity, decimal? Limit, TimeInForce TimeInForce, string Reference, decimal? Price)
{
    public Order ToOrder(DateTimeOffset now)
    {
        var intent = new IntentId("manual-" + ContentHash.Id("manual", Broker, Vault, Symbol, Side.ToString(),
            Quantity.ToString(CultureInfo.InvariantCulture), Limit?.ToString(CultureInfo.InvariantCulture) ?? "market", TimeInForce.ToString(), Reference)[..24]);
        return new Order(OrderIds.OrderIdFor(intent), OrderIds.ClientOrderIdFor(intent), intent, new VaultId(Vault), Symbol, Side,
            Limit is null ? OrderType.Market : OrderType.Limit, Quantity, Limit, TimeInForce, now);
    }
}
