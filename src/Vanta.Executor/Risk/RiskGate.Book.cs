using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Executor.Orders;

namespace Vanta.Executor.Risk;

// The gate's running book: vaults, reference prices, working orders, trading states.
public sealed partial class RiskGate
{
    /// <summary>Scope of an executor-wide trading state change.</summary>
    public const string ExecutorScope = "*";

    private readonly TimeProvider _time;
    private readonly Dictionary<VaultId, VaultRiskBook> _vaults = [];
    private readonly Dictionary<string, MarketSymbol> _markets = new(StringComparer.Ordinal);
    private readonly Dictionary<ClientOrderId, WorkingOrder> _working = [];
    private readonly List<TradingStateChange> _automatic = [];
    private TradingState _state = TradingState.Active;
    private long _day = long.MinValue;

    public RiskGate(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>The executor-wide state (the kill switch lives here).</summary>
    public TradingState GlobalState => _state;

    /// <summary>Registers a vault with its cash and limits (and, after a restart, its positions at their last prices).</summary>
    public void OpenVault(VaultId vaultId, decimal cash, RiskLimits limits, IEnumerable<Position>? positions = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var book = new VaultRiskBook(vaultId, cash, limits.Validated($"vaults.{vaultId}"));
        if (!_vaults.TryAdd(vaultId, book))
            throw new InvalidOperationException($"Vault {vaultId} is already open in the risk gate");
        foreach (var position in positions ?? [])
        {
            if (position.VaultId != vaultId)
                throw new ArgumentException($"Position in {position.Symbol} belongs to vault {position.VaultId}, not {vaultId}", nameof(positions));
            Mark(position.Symbol, position.LastPrice);
            var slot = OpenSlot(book, _markets[position.Symbol]);
            slot.Held += position.Quantity;
            book.HeldValue += position.Quantity * position.LastPrice;
            book.SetExposure(slot, slot.Exposure + position.Quantity);
        }
        book.DayStartEquity = book.Equity;
    }

    /// <summary>Moves cash into (positive) or out of (negative) a vault, e.g. a compounding sweep; equity follows.</summary>
    public void Transfer(VaultId vaultId, decimal amount) => Book(vaultId).Cash += amount;

    /// <summary>True when <paramref name="vaultId"/> is open in the gate.</summary>
    public bool HasVault(VaultId vaultId) => _vaults.ContainsKey(vaultId);

    /// <summary>Replaces a vault's limits (e.g. an overlay switched maintenance mode on); the rate window is kept.</summary>
    public void SetLimits(VaultId vaultId, RiskLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Book(vaultId).Configure(limits.Validated($"vaults.{vaultId}"));
    }

    /// <summary>Sets the reference price of <paramref name="symbol"/> (a bar close or a quote) and re-marks every holder.</summary>
    public void Mark(string symbol, decimal price)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (price <= 0m)
            throw new ArgumentOutOfRangeException(nameof(price), price, $"Reference price of {symbol} must be positive");
        RollDay(_time.GetUtcNow());
        if (!_markets.TryGetValue(symbol, out var market))
            _markets[symbol] = market = new MarketSymbol(symbol);
        var move = market.HasPrice ? price - market.Price : 0m;
        market.Price = price;
        market.HasPrice = true;
        if (move == 0m)
            return;
        foreach (var slot in market.Holders)
        {
            var vault = slot.Vault;
            vault.HeldValue += slot.Held * move;
            vault.Gross += Math.Abs(slot.Exposure) * move;
            vault.Net += slot.Exposure * move;
        }
    }

    /// <summary>Books an execution: cash and holdings move; the order's reservation shrinks by what filled.</summary>
    public void ApplyFill(Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        RollDay(_time.GetUtcNow());
        var vault = Book(fill.VaultId);
        if (fill.Quantity <= 0m || fill.Price <= 0m || fill.Fee < 0m)
            throw new ArgumentException($"Fill {fill.FillId} has quantity {fill.Quantity}, price {fill.Price}, fee {fill.Fee}", nameof(fill));
        if (!_markets.TryGetValue(fill.Symbol, out var market) || !market.HasPrice)
            Mark(fill.Symbol, fill.Price); // a fill is a price too until a mark replaces it
        market ??= _markets[fill.Symbol];
        if (!vault.Symbols.TryGetValue(fill.Symbol, out var slot))
            slot = OpenSlot(vault, market);

        var signed = fill.Side == OrderSide.Buy ? fill.Quantity : -fill.Quantity;
        slot.Held += signed;
        vault.Cash -= signed * fill.Price + fill.Fee;
        vault.HeldValue += signed * market.Price;

        // What the reservation covered is already in the exposure; only the excess (or an unknown order) adds to it.
        var unreserved = signed;
        ref var working = ref CollectionsMarshal.GetValueRefOrNullRef(_working, fill.ClientOrderId);
        if (!Unsafe.IsNullRef(ref working) && ReferenceEquals(working.Slot, slot))
        {
            var take = Math.Sign(working.SignedRemaining) == Math.Sign(signed)
                ? Math.Sign(signed) * Math.Min(Math.Abs(signed), Math.Abs(working.SignedRemaining))
                : 0m;
            working.SignedRemaining -= take;
            unreserved -= take;
            if (working.SignedRemaining == 0m)
                _working.Remove(fill.ClientOrderId);
        }
        if (unreserved != 0m)
            vault.SetExposure(slot, slot.Exposure + unreserved);
    }

    /// <summary>Releases what an order had reserved once it ends (filled, cancelled, rejected, expired) without filling it.</summary>
    public void ApplyOrderEvent(OrderEvent orderEvent)
    {
        ArgumentNullException.ThrowIfNull(orderEvent);
        if (!OrderStateMachine.IsTerminal(orderEvent.Status) || !_working.Remove(orderEvent.ClientOrderId, out var working))
            return;
        var slot = working.Slot;
        slot.Vault.SetExposure(slot, slot.Exposure - working.SignedRemaining);
    }

    /// <summary>The figures the fences read for a vault.</summary>
    public VaultRiskView ViewOf(VaultId vaultId)
    {
        var vault = Book(vaultId);
        return new(vault.State, vault.Cash, vault.Equity, vault.Gross, vault.Net, vault.DayStartEquity, vault.Equity - vault.DayStartEquity);
    }

    /// <summary>Held and held-plus-working quantity of a vault in a symbol.</summary>
    public (decimal Held, decimal Exposure) PositionOf(VaultId vaultId, string symbol) =>
        Book(vaultId).Symbols.TryGetValue(symbol, out var slot) ? (slot.Held, slot.Exposure) : (0m, 0m);

    /// <summary>The reference price of <paramref name="symbol"/>, or null before its first mark.</summary>
    public decimal? ReferencePriceOf(string symbol) =>
        _markets.TryGetValue(symbol, out var market) && market.HasPrice ? market.Price : null;

    /// <summary>Number of approved orders still reserving quantity.</summary>
    public int WorkingCount => _working.Count;

    private VaultRiskBook Book(VaultId vaultId) =>
        _vaults.TryGetValue(vaultId, out var vault) ? vault : throw new InvalidOperationException($"Vault {vaultId} is not open in the risk gate");

    private static SymbolExposure OpenSlot(VaultRiskBook vault, MarketSymbol market)
    {
        if (vault.Symbols.TryGetValue(market.Symbol, out var existing))
            return existing;
        var slot = new SymbolExposure(vault, market);
        vault.Symbols.Add(market.Symbol, slot);
        market.Holders.Add(slot);
        return slot;
    }

    /// <summary>At the first event of a new UTC day, each vault's equity becomes its day's starting equity.</summary>
    private void RollDay(DateTimeOffset now)
    {
        var day = now.UtcTicks / TimeSpan.TicksPerDay;
        if (day == _day)
            return;
        _day = day;
        foreach (var vault in _vaults.Values)
            vault.DayStartEquity = vault.Equity;
    }
}

/// <summary>What the fences see of one vault.</summary>
/// <param name="DailyPnl">Equity now minus equity at the day's start.</param>
public readonly record struct VaultRiskView(
    TradingState State,
    decimal Cash,
    decimal Equity,
    decimal Gross,
    decimal Net,
    decimal DayStartEquity,
    decimal DailyPnl);
