using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace Vanta.Testing.StandIn;

/// <summary>
/// A WebSocket server on 127.0.0.1 (ephemeral port) for stream clients: the HTTP upgrade is done by hand (RFC 6455
/// <c>Sec-WebSocket-Accept</c>), then each connection is handed to the test's script as a <see cref="StandInWebSocketSession"/>.
/// Upgrade requests are recorded like <see cref="StandInServer"/>'s; a path other than the one given gets 404.
/// </summary>
public sealed class StandInWebSocketServer : IAsyncDisposable
{
    private const string Rfc6455Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _path;
    private readonly Func<StandInWebSocketSession, CancellationToken, Task> _script;
    private readonly ConcurrentQueue<RecordedRequest> _handshakes = new();
    private readonly ConcurrentQueue<Task> _scripts = new();
    private readonly ConcurrentQueue<StandInWebSocketSession> _sessions = new();
    private readonly Task _acceptLoop;

    private StandInWebSocketServer(string path, Func<StandInWebSocketSession, CancellationToken, Task> script)
    {
        _path = path;
        _script = script;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Uri = new Uri($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}");
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary><c>ws://127.0.0.1:{port}{path}</c>.</summary>
    public Uri Uri { get; }

    /// <summary>Upgrade requests received, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Handshakes => [.. _handshakes];

    /// <summary>Connections upgraded so far, in arrival order.</summary>
    public IReadOnlyList<StandInWebSocketSession> Sessions => [.. _sessions];

    /// <summary>Serves <paramref name="path"/>; every accepted connection runs <paramref name="script"/>, then is closed.</summary>
    public static StandInWebSocketServer Start(string path, Func<StandInWebSocketSession, CancellationToken, Task> script) => new(path, script);

    /// <summary>Waits for the scripts of all connections so far to finish (their exceptions surface here).</summary>
    public Task SessionsCompleted() => Task.WhenAll(_scripts);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected way out of the loop.
        }
        _stop.Dispose();
    }

    /// <summary>The <c>Sec-WebSocket-Accept</c> value for a client's <c>Sec-WebSocket-Key</c>.</summary>
    public static string AcceptKey(string key) => Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + Rfc6455Guid)));

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            _scripts.Enqueue(ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            RecordedRequest? request;
            try
            {
                request = await HttpWire.ReadRequestAsync(stream, _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException)
            {
                return;
            }
            if (request is null)
                return;
            _handshakes.Enqueue(request);
            if (request.Path != _path || request.Header("Sec-WebSocket-Key") is not { } key
                || !string.Equals(request.Header("Upgrade"), "websocket", StringComparison.OrdinalIgnoreCase))
            {
                await HttpWire.WriteResponseAsync(stream, StandInResponse.Json("""{"message": "not a websocket upgrade here"}""", 404), _stop.Token);
                return;
            }
            var head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + $"Sec-WebSocket-Accept: {AcceptKey(key)}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
            var session = new StandInWebSocketSession(request, socket);
            _sessions.Enqueue(session);
            try
            {
                await _script(session, _stop.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
            {
                // The client went away or the server is stopping: the test asserts on what the client saw.
            }
        }
    }
}

/// <summary>One accepted WebSocket connection, as a test script drives it.</summary>
public sealed class StandInWebSocketSession(RecordedRequest handshake, WebSocket socket)
{
    private readonly ConcurrentQueue<string> _received = new();

    /// <summary>The HTTP upgrade request.</summary>
    public RecordedRequest Handshake { get; } = handshake;

    public WebSocket Socket { get; } = socket;

    /// <summary>Every message the client sent, as text, in order.</summary>
    public IReadOnlyList<string> Received => [.. _received];

    /// <summary>The client's next message as text (text or binary frames), or null when it closed.</summary>
    public async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                var text = Encoding.UTF8.GetString(message.ToArray());
                _received.Enqueue(text);
                return text;
            }
        }
    }

    /// <summary>Sends <paramref name="json"/> as one text frame.</summary>
    public Task SendTextAsync(string json, CancellationToken cancellationToken) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, cancellationToken);

    /// <summary>Sends <paramref name="json"/> as UTF-8 in binary frames of at most <paramref name="frameBytes"/> bytes (as Alpaca paper does).</summary>
    public async Task SendBinaryAsync(string json, CancellationToken cancellationToken, int frameBytes = int.MaxValue)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        for (var at = 0; at < bytes.Length; at += frameBytes)
        {
            var count = Math.Min(frameBytes, bytes.Length - at);
            await Socket.SendAsync(bytes.AsMemory(at, count), WebSocketMessageType.Binary, at + count >= bytes.Length, cancellationToken);
        }
    }

    /// <summary>Closes from the server side with the given status.</summary>
    public Task CloseAsync(WebSocketCloseStatus status, string description, CancellationToken cancellationToken) =>
        Socket.CloseOutputAsync(status, description, cancellationToken);
}
