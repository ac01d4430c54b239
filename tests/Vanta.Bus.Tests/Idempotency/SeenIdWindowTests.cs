using Vanta.Bus.Idempotency;
using Vanta.Core.Ids;

namespace Vanta.Bus.Tests.Idempotency;

public sealed class SeenIdWindowTests
{
    private static EventId Id(int n) => new($"id-{n}");

    [Fact]
    public void Remembers_up_to_capacity_and_forgets_the_oldest_first()
    {
        var window = new SeenIdWindow(3);
        Assert.True(window.Add(Id(1)));
        Assert.True(window.Add(Id(2)));
        Assert.True(window.Add(Id(3)));
        Assert.True(window.Add(Id(4)));

        Assert.Equal(3, window.Count);
        Assert.False(window.Contains(Id(1)));
        Assert.True(window.Contains(Id(2)));
        Assert.True(window.Contains(Id(4)));
    }

    [Fact]
    public void Adding_a_remembered_id_reports_it_and_does_not_refresh_its_age()
    {
        var window = new SeenIdWindow(2);
        window.Add(Id(1));
        window.Add(Id(2));

        Assert.False(window.Add(Id(1)));
        window.Add(Id(3));

        Assert.False(window.Contains(Id(1)));
        Assert.True(window.Contains(Id(2)));
        Assert.True(window.Contains(Id(3)));
    }

    [Fact]
    public void Capacity_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeenIdWindow(0));
    }
}
