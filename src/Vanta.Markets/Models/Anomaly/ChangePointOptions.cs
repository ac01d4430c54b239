namespace Vanta.Markets.Models.Anomaly;

/// <summary>
/// Settings of a <see cref="ChangePointDetector"/>: the constant hazard 1/<see cref="HazardLambda"/>, the
/// Normal-Gamma prior of each attribute (mean <see cref="PriorMean"/> with pseudo-count <see cref="PriorKappa"/>,
/// precision Gamma(<see cref="PriorAlpha"/>, <see cref="PriorBeta"/>)), and the bounds that keep memory finite.
/// The prior suits data of roughly unit scale: standardise a series before running it.
/// </summary>
public sealed record ChangePointOptions
{
    /// <summary>Expected run length between change points, lambda; the hazard is 1/lambda at every step.</summary>
    public double HazardLambda { get; init; } = 250;

    public double PriorMean { get; init; }

    public double PriorKappa { get; init; } = 1;

    public double PriorAlpha { get; init; } = 1;

    public double PriorBeta { get; init; } = 1;

    /// <summary>Run-length hypotheses whose posterior probability falls below this are dropped (then renormalised).</summary>
    public double PruneBelow { get; init; } = 1e-10;

    /// <summary>At most this many hypotheses are kept; beyond it the least probable are dropped.</summary>
    public int MaxRunLengths { get; init; } = 1000;

    /// <summary>K in the change-point probability P(1 &lt;= r_t &lt;= K): how recent a change must be to count.</summary>
    public int RecentWindow { get; init; } = 5;

    internal void Validate()
    {
        if (!(HazardLambda > 1) || !double.IsFinite(HazardLambda))
            throw new ArgumentOutOfRangeException(nameof(HazardLambda), "lambda must be a finite number above 1");
        if (!double.IsFinite(PriorMean) || !(PriorKappa > 0) || !(PriorAlpha > 0) || !(PriorBeta > 0)
            || !double.IsFinite(PriorKappa) || !double.IsFinite(PriorAlpha) || !double.IsFinite(PriorBeta))
            throw new ArgumentOutOfRangeException(nameof(PriorKappa), "the prior needs a finite mean and positive finite kappa, alpha, beta");
        if (!(PruneBelow >= 0) || PruneBelow >= 1.0 / HazardLambda)
            throw new ArgumentOutOfRangeException(nameof(PruneBelow), "the pruning threshold must be in [0, hazard)");
        if (MaxRunLengths < 2)
            throw new ArgumentOutOfRangeException(nameof(MaxRunLengths), "keep at least 2 run lengths");
        if (RecentWindow < 1)
            throw new ArgumentOutOfRangeException(nameof(RecentWindow), "the recent window is at least 1");
    }
}

/// <summary>
/// What the detector says after one observation x_t. <see cref="MapRunLength"/> is the most probable run length
/// r_t: how many of the latest observations (x_t included) belong to the current regime; it grows by one per step
/// in a stable regime and drops to a small number after a change. <see cref="ChangePointProbability"/> is
/// P(1 &lt;= r_t &lt;= K, r_t &lt; t | x_1..x_t): the posterior probability that the current regime began at one of the
/// last K observations, not counting the start of the series as a change.
/// </summary>
/// <remarks>
/// P(r_t = 0) is not reported: in Adams and MacKay's recursion it is the probability that the next observation
/// starts a new run, and with a constant hazard it equals 1/lambda exactly at every step, whatever the data.
/// </remarks>
public readonly record struct ChangePointStep(int MapRunLength, double ChangePointProbability);
