using System.Net.WebSockets;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Executor.Brokers.Alpaca;
using Vanta.Executor.Brokers.Common;
using Vanta.Testing.StandIn;

namespace Vanta.Executor.Tests.Brokers.Alpaca;

public sealed class AlpacaTradeUpdatesTests
{
    private const string Order =
        """{"id":"0f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f","client_order_id":"strat1-20240614-0001","symbol":"AAPL","side":"buy","type":"limit","qty":"10","limit_price":"187.5","extended_hours":false""";

    private static readonly string NewEvent =
        """{"stream":"trade_updates","data":{"event":"new","order":""" + Order + ""","filled_qty":"0","filled_avg_price":null,"status":"new","updated_at":"2024-06-14T14:31:02.120511435Z"}}}""";

    private static readonly string PartialFill =
        """{"stream":"trade_updates","data":{"event":"partial_fill","execution_id":"e-1","timestamp":"2024-06-14T10:31:04.1-04:00","price":"187.48","qty":"4","position_qty":"4","order":""" + Order + ""","filled_qty":"4","filled_avg_price":"187.48","status":"partially_filled"}}}""";

    private static readonly string Fill =
        """{"stream":"trade_updates","data":{"event":"fill","execution_id":"7d6c5b4a-3f2e-4d1c-9b8a-7f6e5d4c3b2a","timestamp":"2024-06-14T14:31:05.402Z","price":"187.49","qty":"6","position_qty":"10","order":{"id":"0f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f","client_order_id":"strat1-20240614-0001","symbol":"AAPL","side":"buy","type":"limit","qty":"10","filled_qty":"10","filled_avg_price":"187.4860","status":"filled","filled_at":"2024-06-14T14:31:05.402Z"}}}""";

    [Fact]
    public async Task Authenticates_listens_and_reads_updates_from_text_and_binary_frames()
    {
        await using var server = StandInWebSocketServer.Start("/stream", async (session, ct) =>
        {
            if (await session.ReceiveAsync(ct) is not { } auth || !auth.Contains("\"authenticate\"", StringComparison.Ordinal))
                return;
            await session.SendBinaryAsync("""{"stream":"authorization","data":{"status":"authorized","action":"authenticate"}}""", ct);
            await session.ReceiveAsync(ct);
            await session.SendBinaryAsync("""{"stream":"listening","data":{"streams":["trade_updates"]}}""", ct);
            await session.SendTextAsync(NewEvent, ct);
            await session.SendBinaryAsync(PartialFill, ct, frameBytes: 40);   // one message over several binary frames
            await session.SendBinaryAsync(Fill, ct);
            await session.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", ct);
        });

        await using var stream = (await Connect(server)).GetValueOrThrow();
        var items = await ReadAll(stream);

        var sent = (await SessionMessages(server)).Select(m => JsonDocument.Parse(m).RootElement).ToList();
        Assert.Equal("authenticate", sent[0].GetProperty("action").GetString());
        Assert.Equal((FakeAlpacaVenue.KeyId, FakeAlpacaVenue.Secret),
            (sent[0].GetProperty("data").GetProperty("key_id").GetString(), sent[0].GetProperty("data").GetProperty("secret_key").GetString()));
        Assert.Equal("""{"action":"listen","data":{"streams":["trade_updates"]}}""", sent[1].GetRawText());

        Assert.Equal(4, items.Count);
        var (created, partial, filled) = (items[0].GetValueOrThrow(), items[1].GetValueOrThrow(), items[2].GetValueOrThrow());
        Assert.Equal((AlpacaTradeEvent.New, OrderStatus.Accepted, null), (created.Event, created.Order.Status, created.Execution));
        Assert.Equal(new DateTimeOffset(2024, 6, 14, 14, 31, 2, TimeSpan.Zero).AddTicks(1205114), created.Order.UpdatedAt);

        Assert.Equal((AlpacaTradeEvent.PartialFill, OrderStatus.PartiallyFilled, 4m), (partial.Event, partial.Order.Status, partial.Order.FilledQuantity));
        Assert.Equal(new AlpacaExecution("e-1", 4m, 187.48m, new DateTimeOffset(2024, 6, 14, 10, 31, 4, 100, TimeSpan.FromHours(-4)), 4m), partial.Execution);
        Assert.Equal(partial.Execution!.Timestamp, partial.Order.UpdatedAt);

        Assert.Equal((AlpacaTradeEvent.Fill, OrderStatus.Filled, 10m, 187.4860m, "strat1-20240614-0001"),
            (filled.Event, filled.Order.Status, filled.Order.FilledQuantity, filled.Order.AverageFillPrice, filled.Order.ClientOrderId.Value));
        Assert.Equal(new AlpacaExecution("7d6c5b4a-3f2e-4d1c-9b8a-7f6e5d4c3b2a", 6m, 187.49m, new DateTimeOffset(2024, 6, 14, 14, 31, 5, 402, TimeSpan.Zero), 10m), filled.Execution);

        Assert.Equal((BrokerErrorClass.Retryable, BrokerErrorCodes.ConnectionLost), (items[3].Error!.Class, items[3].Error!.Code));
        Assert.Contains("NormalClosure: bye", items[3].Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_key_pair_is_fatal_and_the_secret_is_not_in_the_message()
    {
        await using var server = StandInWebSocketServer.Start("/stream", async (session, ct) =>
        {
            await session.ReceiveAsync(ct);
            await session.SendTextAsync("""{"stream":"authorization","data":{"status":"unauthorized","action":"authenticate"}}""", ct);
            await session.ReceiveAsync(ct);
        });

        var result = await Connect(server);

        Assert.Equal((BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized), (result.Error!.Class, result.Error.Code));
        Assert.Contains("authorization status \"unauthorized\"", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeAlpacaVenue.Secret, result.Error.Message, StringComparison.Ordinal);
        Assert.Single(await SessionMessages(server));   // never asked to listen
    }

    [Fact]
    public async Task A_message_vanta_cannot_read_is_yielded_as_an_error_and_reading_goes_on()
    {
        await using var server = StandInWebSocketServer.Start("/stream", async (session, ct) =>
        {
            await Handshake(session, ct);
            await session.SendTextAsync("""{"stream":"trade_updates","data":{"event":"fill","timestamp":"2024-06-14T14:31:05Z","price":187.49,"qty":"6","order":{}}}""", ct);
            await session.SendTextAsync("""{"stream":"trade_updates","data":{"event":"fill","price":"187.49","qty":"six","timestamp":"2024-06-14T14:31:05Z","order":{"id":"a","client_order_id":"c","symbol":"AAPL","side":"buy","type":"market","qty":"6","filled_qty":"6","status":"filled"}}}""", ct);
            await session.SendTextAsync("not json", ct);
            await session.SendTextAsync("""{"stream":"trade_updates"}""", ct);
            await session.SendTextAsync(NewEvent, ct);
            await session.CloseAsync(WebSocketCloseStatus.NormalClosure, "", ct);
        });

        await using var stream = (await Connect(server)).GetValueOrThrow();
        var items = await ReadAll(stream);

        Assert.Equal(6, items.Count);
        Assert.All(items.Take(4), i => Assert.Equal((BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse), (i.Error!.Class, i.Error.Code)));
        Assert.Contains("$.price", items[0].Error!.Message, StringComparison.Ordinal);
        Assert.Contains("qty is not a decimal string (was \"six\")", items[1].Error!.Message, StringComparison.Ordinal);
        Assert.Contains("trade_updates message has no data object", items[3].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(AlpacaTradeEvent.New, items[4].GetValueOrThrow().Event);
        Assert.Equal(BrokerErrorCodes.ConnectionLost, items[5].Error!.Code);
    }

    [Fact]
    public async Task Unknown_events_are_kept_by_name_and_cancels_carry_their_time()
    {
        await using var server = StandInWebSocketServer.Start("/stream", async (session, ct) =>
        {
            await Handshake(session, ct);
            await session.SendTextAsync(NewEvent.Replace("\"event\":\"new\"", "\"event\":\"held\"", StringComparison.Ordinal), ct);
            await session.SendTextAsync("""{"stream":"trade_updates","data":{"event":"canceled","timestamp":"2024-06-14T14:40:00Z","order":""" + Order + ""","filled_qty":"0","status":"canceled"}}}""", ct);
            await session.CloseAsync(WebSocketCloseStatus.NormalClosure, "", ct);
        });

        await using var stream = (await Connect(server)).GetValueOrThrow();
        var items = await ReadAll(stream);

        Assert.Equal((AlpacaTradeEvent.Other, "held"), (items[0].GetValueOrThrow().Event, items[0].Value!.EventName));
        var cancelled = items[1].GetValueOrThrow();
        Assert.Equal((AlpacaTradeEvent.Canceled, OrderStatus.Cancelled, new DateTimeOffset(2024, 6, 14, 14, 40, 0, TimeSpan.Zero)),
            (cancelled.Event, cancelled.Order.Status, cancelled.Timestamp));
    }

    [Fact]
    public async Task A_server_that_never_answers_the_authentication_times_out_as_retryable()
    {
        await using var server = StandInWebSocketServer.Start("/stream", async (session, ct) =>
        {
            await session.ReceiveAsync(ct);
            await Task.Delay(Timeout.Infinite, ct);   // holds the connection open, silent, until the server stops
        });

        var result = await Connect(server, TimeSpan.FromMilliseconds(1500));

        Assert.Equal((BrokerErrorClass.Retryable, BrokerErrorCodes.Timeout), (result.Error!.Class, result.Error.Code));
        Assert.Contains("failed while authenticating", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stand_in_accept_key_is_rfc_6455s()
    {
        // RFC 6455 section 1.3's worked example.
        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", StandInWebSocketServer.AcceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
    }

    private static async Task Handshake(StandInWebSocketSession session, CancellationToken ct)
    {
        await session.ReceiveAsync(ct);
        await session.SendTextAsync("""{"stream":"authorization","data":{"status":"authorized","action":"authenticate"}}""", ct);
        await session.ReceiveAsync(ct);
        await session.SendTextAsync("""{"stream":"listening","data":{"streams":["trade_updates"]}}""", ct);
    }

    private static Task<BrokerResult<AlpacaTradeUpdates>> Connect(StandInWebSocketServer server, TimeSpan? timeout = null) =>
        AlpacaTradeUpdates.ConnectAsync(
            new AlpacaOptions(new Uri("http://127.0.0.1/")) { StreamUri = server.Uri, Timeout = timeout ?? TimeSpan.FromSeconds(5) },
            AlpacaHarness.Credentials, TimeProvider.System);

    private static async Task<List<BrokerResult<AlpacaTradeUpdate>>> ReadAll(AlpacaTradeUpdates stream)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var items = new List<BrokerResult<AlpacaTradeUpdate>>();
        await foreach (var item in stream.ReadAllAsync(guard.Token))
            items.Add(item);
        return items;
    }

    private static async Task<IReadOnlyList<string>> SessionMessages(StandInWebSocketServer server)
    {
        await AlpacaHarness.Eventually(() => server.Sessions.Count == 1, "the upgraded connection");
        return server.Sessions[0].Received;
    }
}
