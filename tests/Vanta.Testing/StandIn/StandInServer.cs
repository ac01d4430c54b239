using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace Vanta.Testing.StandIn;

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 (ephemeral port) that plays a real source's part: scripted
/// answers per path, misbehaviour on request, and a record of every request for assertions. Built on
/// <see cref="TcpListener"/> so it can misbehave at the byte level (cut bodies, stall mid-answer).
/// One request per connection (<c>Connection: close</c>) keeps the script order exact.
/// </summary>
public sealed class StandInServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, StandInResponse>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableArray<string>> _requiredHeaders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, StandInResponse>> _prefixRoutes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Task _acceptLoop;

    private StandInServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Starts a server on an ephemeral loopback port.</summary>
    public static StandInServer Start() => new();

    /// <summary>An absolute URL on this server.</summary>
    public Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery.TrimStart('/'));

    /// <summary>Requests received for <paramref name="path"/>.</summary>
    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => [.. _requests.Where(r => r.Path == path)];

    /// <summary>Answers requests for <paramref name="path"/> (query ignored) with <paramref name="handler"/>.</summary>
    public void Map(string path, Func<RecordedRequest, StandInResponse> handler) => _routes[path] = handler;

    /// <summary>Answers requests whose path starts with <paramref name="prefix"/> (exact routes win) with <paramref name="handler"/>.</summary>
    public void MapPrefix(string prefix, Func<RecordedRequest, StandInResponse> handler) => _prefixRoutes[prefix] = handler;

    /// <summary>Answers successive requests for <paramref name="path"/> with the responses in order; the last one repeats.</summary>
    public void Script(string path, params StandInResponse[] responses)
    {
        var next = 0;
        Map(path, _ => responses[Math.Min(Interlocked.Increment(ref next) - 1, responses.Length - 1)]);
    }

    /// <summary>Requests for <paramref name="path"/> lacking <c>name: value</c> get 401.</summary>
    public void RequireHeader(string path, string name, string value) =>
        _requiredHeaders.AddOrUpdate(path, [$"{name}\n{value}"], (_, existing) => existing.Add($"{name}\n{value}"));

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
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await HttpWire.ReadRequestAsync(stream, _stop.Token);
                if (request is null)
                    return;
                _requests.Enqueue(request);
                await HttpWire.WriteResponseAsync(stream, Answer(request), _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // A client that hangs up, or the server stopping mid-answer, ends this connection only.
            }
        }
    }

    private StandInResponse Answer(RecordedRequest request)
    {
        if (_requiredHeaders.TryGetValue(request.Path, out var required)
            && required.Any(r => request.Header(r.Split('\n')[0]) != r.Split('\n')[1]))
        {
            return StandInResponse.Json("""{"message": "Unauthorized", "error": 401}""", 401);
        }
        if (_routes.TryGetValue(request.Path, out var handler))
            return handler(request);
        var prefixed = _prefixRoutes.Where(r => request.Path.StartsWith(r.Key, StringComparison.Ordinal)).OrderByDescending(r => r.Key.Length);
        return prefixed.Any()
            ? prefixed.First().Value(request)
            : StandInResponse.Json("""{"message": "Not Found", "error": 404}""", 404);
    }
}
