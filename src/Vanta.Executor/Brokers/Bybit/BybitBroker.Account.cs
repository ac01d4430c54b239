using System.Text.Json.Nodes;
using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Brokers.Bybit;

/// <remarks>
/// Positions. Linear: <c>GET /v5/position/list</c>, size signed by side, average cost <c>avgPrice</c>, market value
/// size x <c>markPrice</c>. Spot: every non-zero coin of the wallet other than the quote coin, as
/// <c>{coin}{QuoteCoin}</c> with quantity <c>walletBalance</c> and market value <c>usdValue</c>; the wallet keeps no
/// cost basis, so average cost is 0 (unknown). Account (<c>GET /v5/account/wallet-balance</c>): id is the account
/// type, currency USD, cash the quote coin's wallet balance, equity <c>totalEquity</c>, buying power
/// <c>totalAvailableBalance</c>.
/// </remarks>
public sealed partial class BybitBroker
{
    public async Task<BrokerResult<IReadOnlyList<BrokerPosition>>> GetPositionsAsync(CancellationToken cancellationToken = default)
    {
        if (_options.Category == BybitOptions.Linear)
        {
            var rows = await PagesAsync("v5/position/list", "positions",
                cursor => BybitWire.Query(("category", _options.Category), ("settleCoin", _options.SettleCoin), ("limit", "200"), ("cursor", cursor)),
                cancellationToken).ConfigureAwait(false);
            if (!rows.IsSuccess)
                return rows.Error!;
            return Parse<IReadOnlyList<BrokerPosition>>("positions", () => [.. rows.Value!.Select(LinearPosition).Where(p => p.Quantity != 0m)]);
        }
        var wallet = await WalletAsync(cancellationToken).ConfigureAwait(false);
        if (!wallet.IsSuccess)
            return wallet.Error!;
        return Parse<IReadOnlyList<BrokerPosition>>("positions", () =>
        [
            .. Coins(wallet.Value!)
                .Where(c => BybitWire.Text(c, "coin") != _options.QuoteCoin && (BybitWire.Decimal(c, "walletBalance") ?? 0m) != 0m)
                .Select(c => new BrokerPosition(BybitWire.Text(c, "coin") + _options.QuoteCoin, BybitWire.Decimal(c, "walletBalance")!.Value, 0m, BybitWire.Decimal(c, "usdValue")))
                .OrderBy(p => p.Symbol, StringComparer.Ordinal),
        ]);
    }

    public async Task<BrokerResult<BrokerAccount>> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        var wallet = await WalletAsync(cancellationToken).ConfigureAwait(false);
        if (!wallet.IsSuccess)
            return wallet.Error!;
        return Parse("account", () =>
        {
            var account = wallet.Value!;
            var cash = Coins(account).FirstOrDefault(c => (string?)c["coin"] == _options.QuoteCoin);
            return new BrokerAccount(
                BybitWire.Text(account, "accountType"),
                "USD",
                BybitWire.Decimal(cash, "walletBalance") ?? 0m,
                BybitWire.Decimal(account, "totalEquity") ?? throw new FormatException("totalEquity is missing"),
                BybitWire.Decimal(account, "totalAvailableBalance") ?? throw new FormatException("totalAvailableBalance is missing"));
        });
    }

    private static BrokerPosition LinearPosition(JsonObject p)
    {
        var size = BybitWire.Decimal(p, "size") ?? 0m;
        var signed = (string?)p["side"] == "Sell" ? -size : size;
        return new BrokerPosition(BybitWire.Text(p, "symbol"), signed, BybitWire.Decimal(p, "avgPrice") ?? 0m,
            BybitWire.Decimal(p, "markPrice") is { } mark ? signed * mark : null);
    }

    /// <summary>The one wallet of <see cref="BybitOptions.AccountType"/>.</summary>
    private async Task<BrokerResult<JsonObject>> WalletAsync(CancellationToken cancellationToken)
    {
        var answer = await CallAsync(BrokerHttpRequest.Get("v5/account/wallet-balance?" + BybitWire.Query(("accountType", _options.AccountType))),
            "wallet balance", cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
            return answer;
        return answer.Value!["list"] is JsonArray { Count: > 0 } list && list[0] is JsonObject account
            ? account
            : BybitErrors.Malformed(_http, "wallet balance", $"no {_options.AccountType} account in result.list");
    }

    private static IEnumerable<JsonObject> Coins(JsonObject account) =>
        (account["coin"] as JsonArray ?? throw new FormatException("coin list is missing")).OfType<JsonObject>();
}
