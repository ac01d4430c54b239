using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Ids;

namespace Vanta.Executor.Risk;

// Trading states: the executor-wide one (the kill switch) and each vault's. The governing state is the stricter.
public sealed partial class RiskGate
{
    /// <summary>Moves the executor-wide state (the kill switch is <c>SetState(Halted, ...)</c>); null when already there.</summary>
    public TradingStateChange? SetState(TradingState to, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (to == _state)
            return null;
        var change = new TradingStateChange(ExecutorScope, _state, TradingStateMachine.Transition(_state, to), reason, _time.GetUtcNow());
        _state = to;
        return change;
    }

    /// <summary>Moves one vault's state; null when already there.</summary>
    public TradingStateChange? SetState(VaultId vaultId, TradingState to, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var vault = Book(vaultId);
        if (to == vault.State)
            return null;
        var change = new TradingStateChange(vault.Scope, vault.State, TradingStateMachine.Transition(vault.State, to), reason, _time.GetUtcNow());
        vault.State = to;
        return change;
    }

    /// <summary>The state that governs <paramref name="vaultId"/>: the stricter of the executor's and the vault's.</summary>
    public TradingState StateOf(VaultId vaultId) => TradingStateMachine.Strictest(_state, Book(vaultId).State);

    /// <summary>State changes the gate made on its own (daily-loss breaches) since the last call, oldest first, to journal.</summary>
    public ImmutableArray<TradingStateChange> TakeStateChanges()
    {
        if (_automatic.Count == 0)
            return [];
        ImmutableArray<TradingStateChange> taken = [.. _automatic];
        _automatic.Clear();
        return taken;
    }

    private void Tighten(VaultRiskBook vault, TradingState to, string reason, DateTimeOffset now)
    {
        _automatic.Add(new TradingStateChange(vault.Scope, vault.State, TradingStateMachine.Transition(vault.State, to), reason, now));
        vault.State = to;
    }
}
