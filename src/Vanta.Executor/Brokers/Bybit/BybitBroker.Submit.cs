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
        var delay = _options.RetryBaseDelay;
        for (var attempt = 0; ; attempt++)
        {
            var sent = await CallAsync(create, "create order", cancellationToken).ConfigureAwait(false);
            if (sent.IsSuccess)
                return Acknowledged(request, sent.Value!);
            var error = sent.Error!;
            if (BybitErrors.DuplicateCodes.Contains(error.Code))
            {
                // The id was used before (an earlier attempt that did land): that order is the answer.
                var existing = await FindAsync(request.ClientOrderId, request.Symbol, cancellationToken).ConfigureAwait(false);
                return existing.IsSuccess ? existing : error;
            }
            if (!IsOutcomeUnknown(error))
                return error;
            var found = await FindAsync(request.ClientOrderId, request.Symbol, cancellationToken).ConfigureAwait(false);
            if (found.IsSuccess)
                return found;
            // Resend only when the venue answered that it has no such order; any other lookup failure leaves
            // the first outcome unknown, and that is what the caller must hear.
            if (found.Error!.Code != BrokerErrorCodes.NotFound || attempt >= _options.MaxRetries)
                return error;
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }
    }

    /// <summary>The send may or may not have created the order: lost in transit, timed out, a server fault, an unreadable 2xx.</summary>
    private static bool IsOutcomeUnknown(BrokerError error) =>
        error.Code is BrokerErrorCodes.Timeout or BrokerErrorCodes.ConnectionLost or BrokerErrorCodes.Unavailable or BrokerErrorCodes.MalformedResponse;

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
