using Microsoft.Extensions.Time.Testing;
using Vanta.Http.RateLimiting;
using Vanta.Testing.StandIn;

namespace Vanta.Http.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_ten_per_second_limit_spaces_permits_100_ms_apart_on_the_injected_clock()
    {
        var clock = new FakeTimeProvider(Harness.Start);
        using var limiters = new HostRateLimiters(clock);
        var limiter = limiters.For("sec.gov", new RateLimit(10, TimeSpan.FromSeconds(1)));

        using var first = await limiter.AcquireAsync(1);
        var second = limiter.AcquireAsync(1).AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(99));
        var pendingAt99 = second.IsCompleted;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        using var lease = await second.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(first.IsAcquired);
        Assert.False(pendingAt99);
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public void Hosts_in_one_scope_share_a_limiter_and_other_scopes_do_not()
    {
        using var limiters = new HostRateLimiters(new FakeTimeProvider(Harness.Start));
        var limit = new RateLimit(10, TimeSpan.FromSeconds(1));

        Assert.Same(limiters.For("sec.gov", limit), limiters.For("SEC.gov", limit));
        Assert.NotSame(limiters.For("sec.gov", limit), limiters.For("oauth.reddit.com", limit));
    }

    [Fact]
    public async Task Requests_wait_for_the_clock_rather_than_reaching_the_server_together()
    {
        await using var h = new Harness();
        h.Server.Script("/doc", StandInResponse.Json("{}"));

        var fetches = Enumerable.Range(0, 3).Select(_ => h.Client.FetchAsync(new FetchRequest("doc", h.Server.Url("/doc")))).ToArray();
        await WaitForRequests(h.Server, 1);
        // Time has not moved, so no second permit exists however long we wait in real time.
        await Task.Delay(300);
        var beforeTick = h.Server.Requests.Count;
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        await WaitForRequests(h.Server, 2);
        h.Clock.Advance(TimeSpan.FromMilliseconds(100));
        await Task.WhenAll(fetches).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, beforeTick);
        Assert.Equal(3, h.Server.Requests.Count);
    }

    private static async Task WaitForRequests(StandInServer server, int count)
    {
        for (var i = 0; server.Requests.Count < count; i++)
        {
            Assert.True(i < 3000, $"the server saw {server.Requests.Count} of {count} requests");
            await Task.Delay(10);
        }
    }
}
