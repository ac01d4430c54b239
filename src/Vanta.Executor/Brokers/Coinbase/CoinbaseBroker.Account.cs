using System.Text.Json.Nodes;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Coinbase;

/// <remarks>
/// Balances come from <c>GET /accounts</c> (one wallet per currency; quantity = <c>available_balance</c> +
/// <c>hold</c>). Account: id is the cash wallet's uuid, cash its available plus held balance, buying power its
/// available balance. Equity is cash only: the account list carries no prices, so crypto is left for Vanta to
/// value at its own marks. Positions: every other non-zero wallet as <c>{currency}-{CashCurrency}</c>, long only,
/// average cost 0 (Coinbase keeps no cost basis on a wallet) and no market value.
/// </remarks>
public sealed partial class CoinbaseBroker
{
    public async Task<BrokerResult<IReadOnlyList<BrokerPosition>>> GetPositionsAsync(CancellationToken cancellationToken = default)
    {
        var wallets = await WalletsAsync(cancellationToken).ConfigureAwait(false);
        if (!wallets.IsSuccess)
            return wallets.Error!;
        return Parse<IReadOnlyList<BrokerPosition>>("accounts", () =>
        [
            .. wallets.Value!
                .Where(w => CoinbaseWire.Text(w, "currency") != _options.CashCurrency)
                .Select(w => new BrokerPosition($"{CoinbaseWire.Text(w, "currency")}-{_options.CashCurrency}", Balance(w), 0m, null))
                .Where(p => p.Quantity != 0m)
                .OrderBy(p => p.Symbol, StringComparer.Ordinal),
        ]);
    }

    public async Task<BrokerResult<BrokerAccount>> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        var wallets = await WalletsAsync(cancellationToken).ConfigureAwait(false);
        if (!wallets.IsSuccess)
            return wallets.Error!;
        var cash = wallets.Value!.FirstOrDefault(w => (string?)w["currency"] == _options.CashCurrency);
        if (cash is null)
            return Malformed("accounts", $"no {_options.CashCurrency} wallet among {wallets.Value!.Count} accounts");
        return Parse("accounts", () =>
        {
            var total = Balance(cash);
            return new BrokerAccount(CoinbaseWire.Text(cash, "uuid"), _options.CashCurrency, total, total,
                CoinbaseWire.Decimal(cash["available_balance"], "value") ?? 0m);
        });
    }

    private static decimal Balance(JsonObject wallet) =>
        (CoinbaseWire.Decimal(wallet["available_balance"], "value") ?? throw new FormatException("available_balance.value is missing"))
        + (CoinbaseWire.Decimal(wallet["hold"], "value") ?? 0m);

    private async Task<BrokerResult<IReadOnlyList<JsonObject>>> WalletsAsync(CancellationToken cancellationToken)
    {
        var all = new List<JsonObject>();
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var query = $"limit={PageSize}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var answer = await CallAsync(BrokerHttpRequest.Get(CoinbaseWire.Prefix + "accounts?" + query), "accounts", cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccess)
                return answer.Error!;
            if (answer.Value!["accounts"] is not JsonArray accounts)
                return Malformed("accounts", "accounts is missing");
            all.AddRange(accounts.OfType<JsonObject>());
            cursor = (string?)answer.Value["cursor"];
            if (!CoinbaseWire.Flag(answer.Value, "has_next") || string.IsNullOrEmpty(cursor))
                return all;
        }
        return Malformed("accounts", $"still more pages after {MaxPages}");
    }
}
