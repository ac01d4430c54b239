namespace Vanta.Executor.Brokers.Paper;

/// <summary>
/// A fee in basis points of the notional that depends on the execution's <see cref="Liquidity"/>, as crypto venues
/// charge: <c>bps / 10000 x notional</c>, rounded to 4 places. Rebates (negative maker fees) are not modelled.
/// </summary>
public sealed record MakerTakerFeeModel(decimal MakerBps, decimal TakerBps) : IFeeModel
{
    /// <summary>Coinbase Advanced, lowest volume tier: 0.40% maker, 0.60% taker.</summary>
    public static MakerTakerFeeModel Coinbase { get; } = new(40m, 60m);

    /// <summary>Bybit spot, non-VIP: 0.1% maker and taker.</summary>
    public static MakerTakerFeeModel BybitSpot { get; } = new(10m, 10m);

    public decimal MakerBps { get; } = FeeMath.NonNegative(MakerBps, nameof(MakerBps));

    public decimal TakerBps { get; } = FeeMath.NonNegative(TakerBps, nameof(TakerBps));

    public decimal Fee(PaperExecution execution)
    {
        var bps = execution.Liquidity == Liquidity.Maker ? MakerBps : TakerBps;
        return FeeMath.Round(bps / 10000m * execution.Notional);
    }
}
