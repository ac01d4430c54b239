using Microsoft.Extensions.Time.Testing;
using Vanta.Core.Domain;
using Vanta.Http;
using Vanta.Http.RateLimiting;
using Vanta.Testing;
using Vanta.Testing.StandIn;

namespace Vanta.Markets.Tests.Collectors.Live;

/// <summary>A stand-in server, a fake clock and a journal-like sink for one collector test.</summary>
internal sealed class LiveHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2024, 6, 14, 21, 0, 0, TimeSpan.Zero);
    private readonly HttpClient _http = PoliteHttp.CreateHttpClient();

    public LiveHarness() => Limiters = new HostRateLimiters(Clock);

    public StandInServer Server { get; } = StandInServer.Start();

    public FakeTimeProvider Clock { get; } = new(Start);

    public HostRateLimiters Limiters { get; }

    public List<RawDocument> Journal { get; } = [];

    public PoliteHttpClient Client(HttpSourcePolicy policy) =>
        new(policy with { AttemptTimeout = TimeSpan.FromMinutes(10), TotalTimeout = TimeSpan.FromHours(1) }, _http, Clock, new ListSink(Journal), Limiters);

    /// <summary>Drains a collector while moving the fake clock on, so spacing and waits pass in fake time.</summary>
    public async Task<List<FetchResult>> CollectAsync(IAsyncEnumerable<FetchResult> results)
    {
        var drain = Drain(results);
        for (var steps = 0; !drain.IsCompleted; steps++)
        {
            Assert.True(steps < 50_000, "collection did not finish within 5,000 s of fake time");
            await Task.Delay(1);
            Clock.Advance(TimeSpan.FromMilliseconds(100));
        }
        return await drain;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Limiters.Dispose();
        _http.Dispose();
    }

    private static async Task<List<FetchResult>> Drain(IAsyncEnumerable<FetchResult> results)
    {
        var list = new List<FetchResult>();
        await foreach (var result in results)
            list.Add(result);
        return list;
    }

    private sealed class ListSink(List<RawDocument> journal) : IRawDocumentSink
    {
        public ValueTask AcceptAsync(RawDocument document, CancellationToken cancellationToken)
        {
            lock (journal)
                journal.Add(document);
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A fact that replays ../shared/data, skipped with the reason when it is absent.</summary>
internal sealed class LiveDataFactAttribute : FactAttribute
{
    public LiveDataFactAttribute() => Skip = SharedData.Missing;
}
