using Vanta.Core.Domain;

namespace Vanta.Executor.Risk;

/// <summary>
/// The legal trading-state steps:
/// <code>
/// active   -> reducing | halted
/// reducing -> active | halted
/// halted   -> reducing            (the kill switch is lifted one step at a time)
/// </code>
/// Staying in the same state is not a step (nothing to record). Any other step is a bug in the caller, so it throws.
/// Automatic steps (a daily-loss breach) only ever tighten; loosening is always an explicit, reasoned call.
/// </summary>
public static class TradingStateMachine
{
    /// <summary>True when a vault or executor may go from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanTransition(TradingState from, TradingState to) => (from, to) switch
    {
        (TradingState.Active, TradingState.Reducing or TradingState.Halted) => true,
        (TradingState.Reducing, TradingState.Active or TradingState.Halted) => true,
        (TradingState.Halted, TradingState.Reducing) => true,
        _ => false,
    };

    /// <summary>Returns <paramref name="to"/>; throws <see cref="IllegalTradingStateTransitionException"/> if the step is illegal.</summary>
    public static TradingState Transition(TradingState from, TradingState to) =>
        CanTransition(from, to) ? to : throw new IllegalTradingStateTransitionException(from, to);

    /// <summary>The stricter of two states: HALTED over REDUCING over ACTIVE.</summary>
    public static TradingState Strictest(TradingState a, TradingState b) => Severity(a) >= Severity(b) ? a : b;

    private static int Severity(TradingState state) => state switch
    {
        TradingState.Active => 0,
        TradingState.Reducing => 1,
        TradingState.Halted => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a trading state"),
    };
}

/// <summary>A trading-state step the machine does not allow (e.g. HALTED straight to ACTIVE): a bug.</summary>
public sealed class IllegalTradingStateTransitionException(TradingState from, TradingState to)
    : InvalidOperationException($"Illegal trading state transition {from} -> {to}")
{
    public TradingState From { get; } = from;
    public TradingState To { get; } = to;
}
