using System.Collections.Immutable;
using System.Globalization;
using Vanta.Markets.Features;

namespace Vanta.Markets.Models.Forecast;

/// <summary>
/// <c>forecast-ets@1</c>: Holt's linear smoothing of each symbol's closes (<see cref="HoltState"/>), forecasting
/// the N-bar return r = (level + N·trend) / last close − 1; score = clamp(r / scale, −1, 1). Contributions split
/// the score into <c>ets_level</c> ((level − close) / close / scale) and <c>ets_trend</c> (N·trend / close / scale),
/// scaled down together when the score is clamped. It abstains before <see cref="ForecastOptions.MinObservations"/>
/// bars and for a vector older than its last bar (that would use the future).
/// Not thread-safe for <see cref="Observe"/>; one writer feeds it.
/// </summary>
public sealed class ExponentialSmoothingForecaster : IScoringModel, IPerInstrument
{
    /// <summary>The model's id.</summary>
    public const string ModelId = "forecast-ets@1";

    private readonly ForecastOptions _options;
    private readonly Dictionary<string, HoltState> _states = new(StringComparer.Ordinal);

    public ExponentialSmoothingForecaster(ForecastOptions? options = null)
    {
        _options = (options ?? new ForecastOptions()).Validated();
    }

    public string Id => ModelId;

    public string Family => "forecast";

    /// <summary>The state of <paramref name="symbol"/>, or null before its first bar.</summary>
    public HoltState? State(string symbol) => _states.TryGetValue(symbol, out var s) ? s : null;

    /// <summary>Takes one close; returns why it was refused (non-positive, not after the previous bar) or null.</summary>
    public string? Observe(string symbol, DateTimeOffset asOf, decimal close)
    {
        if (close <= 0m)
            return "close must be positive";
        if (!_states.TryGetValue(symbol, out var state))
        {
            _states[symbol] = HoltState.Start(close, asOf);
            return null;
        }
        if (asOf <= state.AsOf)
            return "bar is not after the symbol's previous bar";
        _states[symbol] = state.Next(close, asOf, _options.Alpha, _options.Beta);
        return null;
    }

    /// <summary>The forecast N-bar return of <paramref name="symbol"/>, or null while it abstains.</summary>
    public decimal? ForecastReturn(string symbol) =>
        _states.TryGetValue(symbol, out var s) && s.Count >= _options.MinObservations
            ? s.Forecast(_options.Horizon) / s.Last - 1m
            : null;

    public ModelScore? Score(FeatureVector features)
    {
        if (!_states.TryGetValue(features.Symbol, out var s) || s.Count < _options.MinObservations || s.AsOf > features.AsOf)
            return null;
        var level = (s.Level - s.Last) / s.Last / _options.Scale;
        var trend = _options.Horizon * s.Trend / s.Last / _options.Scale;
        var raw = level + trend;
        var score = Math.Clamp(raw, -1m, 1m);
        var shrink = raw == 0m ? 1m : score / raw;
        var levelPart = Round(level * shrink);
        var trendPart = Round(score) - levelPart;
        var contributions = Contributions.Of("ets_level", levelPart, "ets_trend", trendPart);
        var (symbol, horizon) = (features.Symbol, _options.Horizon);
        return new ModelScore(ModelId, Family, symbol, Round(score), contributions, () => Rationale(symbol, horizon, s), features.AsOf);
    }

    private static string Rationale(string symbol, int horizon, HoltState s)
    {
        var forecast = s.Forecast(horizon) / s.Last - 1m;
        return string.Create(
            CultureInfo.InvariantCulture, $"{symbol} {horizon}d forecast {forecast * 100m:+0.00;-0.00}% (Holt trend {s.Trend / s.Last * 100m:+0.000;-0.000}%/bar)");
    }

    private static decimal Round(decimal value) => Math.Round(value, 6, MidpointRounding.ToEven);
}
