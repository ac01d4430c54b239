using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Tradier;

public sealed partial class TradierBroker
{
    /// <summary>The order for a client order id: by remembered venue id when we have one, else by listing; null when Tradier has none.</summary>
    private async Task<BrokerResult<BrokerOrder?>> LocateAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken)
    {
        if (_venueIds.TryGetValue(clientOrderId, out var venueId))
        {
            var read = await GetByIdAsync(venueId, cancellationToken).ConfigureAwait(false);
            if (read.IsSuccess && read.Value!.ClientOrderId == clientOrderId)
                return read.Value;
            if (!read.IsSuccess && read.Error!.Code != BrokerErrorCodes.NotFound)
                return read.Error;
            _venueIds.TryRemove(clientOrderId, out _);
        }
        return TradierTag.For(clientOrderId) is { } tag
            ? await FindByTagAsync(tag, cancellationToken).ConfigureAwait(false)
            : BrokerResult<BrokerOrder?>.Ok(null);
    }

    /// <summary>
    /// Lists the account's orders for one tag. Null only when every page was read and none carries it; a list
    /// longer than <see cref="TradierOptions.MaxListPages"/> is an error, since absence could not be proven.
    /// </summary>
    private async Task<BrokerResult<BrokerOrder?>> FindByTagAsync(string tag, CancellationToken cancellationToken)
    {
        var all = await ListAsync(cancellationToken).ConfigureAwait(false);
        if (!all.IsSuccess)
            return all.Error!;
        var tagged = all.Value!.Where(o => TradierJson.String(o, "tag") == tag).ToList();
        if (tagged.Count == 0)
            return BrokerResult<BrokerOrder?>.Ok(null);
        var parsed = Parse<IReadOnlyList<BrokerOrder>>(() => [.. tagged.Select(TradierOrders.Parse)]);
        if (!parsed.IsSuccess)
            return parsed.Error!;
        // A tag rejected earlier and sent again by hand can appear twice; the live one is the answer.
        var order = parsed.Value!.FirstOrDefault(o => o.Status != OrderStatus.Rejected) ?? parsed.Value![0];
        _venueIds[order.ClientOrderId] = order.VenueOrderId;
        return order;
    }

    /// <summary>Every order object on the account, page by page, deduplicated by id (a server that ignores paging repeats itself).</summary>
    private async Task<BrokerResult<IReadOnlyList<JsonElement>>> ListAsync(CancellationToken cancellationToken)
    {
        var orders = new List<JsonElement>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 1; page <= _options.MaxListPages; page++)
        {
            var path = $"accounts/{_account}/orders?includeTags=true&page={page}&limit={_options.ListPageSize}";
            var answer = await CallAsync(_reads, BrokerHttpRequest.Get(path), BrokerErrorCodes.Rejected, cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccess)
                return answer.Error!;
            var items = Parse(() => TradierJson.Items(answer.Value, "orders", "order"));
            if (!items.IsSuccess)
                return items.Error!;
            var fresh = items.Value!.Where(o => seen.Add(TradierJson.String(o, "id") ?? "")).ToList();
            orders.AddRange(fresh);
            if (items.Value!.Count < _options.ListPageSize || fresh.Count == 0)
                return orders;
        }
        return new BrokerError(BrokerErrorClass.NonRetryable, "list_truncated",
            $"tradier: the account lists more than {_options.MaxListPages * _options.ListPageSize} orders; raise MaxListPages to search them all");
    }
}
