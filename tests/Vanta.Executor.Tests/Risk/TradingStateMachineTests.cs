using Vanta.Core.Domain;
using Vanta.Executor.Risk;
using static Vanta.Executor.Tests.Risk.RiskFixture;

namespace Vanta.Executor.Tests.Risk;

public sealed class TradingStateMachineTests
{
    [Theory]
    [InlineData(TradingState.Active, TradingState.Reducing, true)]
    [InlineData(TradingState.Active, TradingState.Halted, true)]
    [InlineData(TradingState.Reducing, TradingState.Active, true)]
    [InlineData(TradingState.Reducing, TradingState.Halted, true)]
    [InlineData(TradingState.Halted, TradingState.Reducing, true)]
    [InlineData(TradingState.Halted, TradingState.Active, false)]
    [InlineData(TradingState.Active, TradingState.Active, false)]
    public void Only_the_listed_steps_are_legal(TradingState from, TradingState to, bool legal)
    {
        Assert.Equal(legal, TradingStateMachine.CanTransition(from, to));
        if (!legal)
            Assert.Throws<IllegalTradingStateTransitionException>(() => TradingStateMachine.Transition(from, to));
    }

    [Fact]
    public void The_gate_refuses_to_jump_from_halted_to_active_and_records_nothing_for_a_no_op()
    {
        var f = new RiskFixture();
        Assert.Null(f.Gate.SetState(TradingState.Active, "already"));
        f.Gate.SetState(TradingState.Halted, "kill");
        var error = Assert.Throws<IllegalTradingStateTransitionException>(() => f.Gate.SetState(TradingState.Active, "resume"));
        Assert.Equal(TradingState.Halted, error.From);
        Assert.Equal(TradingState.Halted, f.Gate.GlobalState);
        Assert.Equal(new TradingStateChange("*", TradingState.Halted, TradingState.Reducing, "step down", Builders.Day1),
            f.Gate.SetState(TradingState.Reducing, "step down"));
        Assert.Equal(new TradingStateChange("core", TradingState.Active, TradingState.Halted, "vault kill", Builders.Day1),
            f.Gate.SetState(Main, TradingState.Halted, "vault kill"));
    }

    [Fact]
    public void The_stricter_of_executor_and_vault_state_governs()
    {
        Assert.Equal(TradingState.Halted, TradingStateMachine.Strictest(TradingState.Reducing, TradingState.Halted));
        Assert.Equal(TradingState.Reducing, TradingStateMachine.Strictest(TradingState.Reducing, TradingState.Active));
        var f = new RiskFixture();
        f.Gate.SetState(TradingState.Reducing, "review");
        Assert.Equal(TradingState.Reducing, f.Gate.StateOf(Main));
    }
}
