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
        return await _submit.RunAsync(ct => SendAsync(form, request, ct), ct => FindByTagAsync(tag, ct), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>One send; an acknowledgement we cannot read is an unknown outcome like a lost one.</summary>
    private async Task<SendOutcome> SendAsync(BrokerHttpRequest form, BrokerOrderRequest request, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(_trading, form, BrokerErrorCodes.Rejected, cancellationToken).ConfigureAwait(false);
        var acknowledged = answer.IsSuccess ? Parse(() => TradierJson.RequiredString(TradierJson.Object(answer.Value, "order"), "id", "order acknowledgement")) : answer.Error!;
        if (!acknowledged.IsSuccess)
            return SendOutcome.Of(acknowledged.Error!);
        _venueIds[request.ClientOrderId] = acknowledged.Value!;
        return SendOutcome.Final(await AfterAcknowledgementAsync(acknowledged.Value!, request, cancellationToken).ConfigureAwait(false));
    }

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
