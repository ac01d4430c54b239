using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Ids;

namespace Vanta.Executor.Portfolio;

/// <summary>
/// The account of one vault: cash (starting at its capital), positions at average cost, realised PnL (before
/// fees), fees paid, capital moved in or out by compounding sweeps, and marks at the last bar close. Equity is
/// <c>cash + sum(quantity x last price)</c>, which always equals
/// <c>capital + transfers + realised + unrealised - fees</c>.
/// </summary>
/// <remarks>Not thread-safe: the executor kernel applies fills and marks from one thread, in journal order.</remarks>
public sealed class VaultLedger
{
    private readonly SortedDictionary<string, LedgerPosition> _positions = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, decimal> _lastPrices = new(StringComparer.Ordinal);

    public VaultLedger(VaultId vaultId, decimal capital)
    {
        if (capital < 0m)
            throw new ArgumentOutOfRangeException(nameof(capital), capital, "Capital must not be negative");
        VaultId = vaultId;
        Capital = capital;
        Cash = capital;
    }

    public VaultId VaultId { get; }
    public decimal Capital { get; }
    public decimal Cash { get; private set; }
    public decimal FeesPaid { get; private set; }
    public decimal RealizedPnl { get; private set; }

    /// <summary>Capital moved into (positive) or out of (negative) this vault since it opened.</summary>
    public decimal NetTransfers { get; private set; }

    public decimal UnrealizedPnl => _positions.Sum(kv => kv.Value.UnrealizedAt(_lastPrices[kv.Key]));

    public decimal Equity => Cash + _positions.Sum(kv => kv.Value.Quantity * _lastPrices[kv.Key]);

    /// <summary>Signed quantity held in <paramref name="symbol"/> (0 when none).</summary>
    public decimal QuantityOf(string symbol) => _positions.TryGetValue(symbol, out var p) ? p.Quantity : 0m;

    /// <summary>The last close (or, before any mark, the last fill price) of <paramref name="symbol"/>.</summary>
    public decimal? LastPriceOf(string symbol) => _lastPrices.TryGetValue(symbol, out var price) ? price : null;

    /// <summary>Books a fill of this vault: cash moves by the notional and the fee, the position by the quantity.</summary>
    public void Apply(Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (fill.VaultId != VaultId)
            throw new ArgumentException($"Fill {fill.FillId} belongs to vault {fill.VaultId}, not {VaultId}", nameof(fill));
        if (fill.Quantity <= 0m || fill.Price <= 0m || fill.Fee < 0m)
            throw new ArgumentException($"Fill {fill.FillId} has quantity {fill.Quantity}, price {fill.Price}, fee {fill.Fee}", nameof(fill));

        var signed = fill.Side == OrderSide.Buy ? fill.Quantity : -fill.Quantity;
        if (!_positions.TryGetValue(fill.Symbol, out var position))
            _positions[fill.Symbol] = position = new LedgerPosition();
        RealizedPnl += position.Trade(signed, fill.Price);
        Cash -= signed * fill.Price + fill.Fee;
        FeesPaid += fill.Fee;
        // A fill is a price too; a later bar close replaces it.
        _lastPrices.TryAdd(fill.Symbol, fill.Price);
        if (position.Quantity == 0m)
            _positions.Remove(fill.Symbol);
    }

    /// <summary>Moves <paramref name="amount"/> of cash into the vault (negative: out of it), e.g. a compounding sweep.</summary>
    public void Transfer(decimal amount)
    {
        Cash += amount;
        NetTransfers += amount;
    }

    /// <summary>Marks the symbol at the bar's close.</summary>
    public void Mark(PriceBar bar)
    {
        ArgumentNullException.ThrowIfNull(bar);
        _lastPrices[bar.Symbol] = bar.Close;
    }

    /// <summary>Open positions in ordinal symbol order, each with the PnL it has realised while open.</summary>
    public ImmutableArray<Position> Positions() =>
        [.. _positions.Select(kv => new Position(
            VaultId, kv.Key, kv.Value.Quantity, kv.Value.AverageCost, _lastPrices[kv.Key],
            kv.Value.RealizedPnl, kv.Value.UnrealizedAt(_lastPrices[kv.Key])))];

    public PortfolioSnapshot Snapshot(DateTimeOffset ts) =>
        new(VaultId, Cash, Equity, RealizedPnl, UnrealizedPnl, FeesPaid, ts);
}
