using Vanta.Executor.Brokers.Common;

namespace Vanta.Executor.Tests.Brokers.Common;

/// <summary>Assertions the broker adapter tests share.</summary>
internal static class BrokerAssert
{
    /// <summary>The error of a result that must have failed; the message names the value when it did not.</summary>
    public static BrokerError Failed<T>(BrokerResult<T> result)
    {
        Assert.False(result.IsSuccess, $"expected a failure, got {result.Value}");
        return result.Error!;
    }
}
