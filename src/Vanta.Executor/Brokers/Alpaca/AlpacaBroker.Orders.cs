using System.Globalization;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Alpaca;

public sealed partial class AlpacaBroker
{
    /// <summary>
    /// POST /v2/orders, idempotent on the client order id (<see cref="IdempotentSubmit"/>, two sends at most). When the
    /// answer is lost (timeout, dropped connection, 5xx) the order is looked up: found is returned, a 404 means Alpaca never
    /// took it and it is sent once more. A 429 is resent once after the wait Alpaca asked for. A duplicate-id answer
    /// returns the order Alpaca already holds; a found or duplicate order is checked to be the same order.
    /// </summary>
    public async Task<BrokerResult<BrokerOrder>> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Invalid(request) is { } invalid)
            return invalid;
        var body = JsonSerializer.Serialize(
            new AlpacaOrderRequestJson(
                AlpacaSymbols.ToAlpaca(request.Symbol),
                AlpacaMapping.Format(request.Quantity),
                AlpacaMapping.Side(request.Side),
                AlpacaMapping.Type(request.Type),
                AlpacaMapping.TimeInForce(request.TimeInForce),
                request.LimitPrice is { } limit ? AlpacaMapping.Format(limit) : null,
                request.ClientOrderId.Value),
            AlpacaJsonContext.Default.AlpacaOrderRequestJson);
        var post = BrokerHttpRequest.Json(HttpMethod.Post, "v2/orders", body);
        return await _submit.RunAsync(
            ct => SendOrderAsync(post, request, ct),
            async ct => IdempotentSubmit.HeldOrNone(await GetOrderAsync(request.ClientOrderId, ct).ConfigureAwait(false)),
            found => Accepted(SameOrder(request, found)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One POST. Only a lost answer or a 5xx leaves the outcome unknown: a 2xx Vanta cannot read is an error, not a
    /// reason to resend. A 429 was refused before processing, so it is resent, but only after the wait Alpaca asked for.
    /// </summary>
    private async Task<SendOutcome> SendOrderAsync(BrokerHttpRequest post, BrokerOrderRequest request, CancellationToken cancellationToken)
    {
        const string where = "POST /v2/orders";
        var sent = await SendAsync(post, cancellationToken).ConfigureAwait(false);
        if (sent.IsSuccess && sent.Value!.IsSuccess)
            return SendOutcome.Final(Accepted(Parse(sent.Value.Body, AlpacaJsonContext.Default.AlpacaOrderJson, json => AlpacaMapping.Order(json), where)));
        if (sent.IsSuccess && AlpacaErrors.IsDuplicateClientOrderId(sent.Value!))
            return SendOutcome.Final(await ExistingAsync(request, cancellationToken).ConfigureAwait(false));
        var error = sent.IsSuccess ? AlpacaErrors.Classify(_http, sent.Value!, where, _time.GetUtcNow()) : sent.Error!;
        return error is { Code: BrokerErrorCodes.RateLimited, RetryAfter: null } ? SendOutcome.Final(error) : SendOutcome.Of(error);
    }

    /// <summary>
    /// Looks the order up by client order id and DELETEs it by Alpaca's id, then returns its state as re-read
    /// (often <c>pending_cancel</c>, i.e. still Accepted). An order already cancelled, expired or rejected is returned
    /// as is; a filled one, or one Alpaca answers 422 for, is <see cref="BrokerErrorCodes.NotCancelable"/>.
    /// </summary>
    public async Task<BrokerResult<BrokerOrder>> CancelAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken = default)
    {
        var found = await GetOrderAsync(clientOrderId, cancellationToken).ConfigureAwait(false);
        if (!found.IsSuccess)
            return found;
        var order = found.Value!;
        switch (order.Status)
        {
            case OrderStatus.Cancelled or OrderStatus.Expired or OrderStatus.Rejected:
                return order;
            case OrderStatus.Filled:
                return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotCancelable,
                    $"{VenueName}: order {clientOrderId} (Alpaca {order.VenueOrderId}) is already filled");
        }

        var path = $"v2/orders/{Uri.EscapeDataString(order.VenueOrderId)}";
        var deleted = await SendAsync(BrokerHttpRequest.Delete(path), cancellationToken).ConfigureAwait(false);
        if (!deleted.IsSuccess)
            return deleted.Error!;
        if (!deleted.Value!.IsSuccess)
        {
            var error = AlpacaErrors.Classify(_http, deleted.Value, "DELETE /v2/orders/{id}", _time.GetUtcNow());
            return deleted.Value.Status == 422 ? error with { Code = BrokerErrorCodes.NotCancelable } : error;
        }
        return await ReadAsync(BrokerHttpRequest.Get(path), AlpacaJsonContext.Default.AlpacaOrderJson, json => AlpacaMapping.Order(json), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The order Alpaca already holds under this client order id (after a duplicate-id answer).</summary>
    private async Task<BrokerResult<BrokerOrder>> ExistingAsync(BrokerOrderRequest request, CancellationToken cancellationToken)
    {
        var found = await GetOrderAsync(request.ClientOrderId, cancellationToken).ConfigureAwait(false);
        return found.IsSuccess
            ? Accepted(SameOrder(request, found.Value!))
            : found.Error! with { Message = $"{VenueName}: Alpaca reports client order id {request.ClientOrderId} as used, but looking it up failed: {found.Error.Message}" };
    }

    /// <summary>A rejection in a success body is still a rejection.</summary>
    private static BrokerResult<BrokerOrder> Accepted(BrokerResult<BrokerOrder> result) =>
        result is { IsSuccess: true, Value: { Status: OrderStatus.Rejected } order }
            ? new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected,
                $"{VenueName}: order {order.ClientOrderId} (Alpaca {order.VenueOrderId}) was rejected{(order.Reason is null ? "" : ": " + order.Reason)}")
            : result;

    /// <summary>
    /// The order found under the request's client order id, unless it is a different order: client order ids derive from
    /// intents, so a mismatch means two intents collided or someone reused the id at Alpaca, and neither may pass as done.
    /// </summary>
    private static BrokerResult<BrokerOrder> SameOrder(BrokerOrderRequest request, BrokerOrder found)
    {
        var same = found.Symbol == request.Symbol && found.Side == request.Side && found.Type == request.Type
            && found.Quantity == request.Quantity && found.LimitPrice == request.LimitPrice;
        return same
            ? found
            : new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest, string.Create(CultureInfo.InvariantCulture,
                $"{VenueName}: client order id {request.ClientOrderId} is already used at Alpaca by a different order ({found.Side} {found.Quantity} {found.Symbol} {found.Type}, Alpaca {found.VenueOrderId}); asked for {request.Side} {request.Quantity} {request.Symbol} {request.Type}"));
    }

    /// <summary>What Alpaca would refuse anyway, caught before spending a request on it.</summary>
    private static BrokerError? Invalid(BrokerOrderRequest request)
    {
        string? problem = null;
        if (string.IsNullOrWhiteSpace(request.Symbol))
            problem = "symbol is empty";
        else if (request.Quantity <= 0m)
            problem = string.Create(CultureInfo.InvariantCulture, $"quantity must be positive (was {request.Quantity})");
        else if (request.Type == OrderType.Limit && request.LimitPrice is not > 0m)
            problem = string.Create(CultureInfo.InvariantCulture, $"a limit order needs a positive limit price (was {request.LimitPrice?.ToString(CultureInfo.InvariantCulture) ?? "none"})");
        else if (request.Type == OrderType.Market && request.LimitPrice is not null)
            problem = "a market order takes no limit price";
        else if (AlpacaSymbols.IsCrypto(request.Symbol) && request.TimeInForce != TimeInForce.Gtc)
            problem = $"crypto orders take time in force gtc at Alpaca (was {request.TimeInForce})";
        else if (request.ClientOrderId.Value.Length > 128)
            problem = $"client order id is longer than Alpaca's 128 characters ({request.ClientOrderId.Value.Length})";
        return problem is null
            ? null
            : new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest, $"{VenueName}: order {request.ClientOrderId} for {request.Symbol}: {problem}");
    }
}
