namespace Vanta.Executor.Brokers.Paper;

/// <summary>
/// Costs the paper venue charges. The fee of an order is
/// <c>max(MinimumFeePerOrder, FeePerShare x quantity + FeeBps / 10000 x notional)</c>, rounded to 4 places;
/// fills happen at the next bar's open moved against the order by <see cref="SlippageBps"/>.
/// </summary>
public sealed record PaperBrokerOptions(
    decimal SlippageBps = 5m,
    decimal FeePerShare = 0m,
    decimal MinimumFeePerOrder = 0m,
    decimal FeeBps = 0m)
{
    /// <summary>Places prices and fees are rounded to.</summary>
    public const int PriceScale = 4;

    /// <summary>5 bps of slippage and no fees, like a commission-free retail broker.</summary>
    public static PaperBrokerOptions Default { get; } = new();

    /// <summary>Throws if a setting is negative: options are built by code, so that is a bug.</summary>
    public PaperBrokerOptions Validated()
    {
        if (SlippageBps < 0m || FeePerShare < 0m || MinimumFeePerOrder < 0m || FeeBps < 0m)
            throw new ArgumentOutOfRangeException(nameof(PaperBrokerOptions), this, "Paper broker costs must not be negative");
        return this;
    }
}
