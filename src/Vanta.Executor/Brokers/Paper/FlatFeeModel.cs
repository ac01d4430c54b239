namespace Vanta.Executor.Brokers.Paper;

/// <summary>
/// The paper venue's original cost model, and still its default:
/// <c>max(MinimumFeePerOrder, FeePerShare x quantity + FeeBps / 10000 x notional)</c>, rounded to 4 places, for
/// either side and either liquidity. Built from <see cref="PaperBrokerOptions"/> when no other model is set, so runs
/// configured before fee models existed fill exactly as they did.
/// </summary>
public sealed record FlatFeeModel(decimal FeePerShare = 0m, decimal MinimumFeePerOrder = 0m, decimal FeeBps = 0m) : IFeeModel
{
    public decimal FeePerShare { get; } = FeeMath.NonNegative(FeePerShare, nameof(FeePerShare));

    public decimal MinimumFeePerOrder { get; } = FeeMath.NonNegative(MinimumFeePerOrder, nameof(MinimumFeePerOrder));

    public decimal FeeBps { get; } = FeeMath.NonNegative(FeeBps, nameof(FeeBps));

    public decimal Fee(PaperExecution execution)
    {
        // Same expression, in the same order, as before fee models existed: decimal scale is part of the output.
        var fee = FeePerShare * execution.Quantity + FeeBps / 10000m * execution.Quantity * execution.Price;
        return FeeMath.Round(Math.Max(MinimumFeePerOrder, fee));
    }
}
