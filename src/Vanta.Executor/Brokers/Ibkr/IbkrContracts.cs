using System.Collections.Concurrent;
using System.Text.Json;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Ibkr;

/// <summary>
/// Symbol → IB contract id. IBKR tickets need a <c>conid</c>; it is looked up once per symbol with
/// <c>GET /trsrv/stocks?symbols=AAPL</c> (<c>{"AAPL": [{"assetClass": "STK", "contracts": [{"conid": 265598, "isUS": true}]}]}</c>)
/// and cached for the adapter's life (conids do not change). Only US stock listings count; a symbol with none
/// or with several distinct ones is refused rather than guessed (pin it in <see cref="IbkrOptions.Conids"/>).
/// </summary>
internal sealed class IbkrContracts(IbkrOptions options)
{
    private readonly ConcurrentDictionary<string, long> _cache = new(options.Conids, StringComparer.Ordinal);

    public bool TryGet(string symbol, out long conid) => _cache.TryGetValue(symbol, out conid);

    public static string LookupPath(string symbol) => $"trsrv/stocks?symbols={Uri.EscapeDataString(symbol)}";

    /// <summary>The conid in a <c>/trsrv/stocks</c> answer, cached; or a non-retryable error saying why there is none.</summary>
    public BrokerResult<long> Resolve(string symbol, JsonElement root)
    {
        var entries = root.ValueKind == JsonValueKind.Object && root.TryGetProperty(symbol, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().ToList()
            : [];
        var conids = entries
            .Where(e => IbkrJson.String(e, "assetClass") is null or "STK")
            .SelectMany(e => e.TryGetProperty("contracts", out var c) && c.ValueKind == JsonValueKind.Array ? c.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(c => c.TryGetProperty("isUS", out var us) && us.ValueKind == JsonValueKind.True)
            .Select(c => IbkrJson.RequiredDecimal(c, "conid", $"contract of {symbol}"))
            .Distinct()
            .ToList();
        if (conids.Count == 1)
            return _cache.GetOrAdd(symbol, (long)conids[0]);
        var why = conids.Count == 0
            ? $"ibkr lists no US stock contract for symbol {symbol}"
            : $"ibkr lists several US stock contracts for symbol {symbol} ({string.Join(", ", conids)}); pin one in IbkrOptions.Conids";
        return new BrokerError(BrokerErrorClass.NonRetryable, BrokerErrorCodes.InvalidRequest, why);
    }
}
