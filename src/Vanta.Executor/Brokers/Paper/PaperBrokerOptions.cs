namespace Vanta.Executor.Brokers.Paper;

/// <summary>
/// Costs and liquidity of the paper venue. Market fills happen at the next bar's open moved against the order by
/// <see cref="SlippageBps"/>. Fees come from <see cref="FeeModel"/> when it is set, otherwise from the flat costs
/// (<see cref="FlatFeeModel"/>: <c>max(MinimumFeePerOrder, FeePerShare x quantity + FeeBps / 10000 x notional)</c>,
/// rounded to 4 places); setting both is a configuration error.
/// </summary>
/// <param name="VolumeParticipation">
/// Largest fraction of a bar's volume the venue's orders in that symbol may fill in that bar (0.1 = 10%); the rest
/// rests for later bars. Null or 0: unlimited, every order fills in full on the bar it trades on.
/// </param>
public sealed record PaperBrokerOptions(
    decimal SlippageBps = 5m,
    decimal FeePerShare = 0m,
    decimal MinimumFeePerOrder = 0m,
    decimal FeeBps = 0m,
    decimal? VolumeParticipation = null,
    IFeeModel? FeeModel = null)
{
    /// <summary>Places prices and fees are rounded to.</summary>
    public const int PriceScale = 4;

    /// <summary>5 bps of slippage, no fees and no volume limit, like a commission-free retail broker.</summary>
    public static PaperBrokerOptions Default { get; } = new();

    /// <summary>True when <see cref="VolumeParticipation"/> limits fills.</summary>
    public bool LimitsVolume => VolumeParticipation is > 0m;

    /// <summary>Throws if a setting is out of range or contradicts another: options are built by code, so that is a bug.</summary>
    public PaperBrokerOptions Validated()
    {
        if (SlippageBps < 0m || FeePerShare < 0m || MinimumFeePerOrder < 0m || FeeBps < 0m)
            throw new ArgumentOutOfRangeException(nameof(PaperBrokerOptions), this, "Paper broker costs must not be negative");
        if (VolumeParticipation is < 0m or > 1m)
            throw new ArgumentOutOfRangeException(nameof(VolumeParticipation), VolumeParticipation, "Volume participation must be between 0 and 1");
        if (FeeModel is not null && (FeePerShare != 0m || MinimumFeePerOrder != 0m || FeeBps != 0m))
            throw new ArgumentException($"Set either the flat fee settings or {nameof(FeeModel)}, not both ({this})", nameof(FeeModel));
        return this;
    }

    /// <summary>The fee model the venue charges with: <see cref="FeeModel"/>, or the flat costs.</summary>
    public IFeeModel Fees() => FeeModel ?? new FlatFeeModel(FeePerShare, MinimumFeePerOrder, FeeBps);
}
