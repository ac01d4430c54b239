using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Vanta.Executor.Brokers.Common;
using Vanta.Http;

namespace Vanta.Executor.Brokers.Alpaca;

/// <summary>
/// Alpaca's <c>trade_updates</c> WebSocket stream: authenticate with the key pair, listen, then read each update as an
/// <see cref="AlpacaTradeUpdate"/>. Text and binary frames are both read as UTF-8 JSON (paper sends binary).
/// Nothing is thrown for the venue's doing: a message Vanta cannot read is yielded as a
/// <see cref="BrokerErrorCodes.MalformedResponse"/> error and reading goes on; a closed or broken connection is
/// yielded as a final <see cref="BrokerErrorCodes.ConnectionLost"/> error.
/// </summary>
/// <remarks>
/// Reconnecting is out of scope: the caller connects again and reconciles with <see cref="AlpacaBroker.ListOpenOrdersAsync"/>,
/// since Alpaca does not replay updates missed while disconnected. MessagePack is not asked for, so frames are JSON.
/// </remarks>
public sealed class AlpacaTradeUpdates : IAsyncDisposable
{
    private const string TradeUpdates = "trade_updates";
    private const int MaxMessageBytes = 1 << 20;

    private readonly WebSocket _socket;
    private readonly AlpacaCredentials _credentials;

    private AlpacaTradeUpdates(WebSocket socket, AlpacaCredentials credentials)
    {
        _socket = socket;
        _credentials = credentials;
    }

    /// <summary>
    /// Connects to <see cref="AlpacaOptions.ResolvedStreamUri"/>, authenticates and listens to trade_updates, each step
    /// within <see cref="AlpacaOptions.Timeout"/> on <paramref name="time"/>. A refused key pair is fatal.
    /// </summary>
    public static async Task<BrokerResult<AlpacaTradeUpdates>> ConnectAsync(
        AlpacaOptions options, AlpacaCredentials credentials, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(time);
        var uri = options.ResolvedStreamUri;
        var socket = new ClientWebSocket();
        var stream = new AlpacaTradeUpdates(socket, credentials);
        var step = "connecting";
        try
        {
            using (var timeout = Linked(options, time, cancellationToken))
                await socket.ConnectAsync(uri, timeout.Token).ConfigureAwait(false);

            step = "authenticating";
            await stream.SendAsync(JsonSerializer.SerializeToUtf8Bytes(
                new AlpacaActionJson<AlpacaAuthenticateData>("authenticate", new(credentials.KeyId, credentials.SecretKey)),
                AlpacaJsonContext.Default.AlpacaActionJsonAlpacaAuthenticateData), cancellationToken).ConfigureAwait(false);
            var auth = await stream.AwaitAsync("authorization", AlpacaJsonContext.Default.AlpacaAuthorizationJson, options, time, cancellationToken).ConfigureAwait(false);
            if (auth.Status != "authorized")
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                return new BrokerError(BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized,
                    stream.Mask($"{AlpacaBroker.VenueName}: {uri} refused the key pair (authorization status \"{auth.Status}\", action \"{auth.Action}\")"));
            }

            step = "listening";
            await stream.SendAsync(JsonSerializer.SerializeToUtf8Bytes(
                new AlpacaActionJson<AlpacaListenData>("listen", new([TradeUpdates])),
                AlpacaJsonContext.Default.AlpacaActionJsonAlpacaListenData), cancellationToken).ConfigureAwait(false);
            var listening = await stream.AwaitAsync("listening", AlpacaJsonContext.Default.AlpacaListeningJson, options, time, cancellationToken).ConfigureAwait(false);
            if (listening.Streams?.Contains(TradeUpdates) != true)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
                return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse,
                    $"{AlpacaBroker.VenueName}: {uri} did not confirm listening to {TradeUpdates} (streams: [{string.Join(", ", listening.Streams ?? [])}])");
            }
            return stream;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or JsonException or AlpacaWireException
                                   && !cancellationToken.IsCancellationRequested)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            var (kind, code) = ex switch
            {
                OperationCanceledException => (BrokerErrorClass.Retryable, BrokerErrorCodes.Timeout),
                JsonException or AlpacaWireException => (BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse),
                _ => (BrokerErrorClass.Retryable, BrokerErrorCodes.ConnectionLost),
            };
            var detail = ex is OperationCanceledException ? $"no answer within {options.Timeout.TotalSeconds:0.###} s" : ex.Message;
            return new BrokerError(kind, code, stream.Mask($"{AlpacaBroker.VenueName}: {uri} failed while {step}: {detail}"));
        }
        catch (OperationCanceledException)
        {
            // The caller gave up: the half-open socket is closed before the cancellation goes on up.
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The updates as they arrive, until the connection ends (yielded as a last error) or <paramref name="cancellationToken"/>
    /// is cancelled. Read by one consumer at a time.
    /// </summary>
    public async IAsyncEnumerable<BrokerResult<AlpacaTradeUpdate>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var (text, lost) = await ReceiveOrLostAsync(cancellationToken).ConfigureAwait(false);
            if (lost is not null)
            {
                yield return lost;
                yield break;
            }
            if (Read(text!) is { } update)
                yield return update;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // After the server's close frame, answering it completes the closing handshake.
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", quick.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
            {
                // Closing politely is a courtesy; the socket is disposed either way.
            }
        }
        _socket.Dispose();
    }

    /// <summary>A trade update, an error for one that cannot be read, or null for other streams' messages.</summary>
    private BrokerResult<AlpacaTradeUpdate>? Read(string text)
    {
        try
        {
            var message = JsonSerializer.Deserialize(text, AlpacaJsonContext.Default.AlpacaStreamMessageJson);
            switch (message?.Stream)
            {
                case TradeUpdates:
                    return AlpacaTradeUpdate.From(message.Read(AlpacaJsonContext.Default.AlpacaTradeUpdateJson));
                case "authorization":
                    var auth = message.Read(AlpacaJsonContext.Default.AlpacaAuthorizationJson);
                    if (auth.Status == "authorized")
                        return null;
                    return new BrokerError(BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized,
                        Mask($"{AlpacaBroker.VenueName}: trade_updates stream withdrew authorization ({auth.Status}, action {auth.Action})"));
                default:
                    return null;
            }
        }
        catch (Exception ex) when (ex is JsonException or AlpacaWireException)
        {
            var shown = text.Length <= 300 ? text : text[..300] + "...";
            return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.MalformedResponse,
                Mask($"{AlpacaBroker.VenueName}: trade_updates message Vanta cannot read ({ex.Message}): {shown}"));
        }
    }

    private async Task<(string? Text, BrokerError? Lost)> ReceiveOrLostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var text = await ReceiveAsync(cancellationToken).ConfigureAwait(false);
            return text is null
                ? (null, Lost($"closed by the server ({_socket.CloseStatus?.ToString() ?? "no status"}: {_socket.CloseStatusDescription})"))
                : (text, null);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or InvalidDataException)
        {
            return (null, Lost(ex.Message));
        }
    }

    private BrokerError Lost(string why) =>
        new(BrokerErrorClass.Retryable, BrokerErrorCodes.ConnectionLost, Mask($"{AlpacaBroker.VenueName}: trade_updates stream ended: {why}"));

    /// <summary>Waits for the next message of <paramref name="stream"/>, skipping others, within the step timeout.</summary>
    private async Task<T> AwaitAsync<T>(string stream, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, AlpacaOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = Linked(options, time, cancellationToken);
        while (true)
        {
            var text = await ReceiveAsync(timeout.Token).ConfigureAwait(false)
                ?? throw new WebSocketException($"the server closed the connection ({_socket.CloseStatus}: {_socket.CloseStatusDescription})");
            var message = JsonSerializer.Deserialize(text, AlpacaJsonContext.Default.AlpacaStreamMessageJson);
            if (message?.Stream == stream)
                return message.Read(type);
        }
    }

    /// <summary>One whole message as text (text or binary frames), or null when the server closed.</summary>
    private async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var message = new MemoryStream();
            while (true)
            {
                var received = await _socket.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                    return null;
                message.Write(buffer, 0, received.Count);
                if (message.Length > MaxMessageBytes)
                    throw new InvalidDataException($"a message exceeded {MaxMessageBytes} bytes");
                if (received.EndOfMessage)
                    return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Task SendAsync(byte[] json, CancellationToken cancellationToken) =>
        _socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    private string Mask(string text) => SecretMasker.MaskText(text, [_credentials.KeyId, _credentials.SecretKey]);

    private static StepTimeout Linked(AlpacaOptions options, TimeProvider time, CancellationToken cancellationToken) =>
        new(new CancellationTokenSource(options.Timeout, time), cancellationToken);

    /// <summary>The caller's token joined with a timeout on the injected clock.</summary>
    private sealed class StepTimeout(CancellationTokenSource timer, CancellationToken cancellationToken) : IDisposable
    {
        private readonly CancellationTokenSource _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);

        public CancellationToken Token => _linked.Token;

        public void Dispose()
        {
            _linked.Dispose();
            timer.Dispose();
        }
    }
}
