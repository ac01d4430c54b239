namespace Vanta.Markets.Models.Forecast;

/// <summary>
/// The state of Holt's linear (double exponential) smoothing of one series. The first value sets the level;
/// the second sets level y2 and trend y2 − y1; from the third on:
/// level' = α·y + (1 − α)·(level + trend), trend' = β·(level' − level) + (1 − β)·trend.
/// The h-step forecast is level + h·trend.
/// </summary>
public readonly record struct HoltState(decimal Level, decimal Trend, decimal Last, int Count, DateTimeOffset AsOf)
{
    /// <summary>The state after one value; the trend is unknown until a second.</summary>
    public static HoltState Start(decimal value, DateTimeOffset asOf) => new(value, 0m, value, 1, asOf);

    /// <summary>Whether level and trend are both initialised.</summary>
    public bool HasTrend => Count >= 2;

    public HoltState Next(decimal value, DateTimeOffset asOf, decimal alpha, decimal beta)
    {
        if (Count == 1)
            return new HoltState(value, value - Level, value, 2, asOf);
        var level = alpha * value + (1m - alpha) * (Level + Trend);
        var trend = beta * (level - Level) + (1m - beta) * Trend;
        return new HoltState(level, trend, value, Count + 1, asOf);
    }

    /// <summary>The forecast <paramref name="steps"/> values ahead.</summary>
    public decimal Forecast(int steps) => Level + steps * Trend;
}
