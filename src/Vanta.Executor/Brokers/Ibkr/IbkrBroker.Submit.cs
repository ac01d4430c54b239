using Vanta.Core.Domain;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Ibkr;

public sealed partial class IbkrBroker
{
    /// <summary>
    /// Places the order once per <c>cOID</c>: resolves the conid, posts a one-ticket array, and answers IBKR's
    /// questions (only those in <see cref="IbkrOptions.AutoConfirmMessageIds"/>) until an order id arrives. A 429 is
    /// resent after its Retry-After; an unknown outcome (timeout, dropped connection, 5xx, unreadable answer) is
    /// looked up among the live orders by <c>order_ref</c> and resent only when it is not there.
    /// </summary>
    public async Task<BrokerResult<BrokerOrder>> SubmitAsync(BrokerOrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (IbkrOrders.Invalid(request) is { } why)
            return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest, $"ibkr: order {request.ClientOrderId} not sent: {why}");
        if (await EnsureBrokerageAsync(cancellationToken).ConfigureAwait(false) is { } notReady)
            return notReady;
        var conid = await ConidAsync(request.Symbol, cancellationToken).ConfigureAwait(false);
        if (!conid.IsSuccess)
            return conid.Error!;

        var tickets = BrokerHttpRequest.Json(HttpMethod.Post, $"iserver/account/{_account}/orders", IbkrOrders.Tickets(request, _options.AccountId, conid.Value));
        return await _submit.RunAsync(ct => SendAsync(tickets, request, ct), ct => FindByCoidAsync(request.ClientOrderId, ct), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// One send with its questions. A 429 is refused unprocessed (if it hit a confirmation, the unconfirmed order
    /// was never placed), so it may be resent; a lost or unreadable answer is looked up first.
    /// </summary>
    private async Task<SendOutcome> SendAsync(BrokerHttpRequest tickets, BrokerOrderRequest request, CancellationToken cancellationToken)
    {
        var placed = await PlaceAsync(tickets, request, cancellationToken).ConfigureAwait(false);
        if (!placed.IsSuccess)
            return SendOutcome.Of(placed.Error!);
        _venueIds[request.ClientOrderId] = placed.Value!.OrderId;
        return SendOutcome.Final(await AfterAcknowledgementAsync(placed.Value!, request, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The submission and its question loop, up to an acknowledgement or a failure.</summary>
    private async Task<BrokerResult<IbkrAnswer.Acknowledged>> PlaceAsync(BrokerHttpRequest tickets, BrokerOrderRequest request, CancellationToken cancellationToken)
    {
        var answer = await CallAsync(tickets, BrokerErrorCodes.Rejected, cancellationToken).ConfigureAwait(false);
        for (var replies = 0; ; replies++)
        {
            if (!answer.IsSuccess)
                return answer.Error!;
            var read = Parse(() => IbkrAnswer.Read(answer.Value));
            if (!read.IsSuccess)
                return read.Error!;
            if (read.Value is IbkrAnswer.Acknowledged acknowledged)
                return acknowledged;

            var question = (IbkrAnswer.Question)read.Value!;
            var text = string.Join(" ", question.Messages);
            var ids = question.MessageIds.Count == 0 ? "no message id" : string.Join(", ", question.MessageIds);
            var allowed = question.MessageIds.Count > 0 && question.MessageIds.All(_options.AutoConfirmMessageIds.Contains);
            if (!allowed || replies >= _options.MaxReplies)
            {
                // Say no, so IBKR drops the pending order instead of holding it for an answer.
                await ReplyAsync(question.ReplyId, confirmed: false, cancellationToken).ConfigureAwait(false);
                var reason = allowed ? $"asked more than {_options.MaxReplies} questions" : $"asked a question not allowed in AutoConfirmMessageIds ({ids})";
                return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.Rejected,
                    _http.Mask($"ibkr: order {request.ClientOrderId} not placed: ibkr {reason}: {text}"));
            }
            answer = await ReplyAsync(question.ReplyId, confirmed: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<BrokerResult<System.Text.Json.JsonElement>> ReplyAsync(string replyId, bool confirmed, CancellationToken cancellationToken) =>
        CallAsync(
            BrokerHttpRequest.Json(HttpMethod.Post, $"iserver/reply/{Uri.EscapeDataString(replyId)}", confirmed ? """{"confirmed":true}""" : """{"confirmed":false}"""),
            BrokerErrorCodes.Rejected,
            cancellationToken);

    private async Task<BrokerResult<long>> ConidAsync(string symbol, CancellationToken cancellationToken)
    {
        if (_contracts.TryGet(symbol, out var cached))
            return cached;
        var answer = await CallAsync(BrokerHttpRequest.Get(IbkrContracts.LookupPath(symbol)), BrokerErrorCodes.InvalidRequest, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
            return answer.Error!;
        var resolved = Parse(() => _contracts.Resolve(symbol, answer.Value));
        return resolved.IsSuccess ? resolved.Value : resolved.Error!;
    }

    /// <summary>The acknowledgement names the order; its status endpoint tells the real state (fills may already be in).</summary>
    private async Task<BrokerResult<BrokerOrder>> AfterAcknowledgementAsync(IbkrAnswer.Acknowledged acknowledged, BrokerOrderRequest request, CancellationToken cancellationToken)
    {
        var status = await StatusAsync(acknowledged.OrderId, request.ClientOrderId, cancellationToken).ConfigureAwait(false);
        if (status.IsSuccess)
            return status;
        // IBKR holds the order; a failed read must not look like a failed submit that the caller would resend.
        var state = acknowledged.Status is { } s ? Parse(() => IbkrOrders.MapStatus(s, 0m, request.Quantity)) : OrderStatus.Submitted;
        return new BrokerOrder(acknowledged.OrderId, request.ClientOrderId, request.Symbol, request.Side, request.Type, request.Quantity,
            request.LimitPrice, state.IsSuccess ? state.Value : OrderStatus.Submitted, 0m, null, null, null);
    }
}
