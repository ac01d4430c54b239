using System.Collections.Immutable;
using Vanta.Markets.Models;

namespace Vanta.Markets.Tests.Models;

public sealed class ModelScoreTests
{
    private static readonly ImmutableSortedDictionary<string, decimal> Parts =
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("ret_1d", 0.25m)]);

    private static readonly DateTimeOffset AsOf = new(2024, 1, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_deferred_rationale_is_written_once_on_first_read_and_equals_an_eager_one()
    {
        var calls = 0;
        var deferred = new ModelScore("m@1", "price", "AAPL", 0.25m, Parts, () => { calls++; return "AAPL up"; }, AsOf);
        Assert.Equal(0, calls);
        Assert.Equal("AAPL up", deferred.Rationale);
        Assert.Equal("AAPL up", deferred.Rationale);
        Assert.Equal(1, calls);

        var eager = new ModelScore("m@1", "price", "AAPL", 0.25m, Parts, "AAPL up", AsOf);
        Assert.Equal(eager, deferred);
        Assert.Equal(eager.GetHashCode(), deferred.GetHashCode());
        Assert.NotEqual(eager, eager with { Score = 0.3m });
        Assert.NotEqual(eager, new ModelScore("m@1", "price", "AAPL", 0.25m, Parts, "AAPL down", AsOf));
    }

    [Fact]
    public void Equal_contributions_in_different_dictionaries_compare_equal()
    {
        var copy = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("ret_1d", 0.25m)]);
        Assert.Equal(
            new ModelScore("m@1", "price", "AAPL", 0.25m, Parts, "x", AsOf),
            new ModelScore("m@1", "price", "AAPL", 0.25m, copy, "x", AsOf));
    }
}
