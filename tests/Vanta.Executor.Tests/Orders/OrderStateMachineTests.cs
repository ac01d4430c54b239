using Vanta.Core.Domain;
using Vanta.Executor.Orders;

namespace Vanta.Executor.Tests.Orders;

public sealed class OrderStateMachineTests
{
    private static readonly (OrderStatus From, OrderStatus To)[] LegalSteps =
    [
        (OrderStatus.New, OrderStatus.Submitted),
        (OrderStatus.New, OrderStatus.Rejected),
        (OrderStatus.New, OrderStatus.Cancelled),
        (OrderStatus.Submitted, OrderStatus.Accepted),
        (OrderStatus.Submitted, OrderStatus.Rejected),
        (OrderStatus.Submitted, OrderStatus.Cancelled),
        (OrderStatus.Accepted, OrderStatus.PartiallyFilled),
        (OrderStatus.Accepted, OrderStatus.Filled),
        (OrderStatus.Accepted, OrderStatus.Cancelled),
        (OrderStatus.Accepted, OrderStatus.Expired),
        (OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled),
        (OrderStatus.PartiallyFilled, OrderStatus.Filled),
        (OrderStatus.PartiallyFilled, OrderStatus.Cancelled),
        (OrderStatus.PartiallyFilled, OrderStatus.Expired),
    ];

    public static TheoryData<OrderStatus, OrderStatus> Legal()
    {
        var data = new TheoryData<OrderStatus, OrderStatus>();
        foreach (var (from, to) in LegalSteps)
            data.Add(from, to);
        return data;
    }

    public static TheoryData<OrderStatus, OrderStatus> Illegal()
    {
        var data = new TheoryData<OrderStatus, OrderStatus>();
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var to in Enum.GetValues<OrderStatus>())
            {
                if (!LegalSteps.Contains((from, to)))
                    data.Add(from, to);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Legal))]
    public void Legal_step_is_allowed(OrderStatus from, OrderStatus to)
    {
        Assert.True(OrderStateMachine.CanTransition(from, to));
        Assert.Equal(to, OrderStateMachine.Transition(from, to));
    }

    [Theory]
    [MemberData(nameof(Illegal))]
    public void Every_other_step_throws(OrderStatus from, OrderStatus to)
    {
        Assert.False(OrderStateMachine.CanTransition(from, to));
        var ex = Assert.Throws<IllegalOrderTransitionException>(() => OrderStateMachine.Transition(from, to));
        Assert.Equal((from, to), (ex.From, ex.To));
    }

    [Theory]
    [InlineData(OrderStatus.Filled, true)]
    [InlineData(OrderStatus.Cancelled, true)]
    [InlineData(OrderStatus.Rejected, true)]
    [InlineData(OrderStatus.Expired, true)]
    [InlineData(OrderStatus.New, false)]
    [InlineData(OrderStatus.Submitted, false)]
    [InlineData(OrderStatus.Accepted, false)]
    [InlineData(OrderStatus.PartiallyFilled, false)]
    public void Terminal_states_are_exactly_the_four_endings(OrderStatus status, bool terminal) =>
        Assert.Equal(terminal, OrderStateMachine.IsTerminal(status));

    [Fact]
    public void Happy_path_with_partial_fills_reaches_filled()
    {
        var status = OrderStatus.New;
        foreach (var next in new[] { OrderStatus.Submitted, OrderStatus.Accepted, OrderStatus.PartiallyFilled, OrderStatus.PartiallyFilled, OrderStatus.Filled })
            status = OrderStateMachine.Transition(status, next);

        Assert.Equal(OrderStatus.Filled, status);
    }

    [Fact]
    public void Unknown_status_value_is_a_bug() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStateMachine.CanTransition((OrderStatus)99, OrderStatus.New));
}
