using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Ids;

namespace Vanta.Executor.Risk;

/// <summary>The last reference price of one symbol, and every vault slot that holds or works it (for O(holders) marks).</summary>
internal sealed class MarketSymbol(string symbol)
{
    public string Symbol { get; } = symbol;
    public decimal Price { get; set; }
    public bool HasPrice { get; set; }
    public List<SymbolExposure> Holders { get; } = [];
}

/// <summary>
/// One vault's stake in one symbol. <see cref="Held"/> is filled quantity; <see cref="Exposure"/> is held plus
/// the signed remainder of approved orders still working, which is what the limits bound: an order approved but
/// not yet filled already counts, so a burst of orders cannot jointly pass a limit each would respect alone.
/// </summary>
internal sealed class SymbolExposure(VaultRiskBook vault, MarketSymbol market)
{
    public VaultRiskBook Vault { get; } = vault;
    public MarketSymbol Market { get; } = market;
    public decimal Held { get; set; }
    public decimal Exposure { get; set; }
}

/// <summary>An approved order not yet filled or ended: the signed quantity it may still add to its slot.</summary>
internal struct WorkingOrder(SymbolExposure slot, decimal signedRemaining)
{
    public readonly SymbolExposure Slot = slot;
    public decimal SignedRemaining = signedRemaining;
}

/// <summary>
/// Running account of one vault for the fences: cash, value held, gross and net exposure, the day's starting
/// equity, the order-rate ring. Every figure is updated by the event that changes it, so each fence reads O(1).
/// </summary>
internal sealed class VaultRiskBook
{
    private long[] _rate = [];
    private int _rateHead;
    private int _rateCount;

    public VaultRiskBook(VaultId vaultId, decimal cash, RiskLimits limits)
    {
        VaultId = vaultId;
        Scope = vaultId.Value;
        Cash = cash;
        Limits = limits;
        Configure(limits);
    }

    public VaultId VaultId { get; }
    public string Scope { get; }
    public RiskLimits Limits { get; private set; } = RiskLimits.Default;
    public TradingState State { get; set; } = TradingState.Active;
    public decimal Cash { get; set; }

    /// <summary>Sum of held quantity x reference price.</summary>
    public decimal HeldValue { get; set; }

    /// <summary>Sum of |exposure| x reference price.</summary>
    public decimal Gross { get; set; }

    /// <summary>Sum of exposure x reference price.</summary>
    public decimal Net { get; set; }

    public decimal DayStartEquity { get; set; }
    public Dictionary<string, SymbolExposure> Symbols { get; } = new(StringComparer.Ordinal);

    /// <summary>The fences these limits make applicable, in run order, and the one approval every passing order shares.</summary>
    public ImmutableArray<RiskFence> Applicable { get; private set; }
    public RiskDecision.Approved Approval { get; private set; } = null!;
    public long RateWindowTicks { get; private set; }

    public decimal Equity => Cash + HeldValue;

    public void Configure(RiskLimits limits)
    {
        Limits = limits;
        var fences = ImmutableArray.CreateBuilder<RiskFence>();
        fences.Add(RiskFence.Source);
        fences.Add(RiskFence.Order);
        fences.Add(RiskFence.KillSwitch);
        if (limits.DailyLossLimit is not null || limits.DailyLossFraction is not null)
            fences.Add(RiskFence.DailyLoss);
        fences.Add(RiskFence.ReduceOnly);
        fences.Add(RiskFence.Maintenance);
        fences.Add(RiskFence.PriceCollar);
        if (limits.MaxOrdersPerWindow is not null)
            fences.Add(RiskFence.OrderRate);
        if (limits.MaxOrderNotional is not null)
            fences.Add(RiskFence.OrderNotional);
        if (limits.MaxPositionQuantity is not null || limits.MaxPositionNotional is not null)
            fences.Add(RiskFence.PositionLimit);
        if (limits.PersonaMaxPositionWeight is not null)
            fences.Add(RiskFence.PersonaCap);
        if (limits.MaxGrossNotional is not null || limits.MaxGrossFraction is not null)
            fences.Add(RiskFence.GrossExposure);
        if (limits.MaxNetNotional is not null || limits.MaxNetFraction is not null)
            fences.Add(RiskFence.NetExposure);
        Applicable = fences.ToImmutable();
        Approval = new RiskDecision.Approved(Applicable);
        RateWindowTicks = limits.OrderRateWindow.Ticks;
        ResizeRate(limits.MaxOrdersPerWindow ?? 0);
    }

    /// <summary>The applicable fences that run before <paramref name="fence"/>: what a denial by it had passed.</summary>
    public ImmutableArray<RiskFence> PassedBefore(RiskFence fence)
    {
        var count = 0;
        while (count < Applicable.Length && Applicable[count] < fence)
            count++;
        return Applicable[..count];
    }

    /// <summary>True when fewer than the maximum orders were approved in the window ending at <paramref name="nowTicks"/>.</summary>
    public bool RateAllows(long nowTicks, out int inWindow)
    {
        inWindow = _rateCount;
        if (_rateCount < _rate.Length)
            return true;
        // Full ring: the oldest of the last N approvals decides whether N fall inside the window.
        return _rate[_rateHead] <= nowTicks - RateWindowTicks;
    }

    public void RecordOrder(long nowTicks)
    {
        if (_rate.Length == 0)
            return;
        if (_rateCount < _rate.Length)
        {
            _rate[(_rateHead + _rateCount) % _rate.Length] = nowTicks;
            _rateCount++;
            return;
        }
        _rate[_rateHead] = nowTicks;
        _rateHead = (_rateHead + 1) % _rate.Length;
    }

    /// <summary>Moves a slot's exposure to <paramref name="exposure"/>, keeping gross and net in step.</summary>
    public void SetExposure(SymbolExposure slot, decimal exposure)
    {
        var price = slot.Market.Price;
        Gross += (Math.Abs(exposure) - Math.Abs(slot.Exposure)) * price;
        Net += (exposure - slot.Exposure) * price;
        slot.Exposure = exposure;
    }

    private void ResizeRate(int size)
    {
        if (size == _rate.Length)
            return;
        // Keep the most recent approvals so a limit change cannot reset the window.
        var kept = Math.Min(size, _rateCount);
        var next = new long[size];
        for (var i = 0; i < kept; i++)
            next[i] = _rate[(_rateHead + _rateCount - kept + i) % _rate.Length];
        _rate = next;
        _rateHead = 0;
        _rateCount = kept;
    }
}
