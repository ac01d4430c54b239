using System.Diagnostics;
using Vanta.Core.Envelopes;
using Vanta.Journal;
using Vanta.Testing.StandIn;

namespace Vanta.Cli.Tests;

/// <summary>`vanta order`, `positions`, `halt` and `resume` against a stand-in Alpaca account.</summary>
public sealed class OrderCommandTests : IAsyncLifetime
{
    private readonly AlpacaVenue _venue = new();
    private readonly string _home = RepoPaths.NewTempDirectory("orders");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_home, "secrets"));
        File.WriteAllText(Path.Combine(_home, "secrets", "APCA_API_KEY_ID"), AlpacaVenue.KeyId + "\n");
        File.WriteAllText(Path.Combine(_home, "secrets", "APCA_API_SECRET_KEY"), AlpacaVenue.Secret + "\n");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _venue.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public async Task A_manual_order_passes_the_fences_is_journaled_and_reaches_the_venue_once()
    {
        var submit = await Submit("--qty", "10", "--price", "190", "--ref", "r1");

        Assert.True(submit.ExitCode == 0, submit.Error);
        Assert.Contains("alpaca buy 10 AAPL market accepted", submit.Output);
        Assert.Equal(1, _venue.Posts);
        Assert.Equal(["risk_check", "order", "order_routed", "order_event", "order_event"], Kinds().Where(k => k != "reconciliation"));

        var again = await Submit("--qty", "10", "--price", "190", "--ref", "r1");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already journaled", again.Output);
        Assert.Equal(1, _venue.Posts);

        var list = await VantaRunner.InvokeAsync("order", "list", "--home", _home);
        Assert.Contains("1 order(s); trading state ACTIVE", list.Output);
        Assert.Single(_venue.Booked);
        Assert.Equal(0, (await VantaRunner.InvokeAsync("audit", "verify", "--home", _home)).ExitCode);
    }

    [Fact]
    public async Task A_fill_at_the_venue_is_journaled_by_status_and_shows_in_positions()
    {
        await Submit("--qty", "10", "--price", "190", "--ref", "fill");
        var cid = _venue.Booked.Single()["client_order_id"]!.ToString();
        _venue.Fill(cid, 10m, 189.5m);

        var status = await VantaRunner.InvokeAsync("order", "status", cid, "--home", _home, "--base-url", _venue.Server.BaseUri.ToString());

        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Contains("filled filled 10 avg 189.5", status.Output);
        var fill = Journal().Where(e => e.Is(EventKinds.Fill)).Select(e => e.Read(EventKinds.Fill)).Single();
        Assert.Equal((10m, 189.5m), (fill.Quantity, fill.Price));
        var positions = await VantaRunner.InvokeAsync("positions", "--home", _home, "--broker", "alpaca", "--base-url", _venue.Server.BaseUri.ToString());
        Assert.True(positions.ExitCode == 0, positions.Error);
        Assert.Contains("AAPL", positions.Output);
        Assert.DoesNotContain("position_quantity", positions.Output);
    }

    // A 10 AAPL market buy placed at the stand-in: its client order id, and the start of the order object a
    // trade_updates message carries (the caller closes it).
    private async Task<(string ClientOrderId, string OrderJson)> BookTenAaplAsync(string reference)
    {
        await Submit("--qty", "10", "--price", "190", "--ref", reference);
        var booked = _venue.Booked.Single();
        var cid = booked["client_order_id"]!.ToString();
        return (cid, $$"""{"id":"{{booked["id"]}}","client_order_id":"{{cid}}","symbol":"AAPL","side":"buy","type":"market","qty":"10","extended_hours":false""");
    }

    [Fact]
    public async Task Watch_journals_pushed_fills_like_polled_ones()
    {
        var (cid, order) = await BookTenAaplAsync("watch");
        await using var stream = StandInWebSocketServer.Start("/stream", async (session, ct) =>
        {
            await session.ReceiveAsync(ct);
            await session.SendBinaryAsync("""{"stream":"authorization","data":{"status":"authorized","action":"authenticate"}}""", ct);
            await session.ReceiveAsync(ct);
            await session.SendBinaryAsync("""{"stream":"listening","data":{"streams":["trade_updates"]}}""", ct);
            _venue.Fill(cid, 10m, 189.6m);
            await session.SendTextAsync($$$$"""{"stream":"trade_updates","data":{"event":"partial_fill","timestamp":"2026-11-30T14:31:04Z","price":"189","qty":"4","order":{{{{order}}}},"filled_qty":"4","filled_avg_price":"189","status":"partially_filled"}}}""", ct);
            await session.SendTextAsync($$$$"""{"stream":"trade_updates","data":{"event":"fill","timestamp":"2026-11-30T14:31:05Z","price":"190","qty":"6","order":{{{{order}}}},"filled_qty":"10","filled_avg_price":"189.6","status":"filled"}}}""", ct);
            await session.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye", ct);
        });

        var watch = await VantaRunner.InvokeAsync("order", "watch", "--home", _home, "--base-url", _venue.Server.BaseUri.ToString(),
            "--stream-url", stream.Uri.ToString(), "--reconnects", "0");

        Assert.True(watch.ExitCode == 0, watch.Error + watch.Output);
        Assert.True(watch.Output.Contains("2 update(s) journaled", StringComparison.Ordinal), watch.Output);
        Assert.Contains("stream ended", watch.Output, StringComparison.Ordinal);
        var fills = Journal().Where(e => e.Is(EventKinds.Fill)).Select(e => e.Read(EventKinds.Fill)).ToList();
        // 10 x 189.6 - 4 x 189 = 1,140 for the last 6: 190 each.
        Assert.Equal([(4m, 189m), (6m, 190m)], fills.Select(f => (f.Quantity, f.Price)));
        Assert.DoesNotContain("reconciled", watch.Output);
    }

    [Fact]
    public async Task Watch_reconnects_after_a_dropped_stream_and_reconciles_what_it_missed()
    {
        var (cid, order) = await BookTenAaplAsync("drop");
        var sessions = 0;
        await using var stream = StandInWebSocketServer.Start("/stream", async (session, ct) =>
        {
            var n = Interlocked.Increment(ref sessions);
            if (n > 2)
            {
                // The venue is gone for good: the handshake completes but nobody answers the authentication.
                await session.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, "down", ct);
                return;
            }
            await session.ReceiveAsync(ct);
            await session.SendTextAsync("""{"stream":"authorization","data":{"status":"authorized","action":"authenticate"}}""", ct);
            await session.ReceiveAsync(ct);
            await session.SendTextAsync("""{"stream":"listening","data":{"streams":["trade_updates"]}}""", ct);
            if (n == 1)
            {
                _venue.Fill(cid, 10m, 189.6m);
                await session.SendTextAsync($$$$"""{"stream":"trade_updates","data":{"event":"partial_fill","timestamp":"2026-11-30T14:31:04Z","price":"189","qty":"4","order":{{{{order}}}},"filled_qty":"4","filled_avg_price":"189","status":"partially_filled"}}}""", ct);
                // The connection drops before the final fill is pushed: that update is lost for good.
                session.Socket.Abort();
                return;
            }
            await session.SendTextAsync($$$$"""{"stream":"trade_updates","data":{"event":"fill","timestamp":"2026-11-30T14:31:05Z","price":"190","qty":"6","order":{{{{order}}}},"filled_qty":"10","filled_avg_price":"189.6","status":"filled"}}}""", ct);
            await session.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye", ct);
        });

        var watch = await VantaRunner.InvokeAsync("order", "watch", "--home", _home, "--base-url", _venue.Server.BaseUri.ToString(),
            "--stream-url", stream.Uri.ToString(), "--reconnects", "1");

        Assert.True(watch.ExitCode == 0, watch.Error + watch.Output);
        Assert.Contains("reconnecting in 0.5 s (1 of 1)", watch.Output, StringComparison.Ordinal);
        // The reconciliation after reconnecting adopts the fill the dropped stream never delivered; the pushed copy
        // that follows changes nothing.
        Assert.Contains("reconciliation after reconnecting: 1 difference(s)", watch.Output, StringComparison.Ordinal);
        Assert.Contains("giving up after 1 reconnect(s) in a row", watch.Output, StringComparison.Ordinal);
        Assert.Contains("2 update(s) journaled", watch.Output, StringComparison.Ordinal);
        Assert.Equal(3, sessions);
        var fills = Journal().Where(e => e.Is(EventKinds.Fill)).Select(e => e.Read(EventKinds.Fill)).ToList();
        Assert.Equal([(4m, 189m), (6m, 190m)], fills.Select(f => (f.Quantity, f.Price)));
    }

    [Fact]
    public async Task An_order_over_a_fence_is_refused_with_the_reason_and_never_sent()
    {
        var big = await Submit("--qty", "1000", "--price", "190", "--ref", "big");
        Assert.Equal(3, big.ExitCode);
        Assert.Contains("max_order_notional", big.Error);
        Assert.Contains("190000", big.Error);

        var noPrice = await Submit("--qty", "1", "--ref", "np");
        Assert.Equal(3, noPrice.ExitCode);
        Assert.Contains("no reference price for AAPL", noPrice.Error);

        var collar = await Submit("--qty", "1", "--price", "190", "--limit", "250", "--ref", "collar");
        Assert.Equal(3, collar.ExitCode);
        Assert.Contains("price_collar", collar.Error);
        Assert.Equal(0, _venue.Posts);
    }

    [Fact]
    public async Task Limits_come_from_risk_json_and_a_bad_one_is_named()
    {
        var risk = Path.Combine(_home, "memory", "risk.json");
        Directory.CreateDirectory(Path.GetDirectoryName(risk)!);
        File.WriteAllText(risk, """{"cash": 50000, "limits": {"max_order_notional": 1000}}""");
        var refused = await Submit("--qty", "10", "--price", "190", "--ref", "l1");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("over the limit 1000", refused.Error);

        File.WriteAllText(risk, """{"cash": 50000, "limits": {"price_collar_bps": -5}}""");
        var bad = await Submit("--qty", "1", "--price", "190", "--ref", "l2");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("risk.json", bad.Error);
        Assert.Contains("price_collar", bad.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, _venue.Posts);
    }

    [Fact]
    public async Task Without_broker_the_routing_file_chooses_the_account()
    {
        var routing = Path.Combine(_home, "memory", "routing.json");
        Directory.CreateDirectory(Path.GetDirectoryName(routing)!);
        File.WriteAllText(routing, """{"rules": [{"tag": "crypto", "asset_class": null, "account": "bybit"}], "default_account": "alpaca"}""");

        var routed = await VantaRunner.InvokeAsync("order", "submit", "--symbol", "AAPL", "--side", "buy", "--qty", "1", "--price", "190",
            "--ref", "route", "--home", _home, "--base-url", _venue.Server.BaseUri.ToString());

        Assert.True(routed.ExitCode == 0, routed.Error);
        Assert.Contains("routed to alpaca (equity, default account)", routed.Output);
        Assert.Equal(1, _venue.Posts);

        File.WriteAllText(routing, """{"rules": [], "default_account": "nasdaq"}""");
        var bad = await VantaRunner.InvokeAsync("order", "submit", "--symbol", "AAPL", "--side", "buy", "--qty", "1", "--price", "190",
            "--ref", "route2", "--home", _home);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("default_account", bad.Error);
    }

    [Fact]
    public async Task Halt_refuses_every_order_until_resume()
    {
        Assert.Equal(0, (await VantaRunner.InvokeAsync("halt", "--home", _home, "--reason", "drill")).ExitCode);

        var refused = await Submit("--qty", "1", "--price", "190", "--ref", "h1");
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("halted", refused.Error);
        Assert.Equal(0, _venue.Posts);

        Assert.Equal(0, (await VantaRunner.InvokeAsync("resume", "--home", _home)).ExitCode);
        Assert.Equal(0, (await Submit("--qty", "1", "--price", "190", "--ref", "h2")).ExitCode);
        Assert.Equal(1, _venue.Posts);
    }

    [Fact]
    public async Task A_home_whose_journal_another_writer_holds_is_refused_and_nothing_is_sent()
    {
        using (JournalWriter.Open(Path.Combine(_home, "logs", "journal"), new JournalOptions()))
        {
            var refused = await Submit("--qty", "1", "--price", "190", "--ref", "busy");
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("open for writing by another writer", refused.Error);
        }
        Assert.Equal(0, _venue.Posts);
        Assert.Equal(0, (await Submit("--qty", "1", "--price", "190", "--ref", "busy")).ExitCode);
    }

    [Fact]
    public async Task Missing_credentials_are_named_and_nothing_is_sent()
    {
        File.Delete(Path.Combine(_home, "secrets", "APCA_API_SECRET_KEY"));

        var outcome = await Submit("--qty", "1", "--price", "190", "--ref", "c1");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("APCA_API_SECRET_KEY", outcome.Error);
        Assert.DoesNotContain(AlpacaVenue.KeyId, outcome.Error + outcome.Output);
        Assert.Equal(0, _venue.Posts);
    }

    [Fact]
    public async Task An_executor_killed_between_send_and_acknowledge_finds_its_order_on_restart_and_never_sends_twice()
    {
        _venue.NextPostDelay = TimeSpan.FromSeconds(60);
        using var process = StartVanta("order", "submit", "--broker", "alpaca", "--symbol", "AAPL", "--side", "buy", "--qty", "5",
            "--price", "190", "--ref", "crash", "--home", _home, "--base-url", _venue.Server.BaseUri.ToString());
        var deadline = Stopwatch.StartNew();
        while (_venue.Posts == 0 && deadline.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            await Task.Delay(50);
        Assert.Equal(1, _venue.Posts);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        // The journal holds the order (written and flushed before the send) but no acknowledgement.
        var orderEvents = Journal().Where(e => e.Is(EventKinds.OrderEvent)).ToList();
        Assert.Empty(orderEvents);
        Assert.Single(Journal(), e => e.Is(EventKinds.Order));

        // Restart: the same command reconciles first, finds the order at the venue and sends nothing.
        var restarted = await Submit("--qty", "5", "--price", "190", "--ref", "crash");
        Assert.True(restarted.ExitCode == 0, restarted.Error);
        Assert.Contains("order_status", restarted.Output);
        Assert.Contains("adopted_broker_state", restarted.Output);
        Assert.Equal(1, _venue.Posts);
        Assert.Single(_venue.Booked);
        Assert.Single(Journal(), e => e.Is(EventKinds.Reconciliation));
        Assert.Equal(0, (await VantaRunner.InvokeAsync("audit", "verify", "--home", _home)).ExitCode);
    }

    private Task<VantaRunner.Outcome> Submit(params string[] extra) =>
        VantaRunner.InvokeAsync([
            "order", "submit", "--broker", "alpaca", "--symbol", "AAPL", "--side", "buy", "--home", _home,
            "--base-url", _venue.Server.BaseUri.ToString(), .. extra]);

    private List<Envelope> Journal() => [.. JournalReader.ReadAll(Path.Combine(_home, "logs", "journal")).Select(r => r.Envelope)];

    private IEnumerable<string> Kinds() => Journal().Select(e => e.Type);

    private static Process StartVanta(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vanta.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }
}
