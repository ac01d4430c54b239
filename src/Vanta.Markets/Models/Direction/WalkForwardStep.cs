namespace Vanta.Markets.Models.Direction;

/// <summary>What one bar did to the walk-forward trainer.</summary>
/// <param name="Score">The model's score at this bar (after any retraining this bar allowed), or null when it abstained.</param>
/// <param name="Labelled">Examples labelled by this bar's close (0 or 1).</param>
/// <param name="Retrained">Whether the model was retrained on this bar.</param>
/// <param name="Rejected">Why the bar was refused (bad price, out of order), or null when it was taken.</param>
public sealed record WalkForwardStep(ModelScore? Score, int Labelled, bool Retrained, string? Rejected = null)
{
    internal static WalkForwardStep Refused(string reason) => new(null, 0, false, reason);
}

/// <summary>
/// Out-of-sample record of the walk-forward run: a prediction made at bar t counts once its label is known at
/// bar t+N; a zero score or an abstention is not a prediction.
/// </summary>
/// <param name="UpLabels">Labelled examples whose return was positive: the hit rate of always saying up is UpLabels / Labelled.</param>
public sealed record WalkForwardStats(int Predictions, int Hits, int Labelled, int UpLabels, int Trainings)
{
    /// <summary>Share of predictions whose sign matched the realised sign; null before any.</summary>
    public double? HitRate => Predictions == 0 ? null : (double)Hits / Predictions;
}
