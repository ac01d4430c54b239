namespace Vanta.Markets.Models.Forecast;

/// <summary>Settings of <see cref="ExponentialSmoothingForecaster"/>.</summary>
/// <param name="Alpha">Level smoothing in (0, 1].</param>
/// <param name="Beta">Trend smoothing in [0, 1].</param>
/// <param name="Horizon">N: the forecast is of the return over the next N bars.</param>
/// <param name="Scale">A forecast return of ±Scale maps to a score of ±1; larger ones are clamped.</param>
/// <param name="MinObservations">Bars before the forecaster speaks (at least 2: level and trend).</param>
public sealed record ForecastOptions(
    decimal Alpha = 0.3m,
    decimal Beta = 0.1m,
    int Horizon = 5,
    decimal Scale = 0.05m,
    int MinObservations = 10)
{
    /// <summary>Throws when a setting cannot work.</summary>
    public ForecastOptions Validated()
    {
        if (Alpha is <= 0m or > 1m)
            throw new ArgumentOutOfRangeException(nameof(Alpha), "ForecastOptions.Alpha must be in (0, 1]");
        if (Beta is < 0m or > 1m)
            throw new ArgumentOutOfRangeException(nameof(Beta), "ForecastOptions.Beta must be in [0, 1]");
        if (Horizon < 1)
            throw new ArgumentOutOfRangeException(nameof(Horizon), "ForecastOptions.Horizon must be at least 1");
        if (Scale <= 0m)
            throw new ArgumentOutOfRangeException(nameof(Scale), "ForecastOptions.Scale must be positive");
        if (MinObservations < 2)
            throw new ArgumentOutOfRangeException(nameof(MinObservations), "ForecastOptions.MinObservations must be at least 2");
        return this;
    }
}
