using System.Text.Json.Nodes;
using Vanta.Core.Domain;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Coinbase;

public sealed partial class CoinbaseBroker
{
    public async Task<BrokerResult<BrokerOrder>> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (CoinbaseWire.Invalid(request) is { } invalid)
            return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest, $"coinbase: {invalid}");
        var create = BrokerHttpRequest.Json(HttpMethod.Post, CoinbaseWire.Prefix + "orders", CoinbaseWire.CreateBody(request));
        return await _submit.RunAsync(
            ct => SendAsync(create, request, ct),
            async ct => IdempotentSubmit.HeldOrNone(await FindAsync(request.ClientOrderId, ct).ConfigureAwait(false)),
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One send. A rate limit was already waited out and resent by <see cref="CallAsync"/>, so here it is final.</summary>
    private async Task<SendOutcome> SendAsync(BrokerHttpRequest create, BrokerOrderRequest request, CancellationToken cancellationToken)
    {
        var sent = await CallAsync(create, "create order", cancellationToken).ConfigureAwait(false);
        if (sent.IsSuccess)
            return SendOutcome.Final(Answered(request, sent.Value!));
        return SendOutcome.LeavesOutcomeUnknown(sent.Error!) ? SendOutcome.Unknown(sent.Error!) : SendOutcome.Final(sent.Error!);
    }

    /// <summary>The create answer: HTTP 200 either way, <c>success</c> says which.</summary>
    private BrokerResult<BrokerOrder> Answered(BrokerOrderRequest request, JsonObject answer)
    {
        if (answer["success"] is not JsonValue success || !success.TryGetValue<bool>(out var ok))
            return Malformed("create order", "no boolean success in the answer");
        if (!ok)
        {
            var failure = answer["error_response"] as JsonObject;
            var detail = string.Join(": ", new[] { "error", "new_order_failure_reason", "preview_failure_reason", "message", "error_details" }
                .Select(n => (string?)failure?[n])
                .Where(t => !string.IsNullOrEmpty(t) && t is not ("UNKNOWN_FAILURE_REASON" or "UNKNOWN_PREVIEW_FAILURE_REASON"))
                .Distinct(StringComparer.Ordinal));
            return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected,
                _http.Mask($"coinbase rejected order {request.ClientOrderId}: {(detail.Length > 0 ? detail : "no reason given")}"), 200);
        }
        var venueId = (string?)answer["success_response"]?["order_id"] ?? (string?)answer["order_id"];
        var echoed = (string?)answer["success_response"]?["client_order_id"];
        if (string.IsNullOrEmpty(venueId) || (echoed is not null && echoed != request.ClientOrderId.Value))
            return Malformed("create order", $"acknowledgement names order '{venueId}' / '{echoed}', not {request.ClientOrderId}");
        _venueIds[request.ClientOrderId] = venueId;
        return new BrokerOrder(venueId, request.ClientOrderId, request.Symbol, request.Side, request.Type, request.Quantity,
            request.LimitPrice, OrderStatus.Submitted, 0m, null, null, _time.GetUtcNow());
    }
}
