using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;

namespace Vanta.Executor.Risk;

/// <summary>
/// Runs every pre-trade fence before an order, in the fixed order of <see cref="RiskFence"/>, and returns a
/// <see cref="RiskDecision"/>. An approval reserves the order's quantity (it counts towards exposure until it fills
/// or ends, see <see cref="ApplyFill"/> and <see cref="ApplyOrderEvent"/>) and counts towards the order rate.
/// </summary>
/// <remarks>
/// Exposure limits deny an order that would leave a figure over its limit AND worse than before, so an order
/// that shrinks an exposure already over its limit (after a mark moved it) is never blocked by that limit.
/// Built for the executor kernel's hot path: one thread, no LINQ, nothing allocated to approve.
/// </remarks>
public sealed partial class RiskGate
{
    /// <summary>Decides on <paramref name="order"/>.</summary>
    /// <param name="source">The role that produced the intent's envelope; only <see cref="Role.Alpha"/> may order.</param>
    /// <param name="quote">A live price for a market order, checked against the collar; defaults to the reference price.</param>
    public RiskDecision Evaluate(Order order, Role source, decimal? quote = null)
    {
        ArgumentNullException.ThrowIfNull(order);
        var now = _time.GetUtcNow();
        RollDay(now);

        if (source != Role.Alpha)
            return Deny(null, RiskDenialReason.SourceNotAlpha, RiskFence.Source,
                $"intents are accepted only from the alpha role, this one came from {source}");

        if (!_vaults.TryGetValue(order.VaultId, out var vault))
            return Deny(null, RiskDenialReason.UnknownVault, RiskFence.Order, $"vault {order.VaultId} has no risk limits");
        if (order.Quantity <= 0m)
            return Deny(vault, RiskDenialReason.InvalidOrder, RiskFence.Order, Show($"quantity must be positive (was {order.Quantity})"));
        if ((order.LimitPrice is { } lp && lp <= 0m) || (quote is { } q && q <= 0m))
            return Deny(vault, RiskDenialReason.InvalidOrder, RiskFence.Order, Show($"prices must be positive (limit {order.LimitPrice}, quote {quote})"));
        if (_working.ContainsKey(order.ClientOrderId))
            return Deny(vault, RiskDenialReason.DuplicateOrder, RiskFence.Order, $"order {order.ClientOrderId} is already working");

        if (_state == TradingState.Halted || vault.State == TradingState.Halted)
            return Deny(vault, RiskDenialReason.Halted, RiskFence.KillSwitch,
                _state == TradingState.Halted ? "the executor is HALTED (kill switch)" : $"vault {vault.Scope} is HALTED (kill switch)");

        vault.Symbols.TryGetValue(order.Symbol, out var slot);
        var held = slot?.Held ?? 0m;
        var exposure = slot?.Exposure ?? 0m;
        var delta = order.Side == OrderSide.Buy ? order.Quantity : -order.Quantity;
        var reducing = IsReducing(held, exposure, delta);
        var limits = vault.Limits;

        if (DailyLossBreached(vault, out var loss, out var lossLimit))
        {
            if (vault.State == TradingState.Active)
                Tighten(vault, TradingState.Reducing, Show($"daily loss {loss} reached the limit {lossLimit}"), now);
            if (!reducing)
                return Deny(vault, RiskDenialReason.DailyLossLimit, RiskFence.DailyLoss,
                    Show($"loss since the day's start {loss} reached the limit {lossLimit}; ")
                    + $"vault {vault.Scope} is REDUCING, only orders that reduce a position pass");
        }

        if (!reducing && (_state == TradingState.Reducing || vault.State == TradingState.Reducing))
            return Deny(vault, RiskDenialReason.ReducingOnly, RiskFence.ReduceOnly,
                $"{(_state == TradingState.Reducing ? "the executor" : "vault " + vault.Scope)} is REDUCING; {WouldMove(order, exposure, delta)}");
        if (!reducing && limits.MaintenanceMode)
            return Deny(vault, RiskDenialReason.MaintenanceMode, RiskFence.Maintenance,
                $"vault {vault.Scope} is in maintenance mode; {WouldMove(order, exposure, delta)}");

        var market = slot?.Market ?? _markets.GetValueOrDefault(order.Symbol);
        if (market is null || !market.HasPrice)
            return Deny(vault, RiskDenialReason.NoPrice, RiskFence.PriceCollar, $"no reference price for {order.Symbol}");
        var reference = market.Price;
        var price = order.LimitPrice ?? quote ?? reference;
        if (limits.PriceCollarBps is { } bps && Math.Abs(price - reference) * 10_000m > bps * reference)
            return Deny(vault, RiskDenialReason.PriceCollar, RiskFence.PriceCollar,
                Show($"price {price} is {decimal.Round(Math.Abs(price - reference) * 10_000m / reference, 2)} bps from the reference {reference}, over the collar of {bps} bps"));

        var nowTicks = now.UtcTicks;
        if (limits.MaxOrdersPerWindow is { } maxOrders && !vault.RateAllows(nowTicks, out var inWindow))
            return Deny(vault, RiskDenialReason.OrderRate, RiskFence.OrderRate,
                Show($"{inWindow} orders in the last {limits.OrderRateWindow}, the limit is {maxOrders}"));

        var orderNotional = order.Quantity * price;
        if (limits.MaxOrderNotional is { } maxNotional && orderNotional > maxNotional)
            return Deny(vault, RiskDenialReason.MaxOrderNotional, RiskFence.OrderNotional,
                Show($"order notional {order.Quantity} x {price} = {orderNotional} is over the limit {maxNotional}"));

        var after = exposure + delta;
        var sizeBefore = Math.Abs(exposure);
        var sizeAfter = Math.Abs(after);
        var grows = sizeAfter > sizeBefore;
        if (grows && limits.MaxPositionQuantity is { } maxQuantity && sizeAfter > maxQuantity)
            return Deny(vault, RiskDenialReason.MaxPositionQuantity, RiskFence.PositionLimit,
                Show($"position in {order.Symbol} would be {after}, over the limit {maxQuantity}"));
        var valueAfter = sizeAfter * reference;
        if (grows && limits.MaxPositionNotional is { } maxValue && valueAfter > maxValue)
            return Deny(vault, RiskDenialReason.MaxPositionNotional, RiskFence.PositionLimit,
                Show($"position in {order.Symbol} would be worth {sizeAfter} x {reference} = {valueAfter}, over the limit {maxValue}"));

        var equity = vault.Equity;
        if (grows && limits.PersonaMaxPositionWeight is { } weight && valueAfter > weight * equity)
            return Deny(vault, RiskDenialReason.PersonaCap, RiskFence.PersonaCap,
                Show($"position in {order.Symbol} would be worth {valueAfter}, over the persona cap {weight} x equity {equity} = {weight * equity}"));

        var grossAfter = vault.Gross + (sizeAfter - sizeBefore) * reference;
        if (grossAfter > vault.Gross && GrossLimit(limits, equity) is { } grossLimit && grossAfter > grossLimit)
            return Deny(vault, RiskDenialReason.MaxGrossExposure, RiskFence.GrossExposure,
                Show($"gross exposure would be {grossAfter}, over the limit {grossLimit} (now {vault.Gross}, equity {equity})"));

        var netAfter = vault.Net + delta * reference;
        if (Math.Abs(netAfter) > Math.Abs(vault.Net) && NetLimit(limits, equity) is { } netLimit && Math.Abs(netAfter) > netLimit)
            return Deny(vault, RiskDenialReason.MaxNetExposure, RiskFence.NetExposure,
                Show($"net exposure would be {netAfter}, over the limit {netLimit} (now {vault.Net}, equity {equity})"));

        Reserve(vault, slot, market, order, delta, nowTicks);
        return vault.Approval;
    }

    /// <summary>
    /// True when <paramref name="delta"/> moves the position towards zero without crossing it, both as held and as
    /// held plus working orders: whichever of those fills, the order cannot add risk.
    /// </summary>
    public static bool IsReducing(decimal held, decimal exposure, decimal delta)
    {
        if (held == 0m || exposure == 0m || delta == 0m)
            return false;
        var sign = Math.Sign(held);
        return Math.Sign(exposure) == sign && Math.Sign(delta) == -sign
            && Math.Abs(delta) <= Math.Min(Math.Abs(held), Math.Abs(exposure));
    }

    private static decimal? GrossLimit(RiskLimits limits, decimal equity) =>
        Tighter(limits.MaxGrossNotional, limits.MaxGrossFraction is { } f ? f * equity : null);

    private static decimal? NetLimit(RiskLimits limits, decimal equity) =>
        Tighter(limits.MaxNetNotional, limits.MaxNetFraction is { } f ? f * equity : null);

    private static decimal? Tighter(decimal? a, decimal? b) =>
        a is { } x ? (b is { } y ? Math.Min(x, y) : x) : b;

    /// <summary>Loss since the day's start (equity then minus equity now) against the tighter daily limit.</summary>
    private static bool DailyLossBreached(VaultRiskBook vault, out decimal loss, out decimal limit)
    {
        var limits = vault.Limits;
        loss = vault.DayStartEquity - vault.Equity;
        var fractionLimit = limits.DailyLossFraction is { } f && vault.DayStartEquity > 0m ? f * vault.DayStartEquity : (decimal?)null;
        if (Tighter(limits.DailyLossLimit, fractionLimit) is not { } l)
        {
            limit = 0m;
            return false;
        }
        limit = l;
        return loss >= l;
    }

    private void Reserve(VaultRiskBook vault, SymbolExposure? slot, MarketSymbol market, Order order, decimal delta, long nowTicks)
    {
        slot ??= OpenSlot(vault, market);
        vault.SetExposure(slot, slot.Exposure + delta);
        vault.RecordOrder(nowTicks);
        _working.Add(order.ClientOrderId, new WorkingOrder(slot, delta));
    }

    private static RiskDecision.Denied Deny(VaultRiskBook? vault, RiskDenialReason reason, RiskFence fence, string detail) =>
        new(reason, fence, detail, vault is null ? (fence == RiskFence.Source ? [] : [RiskFence.Source]) : vault.PassedBefore(fence));

    private static string WouldMove(Order order, decimal exposure, decimal delta) =>
        Show($"{order.Side} {order.Quantity} {order.Symbol} would take the position from {exposure} to {exposure + delta}");

    private static string Show(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
