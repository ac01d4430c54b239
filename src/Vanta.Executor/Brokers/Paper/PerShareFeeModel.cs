namespace Vanta.Executor.Brokers.Paper;

/// <summary>
/// A per-share commission with a minimum and a cap, like IBKR Pro fixed pricing for US stocks:
/// <c>min(max(PerShare x quantity, Minimum), MaximumFraction x notional)</c>, rounded to 4 places. The cap wins over
/// the minimum, so 100 shares at $0.25 pay 1% of $25 = $0.25, not $1.00. Exchange, clearing and regulatory
/// pass-through fees are not included.
/// </summary>
public sealed record PerShareFeeModel(decimal PerShare, decimal Minimum, decimal MaximumFraction) : IFeeModel
{
    /// <summary>IBKR Pro fixed: $0.005 a share, at least $1.00, at most 1% of the trade value.</summary>
    public static PerShareFeeModel IbkrFixed { get; } = new(0.005m, 1.00m, 0.01m);

    public decimal PerShare { get; } = FeeMath.NonNegative(PerShare, nameof(PerShare));

    public decimal Minimum { get; } = FeeMath.NonNegative(Minimum, nameof(Minimum));

    public decimal MaximumFraction { get; } = FeeMath.NonNegative(MaximumFraction, nameof(MaximumFraction));

    public decimal Fee(PaperExecution execution)
    {
        var commission = Math.Max(PerShare * execution.Quantity, Minimum);
        return FeeMath.Round(Math.Min(commission, MaximumFraction * execution.Notional));
    }
}
