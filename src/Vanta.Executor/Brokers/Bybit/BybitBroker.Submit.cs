using System.Text.Json.Nodes;
using Vanta.Core.Domain;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Bybit;

public sealed partial class BybitBroker
{
    public async Task<BrokerResult<BrokerOrder>> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (BybitWire.Invalid(request) is { } invalid)
            return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest, $"bybit: {invalid}");
        var create = BrokerHttpRequest.Json(HttpMethod.Post, "v5/order/create", BybitWire.CreateBody(_options.Category, request));
        return await _submit.RunAsync(
            ct => SendAsync(create, request, ct),
            async ct => IdempotentSubmit.HeldOrNone(await FindAsync(request.ClientOrderId, request.Symbol, ct).ConfigureAwait(false)),
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One send. A rate limit was already waited out and resent by <see cref="CallAsync"/>, so here it is final;
    /// retCode 10016 (a server fault in HTTP 200) leaves the outcome unknown like a 5xx.
    /// </summary>
    private async Task<SendOutcome> SendAsync(BrokerHttpRequest create, BrokerOrderRequest request, CancellationToken cancellationToken)
    {
        var sent = await CallAsync(create, "create order", cancellationToken).ConfigureAwait(false);
        if (sent.IsSuccess)
            return SendOutcome.Final(Acknowledged(request, sent.Value!));
        var error = sent.Error!;
        if (BybitErrors.DuplicateCodes.Contains(error.Code))
        {
            // The id was used before (an earlier attempt that did land): that order is the answer.
            var existing = await FindAsync(request.ClientOrderId, request.Symbol, cancellationToken).ConfigureAwait(false);
            return SendOutcome.Final(existing.IsSuccess ? existing : error);
        }
        return error.Code == BrokerErrorCodes.Unavailable || SendOutcome.LeavesOutcomeUnknown(error) ? SendOutcome.Unknown(error) : SendOutcome.Final(error);
    }

    private BrokerResult<BrokerOrder> Acknowledged(BrokerOrderRequest request, JsonObject result)
    {
        var venueId = (string?)result["orderId"];
        var link = (string?)result["orderLinkId"];
        if (string.IsNullOrEmpty(venueId) || link != request.ClientOrderId.Value)
            return BybitErrors.Malformed(_http, "create order", $"acknowledgement names order '{venueId}' / '{link}', not {request.ClientOrderId}");
        return new BrokerOrder(venueId, request.ClientOrderId, request.Symbol, request.Side, request.Type, request.Quantity,
            request.LimitPrice, OrderStatus.Submitted, 0m, null, null, _time.GetUtcNow());
    }
}
