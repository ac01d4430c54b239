namespace Vanta.Executor.Brokers.Common;

/// <summary>What one send of an order came to, as the venue's adapter reads the answer.</summary>
public readonly record struct SendOutcome
{
    private SendOutcome(BrokerResult<BrokerOrder> answer, bool refused, bool unknown)
    {
        Answer = answer;
        IsRefused = refused;
        IsUnknown = unknown;
    }

    /// <summary>The order, or the error; for a refused or unknown send, the error that said so.</summary>
    public BrokerResult<BrokerOrder> Answer { get; }

    /// <summary>Refused before it was processed (a rate limit): a resend after the wait cannot place a second order.</summary>
    public bool IsRefused { get; }

    /// <summary>The venue may or may not hold the order: it has to be looked up before anything is resent.</summary>
    public bool IsUnknown { get; }

    /// <summary>The answer stands: an acknowledged or already-held order, or an error no resend can fix.</summary>
    public static SendOutcome Final(BrokerResult<BrokerOrder> answer) => new(answer, false, false);

    public static SendOutcome Refused(BrokerError error) => new(error, true, false);

    public static SendOutcome Unknown(BrokerError error) => new(error, false, true);

    /// <summary>The shared reading of a failed send: a rate limit is refused, a lost, 5xx or unreadable answer unknown, the rest final.</summary>
    public static SendOutcome Of(BrokerError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code == BrokerErrorCodes.RateLimited ? Refused(error) : LeavesOutcomeUnknown(error) ? Unknown(error) : Final(error);
    }

    /// <summary>Timed out, dropped, a server fault or an unreadable 2xx: the venue may have placed the order before failing.</summary>
    public static bool LeavesOutcomeUnknown(BrokerError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code is BrokerErrorCodes.Timeout or BrokerErrorCodes.ConnectionLost or BrokerErrorCodes.MalformedResponse
            || (error.Code == BrokerErrorCodes.Unavailable && error.HttpStatus is >= 500);
    }
}

/// <summary>How often and how patiently one order is sent.</summary>
/// <param name="Venue">Named in the error when the last send failed too.</param>
/// <param name="MaxSends">The first send plus resends after a refusal or after a lookup proved the order absent.</param>
/// <param name="RetryBaseDelay">Wait before a resend when the venue gave no Retry-After; doubles each time.</param>
/// <param name="MaxRetryAfter">A longer Retry-After is returned to the caller instead of waited out.</param>
public sealed record SubmitPolicy(string Venue, int MaxSends, TimeSpan RetryBaseDelay, TimeSpan MaxRetryAfter);

/// <summary>
/// The submit protocol every adapter shares, keyed on the client order id: send; when the outcome is unknown, look the
/// order up and return it if the venue holds it, resend only when the venue proved it does not; resend a refused send
/// after its wait; stop after <see cref="SubmitPolicy.MaxSends"/>. What a send is, how its answer reads and how an order
/// is found stay with the venue's adapter.
/// </summary>
public sealed class IdempotentSubmit
{
    private readonly SubmitPolicy _policy;
    private readonly TimeProvider _time;

    public IdempotentSubmit(SubmitPolicy policy, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(time);
        if (policy.MaxSends < 1)
            throw new ArgumentOutOfRangeException(nameof(policy), $"{policy.Venue}: MaxSends must be positive (was {policy.MaxSends})");
        _policy = policy;
        _time = time;
    }

    /// <summary>A lookup that answers <see cref="BrokerErrorCodes.NotFound"/> for "none", read as "the venue holds no such order".</summary>
    public static BrokerResult<BrokerOrder?> HeldOrNone(BrokerResult<BrokerOrder> found) =>
        found.IsSuccess ? found.Value : found.Error!.Code == BrokerErrorCodes.NotFound ? BrokerResult<BrokerOrder?>.Ok(null) : found.Error!;

    /// <param name="send">One send, read by the venue; called again only when resending cannot place a second order.</param>
    /// <param name="lookUp">The venue's order under this client order id; null only when the venue proved it has none.</param>
    /// <param name="held">What an order found after an unknown outcome answers (by default the order itself).</param>
    public async Task<BrokerResult<BrokerOrder>> RunAsync(
        Func<CancellationToken, Task<SendOutcome>> send,
        Func<CancellationToken, Task<BrokerResult<BrokerOrder?>>> lookUp,
        Func<BrokerOrder, BrokerResult<BrokerOrder>>? held = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(lookUp);
        var delay = _policy.RetryBaseDelay;
        for (var sends = 1; ; sends++)
        {
            var outcome = await send(cancellationToken).ConfigureAwait(false);
            if (!outcome.IsRefused && !outcome.IsUnknown)
                return outcome.Answer;

            var error = outcome.Answer.Error!;
            var last = sends >= _policy.MaxSends;
            if (outcome.IsRefused)
            {
                if (last || error.RetryAfter > _policy.MaxRetryAfter)
                    return error;
                await WaitAsync(error.RetryAfter ?? delay, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var found = await lookUp(cancellationToken).ConfigureAwait(false);
                // A failed lookup leaves the first outcome unknown, and that is what the caller must hear.
                if (!found.IsSuccess)
                    return error with { Message = $"{error.Message}; looking it up failed too ({found.Error!.Message})" };
                if (found.Value is { } order)
                    return held is null ? order : held(order);
                if (last)
                    return error with { Message = $"{error.Message}; {_policy.Venue} held no such order after {sends} send(s)" };
                // Absent for certain: sending again cannot make a second order.
                await WaitAsync(delay, cancellationToken).ConfigureAwait(false);
            }
            delay *= 2;
        }
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
    }
}
