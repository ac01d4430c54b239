namespace Vanta.Markets.Models.Anomaly;

/// <summary>The anomaly method of <c>vanta models anomaly --method</c>.</summary>
public enum AnomalyMethod
{
    /// <summary><c>zscore</c>: rolling z-score per column against the previous window.</summary>
    ZScore,

    /// <summary><c>iforest</c>: Isolation Forest score s(x, n) of each row, the forest grown on every valid row of the file.</summary>
    IsolationForest,

    /// <summary><c>bocpd</c>: Bayesian online change-point detection over the rows in file order.</summary>
    Bocpd,
}

/// <summary>Options of <see cref="AnomalyCsvTool"/>; the CLI fills them from its flags.</summary>
public sealed record AnomalyOptions
{
    public AnomalyMethod Method { get; init; } = AnomalyMethod.ZScore;

    /// <summary>Columns to read (<c>--columns a,b</c>); null or empty means every numeric column.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Seed of the <see cref="Random"/> the Isolation Forest draws from (<c>--seed N</c>).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Window of the rolling z-score.</summary>
    public int ZScoreWindow { get; init; } = 20;

    public IsolationForestOptions Forest { get; init; } = new();

    public ChangePointOptions ChangePoints { get; init; } = new();

    /// <summary>Reads a <c>--method</c> value: <c>zscore</c>, <c>iforest</c> or <c>bocpd</c> (case-insensitive).</summary>
    public static bool TryParseMethod(string? text, out AnomalyMethod method)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "zscore":
                method = AnomalyMethod.ZScore;
                return true;
            case "iforest":
                method = AnomalyMethod.IsolationForest;
                return true;
            case "bocpd":
                method = AnomalyMethod.Bocpd;
                return true;
            default:
                method = default;
                return false;
        }
    }
}
