using System.Text.Json.Nodes;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Coinbase;

public sealed partial class CoinbaseBroker
{
    /// <summary>The order with this client order id: by the remembered venue id, else by reading recent orders.</summary>
    private async Task<BrokerResult<BrokerOrder>> FindAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        if (_venueIds.TryGetValue(clientOrderId, out var venueId))
        {
            var one = await CallAsync(BrokerHttpRequest.Get(CoinbaseWire.Prefix + "orders/historical/" + Uri.EscapeDataString(venueId)), "order lookup", cancellationToken).ConfigureAwait(false);
            if (!one.IsSuccess)
                return one.Error!;
            var parsed = Parse("order lookup", () => CoinbaseWire.ParseOrder(one.Value!["order"] as JsonObject ?? throw new FormatException("order is missing")));
            if (!parsed.IsSuccess || parsed.Value!.ClientOrderId == clientOrderId)
                return parsed;
            return Malformed("order lookup", $"order {venueId} carries client order id {parsed.Value.ClientOrderId}, not {clientOrderId}");
        }
        BrokerOrder? match = null;
        var since = CoinbaseWire.Rfc3339(_time.GetUtcNow() - _options.LookupWindow);
        var scan = await ScanOrdersAsync("start_date=" + Uri.EscapeDataString(since), order =>
        {
            match = order.ClientOrderId == clientOrderId ? order : null;
            return match is not null;
        }, _options.LookupPages, cancellationToken).ConfigureAwait(false);
        if (!scan.IsSuccess)
            return scan.Error!;
        if (match is not null)
            return match;
        return scan.Value
            ? new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.NotFound,
                $"coinbase: no order with client order id {clientOrderId} created since {since}")
            : new BrokerError(BrokerErrorClass.Retryable, BrokerErrorCodes.Unavailable,
                $"coinbase: client order id {clientOrderId} is not among the {_options.LookupPages * PageSize} newest orders since {since}; cannot tell whether it exists");
    }

    /// <summary>
    /// Reads <c>orders/historical/batch</c> page by page, newest first, until <paramref name="stop"/> says so or
    /// <paramref name="maxPages"/> are read. True when the list was read to its end (or stopped at a match).
    /// </summary>
    private async Task<BrokerResult<bool>> ScanOrdersAsync(string filter, Func<BrokerOrder, bool> stop, int maxPages, CancellationToken cancellationToken)
    {
        string? cursor = null;
        for (var page = 0; page < maxPages; page++)
        {
            var query = $"{filter}&limit={PageSize}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var answer = await CallAsync(BrokerHttpRequest.Get(CoinbaseWire.Prefix + "orders/historical/batch?" + query), "order list", cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccess)
                return answer.Error!;
            var orders = Parse<IReadOnlyList<BrokerOrder>>("order list", () =>
                [.. (answer.Value!["orders"] as JsonArray ?? throw new FormatException("orders is missing")).OfType<JsonObject>().Select(CoinbaseWire.ParseOrder)]);
            if (!orders.IsSuccess)
                return orders.Error!;
            foreach (var order in orders.Value!)
            {
                _venueIds[order.ClientOrderId] = order.VenueOrderId;
                if (stop(order))
                    return true;
            }
            cursor = (string?)answer.Value!["cursor"];
            if (!CoinbaseWire.Flag(answer.Value, "has_next") || string.IsNullOrEmpty(cursor))
                return true;
        }
        return false;
    }
}
