using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Vanta.Core.Domain;
using Vanta.Http;
using Vanta.Http.RateLimiting;
using Vanta.Testing.StandIn;

namespace Vanta.Http.Tests;

/// <summary>A stand-in server, a fake clock and a polite client wired together for one test.</summary>
internal sealed class Harness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2024, 6, 14, 21, 0, 0, TimeSpan.Zero);
    public const string SecAgent = "Vanta Research ops@example.com";

    private readonly HttpClient _http = PoliteHttp.CreateHttpClient();

    public Harness(Func<HttpSourcePolicy, HttpSourcePolicy>? configure = null, IRawDocumentSink? sink = null)
    {
        Limiters = new HostRateLimiters(Clock);
        var policy = HttpSourcePolicies.Sec(SecAgent) with
        {
            // Generous limits so that advancing the fake clock while a real socket works never trips them.
            AttemptTimeout = TimeSpan.FromMinutes(10),
            TotalTimeout = TimeSpan.FromHours(1),
        };
        Client = new PoliteHttpClient(configure?.Invoke(policy) ?? policy, _http, Clock, sink ?? Sink, Limiters);
    }

    public StandInServer Server { get; } = StandInServer.Start();

    public FakeTimeProvider Clock { get; } = new(Start);

    public HostRateLimiters Limiters { get; }

    public RecordingSink Sink { get; } = new();

    public PoliteHttpClient Client { get; }

    public Task<FetchResult> Fetch(string path, string source = "test-doc") =>
        RunAsync(Client.FetchAsync(new FetchRequest(source, Server.Url(path))));

    /// <summary>
    /// Awaits <paramref name="task"/> while moving the fake clock on in small steps, so that rate-limit
    /// spacing, retry waits and timeouts elapse in fake time while the sockets work in real time.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> task)
    {
        for (var steps = 0; !task.IsCompleted; steps++)
        {
            Assert.True(steps < 20_000, "the fetch did not finish within 2,000 s of fake time");
            await Task.Delay(2);
            Clock.Advance(TimeSpan.FromMilliseconds(100));
        }
        return await task;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Limiters.Dispose();
        _http.Dispose();
    }
}

/// <summary>Keeps what it is given, in order.</summary>
internal sealed class RecordingSink : IRawDocumentSink
{
    private readonly ConcurrentQueue<RawDocument> _documents = new();

    public IReadOnlyList<RawDocument> Documents => [.. _documents];

    public ValueTask AcceptAsync(RawDocument document, CancellationToken cancellationToken)
    {
        _documents.Enqueue(document);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Test-only assertions on results.</summary>
internal static class Results
{
    public static FetchResult.Fetched Fetched(FetchResult result) =>
        Assert.IsType<FetchResult.Fetched>(result, exactMatch: true);

    public static FetchFailure Failed(FetchResult result) =>
        Assert.IsType<FetchResult.Failed>(result, exactMatch: true).Failure;
}
