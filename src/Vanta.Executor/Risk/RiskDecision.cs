using System.Collections.Immutable;
using Vanta.Core.Domain;

namespace Vanta.Executor.Risk;

/// <summary>The risk gate's verdict on one order: a value, never an exception.</summary>
public abstract record RiskDecision
{
    private RiskDecision(ImmutableArray<RiskFence> fencesPassed)
    {
        FencesPassed = fencesPassed;
        FenceNames = [.. fencesPassed.Select(RiskNames.Of)];
    }

    /// <summary>The fences the order passed, in the order they ran (for a denial: those before the one that denied).</summary>
    public ImmutableArray<RiskFence> FencesPassed { get; }

    /// <summary><see cref="FencesPassed"/> as their persisted names, computed once.</summary>
    public ImmutableArray<string> FenceNames { get; }

    public bool IsApproved => this is Approved;

    /// <summary>The journal record of this verdict (event kind <c>risk_check</c>).</summary>
    public RiskCheck ToRiskCheck(Order order, DateTimeOffset ts)
    {
        ArgumentNullException.ThrowIfNull(order);
        return this switch
        {
            Denied d => new RiskCheck(order.OrderId, order.ClientOrderId, order.VaultId, order.Symbol, false,
                RiskNames.Of(d.Reason), RiskNames.Of(d.Fence), d.Detail, FenceNames, ts),
            _ => new RiskCheck(order.OrderId, order.ClientOrderId, order.VaultId, order.Symbol, true,
                null, null, "all fences passed", FenceNames, ts),
        };
    }

    /// <summary>Every applicable fence passed. One instance per vault and limits: approving allocates nothing.</summary>
    public sealed record Approved : RiskDecision
    {
        public Approved(ImmutableArray<RiskFence> fencesPassed) : base(fencesPassed)
        {
        }

        public override string ToString() => $"approved after {string.Join(", ", FenceNames)}";
    }

    /// <summary>A fence refused the order; <see cref="Detail"/> names the numbers.</summary>
    public sealed record Denied : RiskDecision
    {
        public Denied(RiskDenialReason reason, RiskFence fence, string detail, ImmutableArray<RiskFence> fencesPassed) : base(fencesPassed)
        {
            Reason = reason;
            Fence = fence;
            Detail = detail;
        }

        public RiskDenialReason Reason { get; }

        /// <summary>The fence that refused it.</summary>
        public RiskFence Fence { get; }

        public string Detail { get; }

        public override string ToString() => $"denied by {RiskNames.Of(Fence)}: {RiskNames.Of(Reason)}: {Detail}";
    }
}
