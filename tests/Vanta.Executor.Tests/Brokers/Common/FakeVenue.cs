using System.Collections.Concurrent;
using Vanta.Testing.StandIn;

namespace Vanta.Executor.Tests.Brokers.Common;

/// <summary>Ways one answer of a fake venue goes wrong.</summary>
public enum VenueFault
{
    /// <summary>HTTP 500 before doing anything.</summary>
    Refuse500,

    /// <summary>HTTP 429 (Retry-After: 0) before doing anything.</summary>
    Refuse429,

    /// <summary>The venue's in-body rate limit before doing anything (Bybit's retCode 10006); the venue answers it itself.</summary>
    RefuseRateLimited,

    /// <summary>Does the work, then answers HTTP 500.</summary>
    AcceptThen500,

    /// <summary>Does the work, then holds the answer for <see cref="FakeVenue{TOrder}.StallFor"/>.</summary>
    AcceptThenStall,

    /// <summary>Does the work, then cuts the body after 5 bytes.</summary>
    AcceptThenCut,
}

/// <summary>
/// What the stateful fake venues share: their orders under one lock, faults queued per path and spent one a request,
/// and ids numbered in order. A venue answers a fault before its work (<see cref="Refusal"/>) or spoils the answer of
/// work it did (<see cref="Spoiled"/>), which is what makes an outcome unknown to the adapter.
/// </summary>
internal abstract class FakeVenue<TOrder>
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<VenueFault>> _faults = new(StringComparer.Ordinal);
    private int _next;

    public TimeSpan StallFor { get; set; } = TimeSpan.FromSeconds(3);

    public IReadOnlyList<TOrder> Orders
    {
        get
        {
            lock (Gate)
                return [.. Book];
        }
    }

    protected Lock Gate { get; } = new();

    /// <summary>The venue's orders, oldest first; only under <see cref="Gate"/>.</summary>
    protected List<TOrder> Book { get; } = [];

    /// <summary>This venue's HTTP 500, body and all.</summary>
    protected abstract StandInResponse ServerError { get; }

    public void Inject(string path, VenueFault fault) => _faults.GetOrAdd(path, _ => new()).Enqueue(fault);

    protected VenueFault? NextFault(string path) =>
        _faults.TryGetValue(path, out var queue) && queue.TryDequeue(out var fault) ? fault : null;

    /// <summary>The answer when <paramref name="fault"/> refuses the request before any work; null when the work is to be done.</summary>
    protected StandInResponse? Refusal(VenueFault? fault) => fault switch
    {
        VenueFault.Refuse500 => ServerError,
        VenueFault.Refuse429 => StandInResponse.TooManyRequests("0"),
        _ => null,
    };

    /// <summary>The answer to work that was done, spoiled as <paramref name="fault"/> says.</summary>
    protected StandInResponse Spoiled(VenueFault? fault, StandInResponse answer) => fault switch
    {
        VenueFault.AcceptThen500 => ServerError,
        VenueFault.AcceptThenStall => answer with { HeaderDelay = StallFor },
        VenueFault.AcceptThenCut => answer with { TruncateAfterBytes = 5 },
        _ => answer,
    };

    protected int NextNumber() => Interlocked.Increment(ref _next);
}
