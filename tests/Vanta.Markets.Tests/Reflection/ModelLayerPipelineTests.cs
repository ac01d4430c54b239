using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Markets.Enrichment;
using Vanta.Markets.Features;
using Vanta.Markets.Models;
using Vanta.Markets.Models.Anomaly;
using Vanta.Markets.Models.Forecast;
using Vanta.Markets.Models.Signals;
using Vanta.Markets.Models.Sentiment;
using Vanta.Markets.Reflection;
using Vanta.Markets.Reflection.Stacking;
using Vanta.Markets.Tape;

namespace Vanta.Markets.Tests.Reflection;

/// <summary><see cref="ModelLayerScorer.UpdateAll(IReadOnlyList{Observed{IObservation}}, IReadOnlyList{PreEnriched?}?)"/> on two cores makes what one <c>Update</c> after another makes.</summary>
public sealed class ModelLayerPipelineTests
{
    // The first 5,000 observations of the bundled tape, pre-enriched: 14 symbols, walk-forward direction fits and
    // forest refits on the way, posts and filings between the bars.
    private static readonly Lazy<(List<Observed<IObservation>> Observations, List<PreEnriched?> Verdicts)> Tape = new(() =>
    {
        var replay = new TapeReader().Read(TapeManifest.Load(TestData.SampleTape).Manifest!);
        var enricher = PreEnricher.CreateDefault();
        var observations = new List<Observed<IObservation>>();
        var verdicts = new List<PreEnriched?>();
        var i = 0;
        foreach (var o in replay.Observations.Take(5000).Select(o => o.Observation))
        {
            var enriched = enricher.Process(o, o.TsEvent);
            if (enriched.IsDuplicate)
                continue;
            observations.Add(new Observed<IObservation>(new EventId("o" + (i++).ToString(CultureInfo.InvariantCulture)), enriched.Observation));
            verdicts.Add(enriched);
        }
        return (observations, verdicts);
    });

    private static string Line(Reflected reflected)
    {
        var text = new StringBuilder();
        foreach (var c in reflected.Convictions)
            text.Append(CultureInfo.InvariantCulture, $"C|{c.SignalId}|{c.ConvictionScore}|{string.Join(',', c.ReasonVector)}|{string.Join(',', c.ContributingModels)}|{string.Join(',', c.RoutingTags)}|{c.Rationale}\n");
        foreach (var m in reflected.Scores)
            text.Append(CultureInfo.InvariantCulture, $"M|{m.ModelId}|{m.Symbol}|{m.Score}|{string.Join(',', m.Contributions)}|{m.Rationale}\n");
        return text.ToString();
    }

    private static List<string> OneByOne(ModelLayerScorer layer, int count)
    {
        var (observations, verdicts) = Tape.Value;
        var lines = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var convictions = layer.Update(observations[i], verdicts[i]);
            lines.Add(Line(new Reflected(layer.LastScores, convictions.SingleOrDefault())));
        }
        return lines;
    }

    private static string Latest(ModelLayerScorer layer) =>
        string.Join('\n', layer.LatestScores.Select(s => $"{s.ModelId}|{s.Symbol}|{s.Score}"));

    [Fact]
    public void Two_steps_on_two_cores_give_every_observation_the_outputs_of_one_update_after_another()
    {
        var (observations, verdicts) = Tape.Value;
        var inLine = ModelLayer.Create(ModelsConfig.Default, new VaderSentiment());
        var expected = OneByOne(inLine, observations.Count);

        var pipelined = ModelLayer.Create(ModelsConfig.Default, new VaderSentiment());
        var order = new List<int>();
        var lines = new string[observations.Count];
        pipelined.UpdateAll(observations, verdicts, (i, reflected) =>
        {
            order.Add(i);
            lines[i] = Line(reflected);
        });

        Assert.Equal(Enumerable.Range(0, observations.Count), order);
        Assert.Equal(expected, lines);
        Assert.True(expected.Count(l => l.StartsWith("C|", StringComparison.Ordinal)) > 3000, "the tape yields convictions");
        Assert.Contains(expected, l => l.Contains("direction-lgbm@1", StringComparison.Ordinal));
        Assert.Contains(expected, l => l.Contains("anomaly-iforest@1", StringComparison.Ordinal));
        Assert.Equal(Latest(inLine), Latest(pipelined));
        Assert.Equal(inLine.LastScores, pipelined.LastScores);
    }

    [Fact]
    public void Where_each_model_runs_changes_nothing()
    {
        var (observations, verdicts) = Tape.Value;
        var everythingAhead = Build(ahead: null).UpdateAll(observations, verdicts).Select(Line).ToList();
        var nothingAhead = Build(ahead: []).UpdateAll(observations, verdicts).Select(Line).ToList();

        Assert.Equal(OneByOne(Build(ahead: null), observations.Count), everythingAhead);
        Assert.Equal(everythingAhead, nothingAhead);
    }

    [Fact]
    public void A_short_batch_runs_in_line_with_the_same_outputs()
    {
        var (observations, verdicts) = Tape.Value;
        var expected = OneByOne(ModelLayer.Create(ModelsConfig.Default, new VaderSentiment()), 200);

        var results = ModelLayer.Create(ModelsConfig.Default, new VaderSentiment()).UpdateAll(observations.Take(200).ToList(), verdicts.Take(200).ToList());

        Assert.Equal(expected, results.Select(Line));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_model_that_throws_in_either_step_stops_the_batch_with_its_error(bool perInstrument)
    {
        var (observations, verdicts) = Tape.Value;
        IScoringModel failing = perInstrument ? new FailingPerInstrumentModel(1000) : new FailingModel(1000);
        var layer = new ModelLayerScorer(FeatureEngine.Create(new VaderSentiment()), new InMemoryFeatureStore(), [new MomentumModel(), failing], new MetaBeliefStacker(new StackerOptions()));
        var delivered = 0;

        var error = Assert.Throws<InvalidOperationException>(() => layer.UpdateAll(observations, verdicts, (_, _) => delivered++));

        Assert.Equal("bar 1000", error.Message);
        Assert.InRange(delivered, 1000, observations.Count - 1);
    }

    [Fact]
    public void Running_ahead_a_model_the_layer_does_not_have_is_refused()
    {
        var outsider = new MomentumModel();

        var error = Assert.Throws<ArgumentException>(() => new ModelLayerScorer(
            FeatureEngine.Create(new VaderSentiment()), new InMemoryFeatureStore(), [new MomentumModel()], new MetaBeliefStacker(new StackerOptions()), ahead: [outsider]));

        Assert.Contains("not one of the layer's models or learners", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verdicts_must_match_the_observations_one_for_one()
    {
        var (observations, verdicts) = Tape.Value;
        var layer = ModelLayer.Create(ModelsConfig.Default, new VaderSentiment());

        var error = Assert.Throws<ArgumentException>(() => layer.UpdateAll(observations, verdicts.Take(10).ToList()));

        Assert.Contains("10 pre-enrichment verdicts", error.Message, StringComparison.Ordinal);
    }

    // Momentum, the forecaster and the forests, with their learners: every one may run ahead.
    private static ModelLayerScorer Build(IReadOnlyCollection<IPerInstrument>? ahead)
    {
        var forecaster = new ExponentialSmoothingForecaster();
        var anomaly = new AnomalyLearner();
        return new ModelLayerScorer(
            FeatureEngine.Create(new VaderSentiment()), new InMemoryFeatureStore(),
            [new MomentumModel(), forecaster, anomaly.Model], new MetaBeliefStacker(new StackerOptions()),
            [new ForecastLearner(forecaster), anomaly], ahead);
    }

    private class FailingModel(int failAt) : IScoringModel
    {
        private int _bars;

        public string Id => "failing@1";

        public string Family => "price";

        public ModelScore? Score(FeatureVector features) =>
            ++_bars == failAt ? throw new InvalidOperationException($"bar {failAt}") : null;
    }

    private sealed class FailingPerInstrumentModel(int failAt) : FailingModel(failAt), IPerInstrument;
}
