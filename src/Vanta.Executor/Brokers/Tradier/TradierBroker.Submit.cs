using Vanta.Core.Domain;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Tradier;

public sealed partial class TradierBroker
{
    /// <summary>
    /// Places the order at most once per client order id: an existing order with the tag is returned instead of
    /// sending (<see cref="TradierOptions.LookUpBeforeSubmit"/>); a 429 (refused unprocessed) is resent after its
    /// Retry-After; an unknown outcome (timeout, dropped connection, 5xx, unreadable 200) is looked up by tag and
    /// resent only when the listing shows no such order.
    /// </summary>
    public async Task<BrokerResult<BrokerOrder>> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (TradierOrders.Invalid(request) is { } why)
            return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest, $"tradier: order {request.ClientOrderId} not sent: {why}");
        if (TradierTag.For(request.ClientOrderId) is not { } tag)
        {
            return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest,
                $"tradier: client order id {request.ClientOrderId} does not fit a {TradierTag.MaxLength}-character order tag");
        }

        if (_options.LookUpBeforeSubmit)
        {
            var prior = await FindByTagAsync(tag, cancellationToken).ConfigureAwait(false);
            if (!prior.IsSuccess)
                return prior.Error! with { Message = $"{prior.Error.Message} (order {request.ClientOrderId} not sent: could not check for an earlier one)" };
            if (prior.Value is { } existing)
                return existing;
        }

        var form = BrokerHttpRequest.Form(HttpMethod.Post, $"accounts/{_account}/orders", TradierOrders.Form(request, tag));
        var delay = _options.RetryBaseDelay;
        for (var attempt = 1; ; attempt++)
        {
            var answer = await CallAsync(_trading, form, BrokerErrorCodes.Rejected, cancellationToken).ConfigureAwait(false);
            var acknowledged = answer.IsSuccess ? Parse(() => TradierJson.RequiredString(TradierJson.Object(answer.Value, "order"), "id", "order acknowledgement")) : answer.Error!;
            if (acknowledged.IsSuccess)
            {
                _venueIds[request.ClientOrderId] = acknowledged.Value!;
                return await AfterAcknowledgementAsync(acknowledged.Value!, request, cancellationToken).ConfigureAwait(false);
            }

            var error = acknowledged.Error!;
            var last = attempt >= _options.MaxSubmitAttempts;
            if (error.Code == BrokerErrorCodes.RateLimited)
            {
                // A 429 is refused before it is processed: resending cannot duplicate.
                if (last || error.RetryAfter > _options.MaxRetryAfter)
                    return error;
                await Task.Delay(error.RetryAfter ?? delay, _time, cancellationToken).ConfigureAwait(false);
            }
            else if (IsUnknownOutcome(error))
            {
                var found = await FindByTagAsync(tag, cancellationToken).ConfigureAwait(false);
                if (!found.IsSuccess)
                    return error with { Message = $"{error.Message}; the lookup by tag failed too: {found.Error!.Message}" };
                if (found.Value is { } existing)
                    return existing;
                if (last)
                    return error;
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                return error;
            }
            delay *= 2;
        }
    }

    /// <summary>The outcome of a send we cannot know without looking: the venue may or may not hold the order.</summary>
    private static bool IsUnknownOutcome(BrokerError error) =>
        error.Code is BrokerErrorCodes.Timeout or BrokerErrorCodes.ConnectionLost or BrokerErrorCodes.MalformedResponse
        || (error.Code == BrokerErrorCodes.Unavailable && error.HttpStatus is >= 500);

    /// <summary>The acknowledgement only says "received"; read the order for its real state (it may already be rejected).</summary>
    private async Task<BrokerResult<BrokerOrder>> AfterAcknowledgementAsync(string venueId, BrokerOrderRequest request, CancellationToken cancellationToken)
    {
        var read = await GetByIdAsync(venueId, cancellationToken).ConfigureAwait(false);
        if (read.IsSuccess)
            return read;
        // The order exists (Tradier said so); a failed read must not turn that into a failure the caller would resend.
        return new BrokerOrder(venueId, request.ClientOrderId, request.Symbol, request.Side, request.Type, request.Quantity,
            request.LimitPrice, OrderStatus.Submitted, 0m, null, null, null);
    }
}
