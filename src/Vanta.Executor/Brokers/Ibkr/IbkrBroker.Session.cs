using System.Text.Json;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Ibkr;

public sealed partial class IbkrBroker
{
    /// <summary>
    /// <c>GET /iserver/accounts</c> must be called once per gateway session before any order endpoint. It also
    /// proves the configured account is one this login can trade; when it is not, nothing will work: fatal.
    /// </summary>
    private async Task<BrokerError?> EnsureBrokerageAsync(CancellationToken cancellationToken)
    {
        if (_brokerageReady)
            return null;
        var answer = await CallAsync(BrokerHttpRequest.Get("iserver/accounts"), BrokerErrorCodes.Rejected, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
            return answer.Error;
        var accounts = Parse(() => IbkrJson.Strings(answer.Value, "accounts"));
        if (!accounts.IsSuccess)
            return accounts.Error;
        if (accounts.Value!.Count > 0 && !accounts.Value!.Contains(_options.AccountId, StringComparer.Ordinal))
        {
            return new BrokerError(BrokerErrorClass.Fatal, BrokerErrorCodes.Unauthorized,
                _http.Mask($"ibkr: the gateway session cannot trade account {_options.AccountId} (it has {accounts.Value!.Count} other account(s))"));
        }
        _brokerageReady = true;
        return null;
    }

    /// <summary><c>GET /portfolio/accounts</c> must precede the other portfolio endpoints in a session.</summary>
    private async Task<BrokerError?> EnsurePortfolioAsync(CancellationToken cancellationToken)
    {
        if (_portfolioReady)
            return null;
        var answer = await CallAsync(BrokerHttpRequest.Get("portfolio/accounts"), BrokerErrorCodes.Rejected, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
            return answer.Error;
        _portfolioReady = true;
        return null;
    }

    /// <summary>
    /// The account's orders of the session (<c>GET /iserver/account/orders</c>, all statuses). The first call of a
    /// session may answer empty while the gateway's cache warms, so an empty first answer is asked again before
    /// it is believed: "not there" must be true before a submit is resent on its strength.
    /// </summary>
    private async Task<BrokerResult<IReadOnlyList<JsonElement>>> LiveOrdersAsync(CancellationToken cancellationToken)
    {
        if (await EnsureBrokerageAsync(cancellationToken).ConfigureAwait(false) is { } notReady)
            return notReady;
        for (var pass = 0; ; pass++)
        {
            BrokerResult<JsonElement> answer;
            using (await _liveOrdersLimit.AcquireAsync(1, cancellationToken).ConfigureAwait(false))
                answer = await CallAsync(BrokerHttpRequest.Get($"iserver/account/orders?accountId={_account}"), BrokerErrorCodes.Rejected, cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccess)
                return answer.Error!;
            var orders = Parse<IReadOnlyList<JsonElement>>(() =>
                answer.Value.ValueKind == JsonValueKind.Object && answer.Value.TryGetProperty("orders", out var list) && list.ValueKind == JsonValueKind.Array
                    ? [.. list.EnumerateArray().Where(o => (IbkrJson.String(o, "acct") ?? IbkrJson.String(o, "account") ?? _options.AccountId) == _options.AccountId)]
                    : answer.Value.ValueKind == JsonValueKind.Object && !answer.Value.TryGetProperty("orders", out _)
                        ? []
                        : throw new FormatException("ibkr: live orders answer has no 'orders' array"));
            if (!orders.IsSuccess)
                return orders.Error!;
            if (orders.Value!.Count > 0 || _liveOrdersWarm || pass > 0)
            {
                _liveOrdersWarm = true;
                return orders;
            }
        }
    }

    /// <summary>The order for a client order id: by remembered order id when we have one, else from the live orders; null when IBKR has none.</summary>
    private async Task<BrokerResult<BrokerOrder?>> LocateAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        if (_venueIds.TryGetValue(clientOrderId, out var venueId))
        {
            var status = await StatusAsync(venueId, clientOrderId, cancellationToken).ConfigureAwait(false);
            if (status.IsSuccess)
                return status.Value;
            if (status.Error!.Class != BrokerErrorClass.NonRetryable)
                return status.Error;
            _venueIds.TryRemove(clientOrderId, out _);
        }
        return await FindByCoidAsync(clientOrderId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<BrokerResult<BrokerOrder?>> FindByCoidAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        var live = await LiveOrdersAsync(cancellationToken).ConfigureAwait(false);
        if (!live.IsSuccess)
            return live.Error!;
        var match = live.Value!.FirstOrDefault(o => IbkrJson.String(o, "order_ref") == clientOrderId.Value);
        if (match.ValueKind == JsonValueKind.Undefined)
            return BrokerResult<BrokerOrder?>.Ok(null);
        var order = Parse(() => IbkrOrders.FromLive(match));
        if (!order.IsSuccess)
            return order.Error!;
        _venueIds[clientOrderId] = order.Value!.VenueOrderId;
        return order.Value;
    }

    private async Task<BrokerResult<BrokerOrder>> StatusAsync(string venueId, ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        if (await EnsureBrokerageAsync(cancellationToken).ConfigureAwait(false) is { } notReady)
            return notReady;
        var path = $"iserver/account/order/status/{Uri.EscapeDataString(venueId)}";
        var answer = await CallAsync(BrokerHttpRequest.Get(path), BrokerErrorCodes.Rejected, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
            return answer.Error!;
        return Parse(() => IbkrOrders.FromStatus(answer.Value, clientOrderId));
    }
}
