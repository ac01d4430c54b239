using Vanta.Markets.Features;
using Vanta.Markets.Models.Forecast;

namespace Vanta.Markets.Tests.Models.Forecast;

public sealed class ExponentialSmoothingForecasterTests
{
    private static readonly DateTimeOffset Day0 = new(2024, 1, 2, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Holt_recursions_match_the_hand_computation()
    {
        var s = HoltState.Start(10m, Day0);
        Assert.Equal((10m, 0m), (s.Level, s.Trend));
        s = s.Next(12m, Day0.AddDays(1), 0.5m, 0.5m);
        Assert.Equal((12m, 2m), (s.Level, s.Trend));
        // level = 0.5*13 + 0.5*(12 + 2) = 13.5; trend = 0.5*(13.5 - 12) + 0.5*2 = 1.75
        s = s.Next(13m, Day0.AddDays(2), 0.5m, 0.5m);
        Assert.Equal((13.5m, 1.75m), (s.Level, s.Trend));
        // level = 0.5*15 + 0.5*(13.5 + 1.75) = 15.125; trend = 0.5*(15.125 - 13.5) + 0.5*1.75 = 1.6875
        s = s.Next(15m, Day0.AddDays(3), 0.5m, 0.5m);
        Assert.Equal((15.125m, 1.6875m, 15m, 4), (s.Level, s.Trend, s.Last, s.Count));
        Assert.Equal(18.5m, s.Forecast(2));
    }

    [Fact]
    public void Score_is_the_scaled_forecast_return_split_into_level_and_trend()
    {
        var model = Fed(new ForecastOptions(Alpha: 0.5m, Beta: 0.5m, Horizon: 2, Scale: 0.5m, MinObservations: 4));

        // forecast 18.5 over the last close 15: +23.333%; / 0.5 = 0.466667
        var score = model.Score(Vector(3))!;
        Assert.Equal(0.466667m, score.Score);
        Assert.Equal(0.016667m, score.Contributions["ets_level"]); // (15.125 - 15) / 15 / 0.5
        Assert.Equal(0.45m, score.Contributions["ets_trend"]); // 2 * 1.6875 / 15 / 0.5
        Assert.Equal("forecast-ets@1", score.ModelId);
        Assert.Equal("forecast", score.Family);
        Assert.Equal("AAA 2d forecast +23.33% (Holt trend +11.250%/bar)", score.Rationale);
        Assert.Equal(18.5m / 15m - 1m, model.ForecastReturn("AAA"));
    }

    [Fact]
    public void A_large_forecast_is_clamped_and_its_parts_shrink_with_it()
    {
        var model = Fed(new ForecastOptions(Alpha: 0.5m, Beta: 0.5m, Horizon: 2, Scale: 0.1m, MinObservations: 4));

        var score = model.Score(Vector(3))!;
        Assert.Equal(1m, score.Score);
        // unclamped 2.333333 = 0.083333 (level: 0.125 / 15 / 0.1) + 2.25 (trend); both times 1 / 2.333333
        Assert.Equal(0.035714m, score.Contributions["ets_level"]);
        Assert.Equal(0.964286m, score.Contributions["ets_trend"]);
    }

    [Fact]
    public void It_abstains_while_warming_up_and_for_a_vector_older_than_its_last_bar()
    {
        var options = new ForecastOptions(Alpha: 0.5m, Beta: 0.5m, Horizon: 2, Scale: 0.5m, MinObservations: 4);
        var model = new ExponentialSmoothingForecaster(options);
        model.Observe("AAA", Day0, 10m);
        model.Observe("AAA", Day0.AddDays(1), 12m);
        model.Observe("AAA", Day0.AddDays(2), 13m);
        Assert.Null(model.Score(Vector(2)));
        Assert.Null(model.ForecastReturn("AAA"));
        model.Observe("AAA", Day0.AddDays(3), 15m);
        Assert.Null(model.Score(Vector(2)));
        Assert.NotNull(model.Score(Vector(3)));
        Assert.Null(model.Score(FeatureVector.Empty("BBB", Day0.AddDays(3))));
    }

    [Fact]
    public void Bad_closes_are_refused_and_leave_the_state_alone()
    {
        var model = Fed(new ForecastOptions(Alpha: 0.5m, Beta: 0.5m, Horizon: 2, Scale: 0.5m, MinObservations: 4));
        var before = model.State("AAA");

        Assert.NotNull(model.Observe("AAA", Day0.AddDays(4), 0m));
        Assert.NotNull(model.Observe("AAA", Day0.AddDays(4), -3m));
        Assert.NotNull(model.Observe("AAA", Day0.AddDays(3), 16m));
        Assert.NotNull(model.Observe("AAA", Day0.AddDays(1), 16m));
        Assert.Equal(before, model.State("AAA"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialSmoothingForecaster(new ForecastOptions(Alpha: 0m)));
    }

    private static ExponentialSmoothingForecaster Fed(ForecastOptions options)
    {
        var model = new ExponentialSmoothingForecaster(options);
        decimal[] closes = [10m, 12m, 13m, 15m];
        for (var i = 0; i < closes.Length; i++)
            Assert.Null(model.Observe("AAA", Day0.AddDays(i), closes[i]));
        return model;
    }

    private static FeatureVector Vector(int day) => FeatureVector.Empty("AAA", Day0.AddDays(day));
}
