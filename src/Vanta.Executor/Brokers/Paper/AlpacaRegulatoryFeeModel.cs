using Vanta.Core.Domain;

namespace Vanta.Executor.Brokers.Paper;

/// <summary>
/// Commission-free US equities with the regulatory fees passed through on sells, as Alpaca charges them: the SEC
/// Section 31 fee (<c>notional x SecFeePerMillion / 1,000,000</c>) and the FINRA trading activity fee
/// (<c>TafPerShare x quantity</c>, at most <see cref="TafMaximum"/> a trade), each rounded up to the cent.
/// Buys cost nothing. The SEC rate changes by order each fiscal year; $27.80 per million is the 2024-25 rate.
/// </summary>
public sealed record AlpacaRegulatoryFeeModel(decimal SecFeePerMillion = 27.80m, decimal TafPerShare = 0.000166m, decimal TafMaximum = 8.30m)
    : IFeeModel
{
    public static AlpacaRegulatoryFeeModel Default { get; } = new();

    public decimal SecFeePerMillion { get; } = FeeMath.NonNegative(SecFeePerMillion, nameof(SecFeePerMillion));

    public decimal TafPerShare { get; } = FeeMath.NonNegative(TafPerShare, nameof(TafPerShare));

    public decimal TafMaximum { get; } = FeeMath.NonNegative(TafMaximum, nameof(TafMaximum));

    public decimal Fee(PaperExecution execution)
    {
        if (execution.Side != OrderSide.Sell)
            return 0m;
        var sec = FeeMath.CeilingToCent(execution.Notional * SecFeePerMillion / 1_000_000m);
        var taf = Math.Min(FeeMath.CeilingToCent(execution.Quantity * TafPerShare), TafMaximum);
        return sec + taf;
    }
}
