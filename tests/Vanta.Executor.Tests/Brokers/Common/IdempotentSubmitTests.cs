using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Tests.Brokers.Common;

/// <summary>The shared submit protocol on scripted sends and lookups; each venue's own tests cover it on the wire.</summary>
public sealed class IdempotentSubmitTests
{
    private static readonly BrokerOrder Held = new("v-1", new ClientOrderId("vanta-1"), "AAPL", OrderSide.Buy, OrderType.Market, 1m, null,
        OrderStatus.Accepted, 0m, null, null, null);

    private static readonly BrokerResult<BrokerOrder?> None = BrokerResult<BrokerOrder?>.Ok(null);

    private static readonly BrokerError Lost = new(BrokerErrorClass.Retryable, BrokerErrorCodes.Timeout, "t: POST timed out; its outcome is unknown");

    [Fact]
    public async Task Unknown_outcome_found_at_the_venue_is_returned_without_a_second_send()
    {
        var venue = new Script([SendOutcome.Unknown(Lost)], [Held]);

        var result = await venue.RunAsync(Submit(3));

        Assert.Same(Held, result.GetValueOrThrow());
        Assert.Equal((1, 1), (venue.Sends, venue.Lookups));
    }

    [Fact]
    public async Task Unknown_outcome_the_venue_proved_absent_is_resent()
    {
        var venue = new Script([SendOutcome.Unknown(Lost), SendOutcome.Final(Held)], [None]);

        var result = await venue.RunAsync(Submit(3));

        Assert.Same(Held, result.GetValueOrThrow());
        Assert.Equal((2, 1), (venue.Sends, venue.Lookups));
    }

    [Fact]
    public async Task Lookup_that_fails_too_returns_the_first_error_and_sends_nothing_more()
    {
        var down = new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.Unavailable, "listing answered 503", 503);
        var venue = new Script([SendOutcome.Unknown(Lost)], [down]);

        var error = (await venue.RunAsync(Submit(3))).Error!;

        Assert.Equal((BrokerErrorClass.Retryable, BrokerErrorCodes.Timeout), (error.Class, error.Code));
        Assert.Equal($"{Lost.Message}; looking it up failed too (listing answered 503)", error.Message);
        Assert.Equal(1, venue.Sends);
    }

    [Fact]
    public async Task Sends_stop_at_the_maximum_and_say_the_venue_held_nothing()
    {
        var venue = new Script([SendOutcome.Unknown(Lost), SendOutcome.Unknown(Lost), SendOutcome.Unknown(Lost)], [None, None, None]);

        var error = (await venue.RunAsync(Submit(2))).Error!;

        Assert.Equal(BrokerErrorCodes.Timeout, error.Code);
        Assert.EndsWith("; t held no such order after 2 send(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal((2, 2), (venue.Sends, venue.Lookups));
    }

    [Fact]
    public async Task Final_error_is_returned_at_once_without_a_lookup()
    {
        var refused = new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected, "insufficient funds", 200);
        var venue = new Script([SendOutcome.Final(refused)], []);

        var error = (await venue.RunAsync(Submit(3))).Error!;

        Assert.Same(refused, error);
        Assert.Equal((1, 0), (venue.Sends, venue.Lookups));
    }

    [Fact]
    public async Task Refused_send_waits_its_retry_after_on_the_clock_then_resends_without_a_lookup()
    {
        var clock = new WatchedClock();
        var limited = new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.RateLimited, "429", 429, TimeSpan.FromSeconds(4));
        var venue = new Script([SendOutcome.Refused(limited), SendOutcome.Final(Held)], []);

        var running = venue.RunAsync(Submit(3, clock));
        await clock.WaitStartedAsync(TimeSpan.FromSeconds(4));
        clock.Advance(TimeSpan.FromSeconds(3.9));
        await Task.Delay(50);
        Assert.Equal(1, venue.Sends);
        clock.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Same(Held, (await running).GetValueOrThrow());
        Assert.Equal((2, 0), (venue.Sends, venue.Lookups));
    }

    [Theory]
    [InlineData(31, 3)]
    [InlineData(1, 1)]
    public async Task Refused_send_is_returned_when_its_wait_is_too_long_or_no_send_is_left(int retryAfterSeconds, int maxSends)
    {
        var limited = new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.RateLimited, "429", 429, TimeSpan.FromSeconds(retryAfterSeconds));
        var venue = new Script([SendOutcome.Refused(limited), SendOutcome.Final(Held)], []);

        var error = (await venue.RunAsync(Submit(maxSends))).Error!;

        Assert.Same(limited, error);
        Assert.Equal(1, venue.Sends);
    }

    [Fact]
    public async Task Order_found_after_an_unknown_outcome_passes_through_the_venues_check()
    {
        var mismatch = new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest, "a different order holds the id");
        var venue = new Script([SendOutcome.Unknown(Lost)], [Held]);

        var error = (await venue.RunAsync(Submit(3), _ => mismatch)).Error!;

        Assert.Same(mismatch, error);
    }

    [Fact]
    public void Not_found_reads_as_none_and_any_other_lookup_failure_stays_a_failure()
    {
        var notFound = new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound, "none");
        var down = new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.Unavailable, "down", 503);

        Assert.Null(IdempotentSubmit.HeldOrNone(notFound).GetValueOrThrow());
        Assert.Same(Held, IdempotentSubmit.HeldOrNone(Held).GetValueOrThrow());
        Assert.Same(down, IdempotentSubmit.HeldOrNone(down).Error);
    }

    [Theory]
    [InlineData(BrokerErrorCodes.Timeout, null, true)]
    [InlineData(BrokerErrorCodes.ConnectionLost, null, true)]
    [InlineData(BrokerErrorCodes.MalformedResponse, 200, true)]
    [InlineData(BrokerErrorCodes.Unavailable, 503, true)]
    [InlineData(BrokerErrorCodes.Unavailable, null, false)]
    [InlineData(BrokerErrorCodes.Rejected, 200, false)]
    [InlineData(BrokerErrorCodes.InvalidRequest, 400, false)]
    public void Only_a_lost_unreadable_or_5xx_answer_leaves_the_outcome_unknown(string code, int? status, bool unknown)
    {
        var error = new BrokerError(BrokerErrorClass.Retryable, code, "x", status);

        Assert.Equal(unknown, SendOutcome.LeavesOutcomeUnknown(error));
        Assert.Equal(unknown, SendOutcome.Of(error).IsUnknown);
    }

    private static IdempotentSubmit Submit(int maxSends, TimeProvider? time = null) =>
        new(new SubmitPolicy("t", maxSends, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30)), time ?? TimeProvider.System);

    /// <summary>Answers sends and lookups from queues, counting both.</summary>
    private sealed class Script(IEnumerable<SendOutcome> sends, IEnumerable<BrokerResult<BrokerOrder?>> lookups)
    {
        private readonly Queue<SendOutcome> _sends = new(sends);
        private readonly Queue<BrokerResult<BrokerOrder?>> _lookups = new(lookups);

        public int Sends { get; private set; }

        public int Lookups { get; private set; }

        public Task<BrokerResult<BrokerOrder>> RunAsync(IdempotentSubmit submit, Func<BrokerOrder, BrokerResult<BrokerOrder>>? held = null) =>
            submit.RunAsync(
                _ =>
                {
                    Sends++;
                    return Task.FromResult(_sends.Dequeue());
                },
                _ =>
                {
                    Lookups++;
                    return Task.FromResult(_lookups.Dequeue());
                },
                held);
    }
}
