using Vanta.Core.Domain;
using Vanta.Markets.Models;
using Vanta.Markets.Models.Direction;
using Vanta.Markets.Tape;
using Xunit.Abstractions;

namespace Vanta.Markets.Tests.Models.Direction;

/// <summary>The direction model walked forward over the bundled LEAN daily bars (14 symbols, 2016-2019).</summary>
public sealed class SampleTapeDirectionTests(ITestOutputHelper output)
{
    [Fact]
    public void Runs_end_to_end_over_the_sample_bars_and_reports_its_out_of_sample_hit_rate()
    {
        var options = new DirectionOptions(Horizon: 5, RetrainEvery: 1000, Window: 3000, MinExamples: 1500);
        var trainer = new WalkForwardTrainer(options);
        var series = new Dictionary<string, PriceFeatureSeries>(StringComparer.Ordinal);
        var scores = new List<ModelScore>();
        var abstainedWhileWarm = 0;
        foreach (var bar in Bars())
        {
            var features = (series.TryGetValue(bar.Symbol, out var s) ? s : series[bar.Symbol] = new PriceFeatureSeries()).Next(bar);
            var step = trainer.Observe(features, bar.Close);
            Assert.Null(step.Rejected);
            if (step.Score is { } score)
                scores.Add(score);
            else if (trainer.Stats.Trainings > 0 && features.Values.Count == options.Features.Length)
                abstainedWhileWarm++;
        }

        var stats = trainer.Stats;
        output.WriteLine($"bars {series.Count} symbols, labelled {stats.Labelled}, trainings {stats.Trainings}, " +
            $"out-of-sample predictions {stats.Predictions}, hit rate {stats.HitRate:0.000} " +
            $"(always-up baseline {(double)stats.UpLabels / stats.Labelled:0.000})");
        Assert.Equal(14, series.Count);
        Assert.True(stats.Trainings >= 5);
        Assert.True(stats.Predictions > 5000);
        Assert.InRange(stats.HitRate!.Value, 0.35, 0.65);
        Assert.Equal(0, abstainedWhileWarm);
        Assert.All(scores, s =>
        {
            Assert.InRange(s.Score, -1m, 1m);
            Assert.Equal(s.Score, s.Contributions.Values.Sum());
        });
    }

    private static IEnumerable<PriceBar> Bars()
    {
        var loaded = TapeManifest.Load(TestData.SampleTape);
        var replay = new TapeReader().Read(loaded.Manifest!);
        return replay.Observations.Select(o => o.Observation).OfType<PriceBar>().Where(b => b.Source == "lean-daily")
            .OrderBy(b => b.TsEvent).ThenBy(b => b.Symbol, StringComparer.Ordinal);
    }
}
