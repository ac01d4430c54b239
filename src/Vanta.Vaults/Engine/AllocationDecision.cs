using System.Collections.Immutable;
using Vanta.Core.Ids;

namespace Vanta.Vaults.Engine;

/// <summary>One proposed move of a vault's target weight in one symbol, and whether it was made and why.</summary>
/// <param name="From">The vault's current (last emitted or supplied) weight.</param>
/// <param name="To">The weight the rules and caps ask for; the position moves there only when <paramref name="Made"/>.</param>
/// <param name="Signal">The conviction behind the target, when one is live.</param>
public sealed record AllocationDecision(VaultId Vault, string Symbol, decimal From, decimal To, bool Made, string Reason, SignalId? Signal);

/// <summary>The outcome of one allocation round for one vault: its book afterwards and every decision.</summary>
public sealed record VaultPlan(VaultId Vault, ImmutableSortedDictionary<string, decimal> Book, ImmutableArray<AllocationDecision> Decisions);

/// <summary>Equity of a vault as the executor reports it; a loan vault de-risks when it falls far enough from its peak.</summary>
public sealed record VaultState(decimal Equity, decimal PeakEquity)
{
    /// <summary>Drawdown from peak as a fraction, 0 when there is no peak yet.</summary>
    public decimal Drawdown => PeakEquity <= 0 ? 0m : Math.Max(0m, (PeakEquity - Equity) / PeakEquity);
}
