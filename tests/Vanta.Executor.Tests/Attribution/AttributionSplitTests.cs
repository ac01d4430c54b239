using Vanta.Executor.Attribution;

namespace Vanta.Executor.Tests.Attribution;

public sealed class AttributionSplitTests
{
    [Fact]
    public void The_rounding_remainder_goes_to_the_largest_share()
    {
        // 100 x 2/7 = 28.571428571428|57 -> 28.571428571429; 100 x 2/7 again; 100 x 3/7 = 42.857142857142|86 -> 42.857142857143.
        // Rounded they add up to 100.000000000001: the largest share (the third) gives back the 0.000000000001.
        Assert.Equal([28.571428571429m, 28.571428571429m, 42.857142857142m], AttributionSplit.Split(100m, [2m, 2m, 3m]));
    }

    [Fact]
    public void Equal_shares_give_the_remainder_to_the_first()
    {
        Assert.Equal([33.333333333334m, 33.333333333333m, 33.333333333333m], AttributionSplit.Split(100m, [1m, 1m, 1m]));
        Assert.Equal([-0.333333333334m, -0.333333333333m, -0.333333333333m], AttributionSplit.Split(-1m, [0.5m, 0.5m, 0.5m]));
    }

    [Fact]
    public void A_zero_share_gets_nothing_and_zero_splits_to_zeros()
    {
        Assert.Equal([0m, 7.25m], AttributionSplit.Split(7.25m, [0m, 0.3m]));
        Assert.Equal([0m, 0m], AttributionSplit.Split(0m, [1m, 2m]));
    }

    [Fact]
    public void Parts_add_up_exactly_for_random_amounts_and_shares()
    {
        var random = new Random(20261130);
        for (var round = 0; round < 5000; round++)
        {
            var amount = new decimal(random.NextInt64(-10_000_000_000, 10_000_000_000)) / Pow10(random.Next(0, 13));
            var shares = Enumerable.Range(0, random.Next(1, 8))
                .Select(_ => new decimal(random.Next(0, 1_000_000)) / Pow10(random.Next(0, 7)))
                .ToArray();
            if (shares.Sum() == 0m)
                shares[0] = 1m;

            var parts = AttributionSplit.Split(amount, shares);

            Assert.Equal(amount, parts.Sum());
            for (var i = 0; i < parts.Length; i++)
                Assert.True(Math.Abs(parts[i] - amount * shares[i] / shares.Sum()) <= 0.000000000001m * parts.Length, $"round {round} part {i}");
        }
    }

    [Fact]
    public void Shares_that_cannot_split_are_refused()
    {
        Assert.Throws<ArgumentException>(() => AttributionSplit.Split(1m, []));
        Assert.Throws<ArgumentException>(() => AttributionSplit.Split(1m, [0m, 0m]));
        Assert.Throws<ArgumentException>(() => AttributionSplit.Split(1m, [1m, -1m]));
    }

    private static decimal Pow10(int n)
    {
        var p = 1m;
        for (var i = 0; i < n; i++)
            p *= 10m;
        return p;
    }
}
