using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Markets.Models.Anomaly;
using Vanta.Markets.Models.Sentiment;
using Vanta.Markets.Reflection;
using Vanta.Markets.Reflection.Evaluation;

namespace Vanta.Markets.Tests.Reflection.Config;

public sealed class ModelsConfigTests
{
    private static ModelsConfig Parse(string json)
    {
        var result = ModelsConfigLoader.Parse(json);
        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        return result.Config!;
    }

    [Fact]
    public void The_default_file_parses_to_the_default_config_and_writes_back_identically()
    {
        Assert.True(Parse(ModelsConfigLoader.DefaultJson).SameAs(ModelsConfig.Default));
        Assert.Equal(ModelsConfigLoader.DefaultJson, ModelsConfigLoader.ToJson(ModelsConfig.Default));
        Assert.True(Parse("{}").SameAs(ModelsConfig.Default));
    }

    [Fact]
    public void The_text_model_is_vader_unless_the_finance_classifier_is_named_and_writes_back()
    {
        Assert.Equal(VaderSentiment.ModelId, ModelsConfig.Default.TextModel);
        var finance = Parse("""{ "text_model": "sentiment-nbsvm@3" }""");
        Assert.Equal(FinanceSentimentModel.ModelId, finance.TextModel);
        Assert.False(finance.SameAs(ModelsConfig.Default));
        Assert.True(Parse(ModelsConfigLoader.ToJson(finance)).SameAs(finance));
    }

    [Fact]
    public void The_default_config_makes_the_stackers_and_learners_defaults()
    {
        var d = ModelsConfig.Default;
        var stacker = d.ToStackerOptions();
        var defaults = new Vanta.Markets.Reflection.Stacking.StackerOptions();

        Assert.Equal((defaults.HorizonBars, defaults.LearningRate, defaults.FixedShare, defaults.HysteresisBand, defaults.DefaultTtl),
            (stacker.HorizonBars, stacker.LearningRate, stacker.FixedShare, stacker.HysteresisBand, stacker.DefaultTtl));
        Assert.Equal(defaults.TtlByFamily, stacker.TtlByFamily);
        Assert.Empty(stacker.WeightOverrides);
        Assert.Equal(new Vanta.Markets.Models.Direction.DirectionOptions(), d.ToDirectionOptions());
        Assert.Equal(new AnomalyLearnerOptions(), d.ToAnomalyOptions());
        Assert.Equal(["momentum@2", "insider-graph@1", "social-sentiment@1", "direction-lgbm@1", "forecast-ets@1", "anomaly-iforest@1"], d.Enabled.AsEnumerable());
    }

    [Fact]
    public void A_custom_config_round_trips()
    {
        var config = ModelsConfig.Default with
        {
            Enabled = ["momentum@2", "insider-flow@2", "forecast-ets@1"],
            TtlByFamily = ModelsConfig.Default.TtlByFamily.SetItem("insider", TimeSpan.FromHours(36)),
            DefaultTtl = TimeSpan.FromHours(12),
            HorizonBars = 10,
            LearningRate = 0.125,
            FixedShare = 0,
            HysteresisBand = 0.1m,
            WeightOverrides = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
                [KeyValuePair.Create("momentum@2", 2.5m), KeyValuePair.Create("forecast-ets@1", 0m)]),
            DirectionRetrainEvery = 100,
            DirectionRetrainEveryDays = 30,
            AnomalyFit = new AnomalyLearnerOptions(5, 100, 40, 50, 64, 9),
        };

        var json = ModelsConfigLoader.ToJson(config);

        Assert.True(Parse(json).SameAs(config), json);
        Assert.Contains("\"insider\": \"36h\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Enabled_models_keep_the_catalogue_order_whatever_the_file_order()
    {
        var config = Parse("""{ "enabled": ["anomaly-iforest@1", "momentum@2"] }""");

        Assert.Equal(["momentum@2", "anomaly-iforest@1"], config.Enabled.AsEnumerable());
    }

    [Theory]
    [InlineData("""{ "schema_version": 2 }""", "models.json: schema_version must be a whole number from 1 to 1 (was 2)")]
    [InlineData("""{ "enabled": ["momentum@2", "magic@1"] }""", "models.json: enabled[1] must be one of")]
    [InlineData("""{ "enabled": ["momentum@2", "momentum@2"] }""", "models.json: enabled[1] names momentum@2 twice")]
    [InlineData("""{ "enabled": [] }""", "models.json: enabled must name at least one model")]
    [InlineData("""{ "enabled": "momentum@2" }""", "models.json: enabled must be an array of strings")]
    [InlineData("""{ "text_model": "finbert@1" }""", "models.json: text_model must be one of sentiment-vader@1, sentiment-nbsvm@3, sentiment-minilm@1, sentiment-ensemble@1 (was \"finbert@1\")")]
    [InlineData("""{ "text_model": 3 }""", "models.json: text_model must be one of sentiment-vader@1, sentiment-nbsvm@3, sentiment-minilm@1, sentiment-ensemble@1 (was 3)")]
    [InlineData("""{ "ttl": { "insider": "10x" } }""", "models.json: ttl.insider must be a duration of whole hours or days like \"36h\" or \"10d\", from 1h to 365d (was \"10x\")")]
    [InlineData("""{ "ttl": { "price": "0d" } }""", "models.json: ttl.price must be a duration")]
    [InlineData("""{ "ttl": { "macro": "400d" } }""", "models.json: ttl.macro must be a duration")]
    [InlineData("""{ "ttl": { "default": 4 } }""", "models.json: ttl.default must be a duration")]
    [InlineData("""{ "ttl": { "crypto": "1d" } }""", "models.json: ttl.crypto is not a known field")]
    [InlineData("""{ "stacker": { "horizon_bars": 0 } }""", "models.json: stacker.horizon_bars must be a whole number from 1 to 250 (was 0)")]
    [InlineData("""{ "stacker": { "learning_rate": 0 } }""", "models.json: stacker.learning_rate must be a number greater than 0 and at most 10 (was 0)")]
    [InlineData("""{ "stacker": { "fixed_share": 1 } }""", "models.json: stacker.fixed_share must be a number from 0 to 1 (1 excluded) (was 1)")]
    [InlineData("""{ "stacker": { "hysteresis_band": -0.1 } }""", "models.json: stacker.hysteresis_band must be a number from 0 to 1 (was -0.1)")]
    [InlineData("""{ "stacker": { "weight_overrides": { "momentum@2": -1 } } }""", "models.json: stacker.weight_overrides.momentum@2 must be a number from 0 to 100 (was -1)")]
    [InlineData("""{ "stacker": { "weight_overrides": { "momentum": 1 } } }""", "models.json: stacker.weight_overrides.momentum is not a model")]
    [InlineData("""{ "stacker": { "weight_overrides": [] } }""", "models.json: stacker.weight_overrides must be an object")]
    [InlineData("""{ "stacker": { "learning_rat": 0.2 } }""", "models.json: stacker.learning_rat is not a known field")]
    [InlineData("""{ "direction": { "retrain_every": 0 } }""", "models.json: direction.retrain_every must be a whole number from 1 to 1000000 (was 0)")]
    [InlineData("""{ "direction": { "retrain_every_days": "weekly" } }""", "models.json: direction.retrain_every_days must be a whole number from 1 to 3650 (was \"weekly\")")]
    [InlineData("""{ "anomaly": { "fit_every": 0 } }""", "models.json: anomaly.fit_every must be a whole number from 1 to 100000 (was 0)")]
    [InlineData("""{ "anomaly": { "window": 10, "min_rows": 60 } }""", "models.json: anomaly.window must be at least anomaly.min_rows (60) (was 10)")]
    [InlineData("""{ "anomaly": { "trees": 0 } }""", "models.json: anomaly.trees must be a whole number from 1 to 1000 (was 0)")]
    [InlineData("""{ "anomaly": { "subsample_size": 1 } }""", "models.json: anomaly.subsample_size must be a whole number from 2 to 4096 (was 1)")]
    [InlineData("""{ "anomaly": { "seed": -1 } }""", "models.json: anomaly.seed must be a whole number from 0 to 2147483647 (was -1)")]
    [InlineData("""{ "anomaly": 3 }""", "models.json: anomaly must be an object")]
    [InlineData("""{ "personas": {} }""", "models.json: personas is not a known field")]
    [InlineData("""[1]""", "models.json: must be a JSON object")]
    [InlineData("""{ "enabled": [ """, "models.json: not valid JSON")]
    public void A_bad_field_is_an_error_naming_it(string json, string expected)
    {
        var result = ModelsConfigLoader.Parse(json);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Config);
        Assert.Contains(result.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_bad_field_is_reported_not_only_the_first()
    {
        var result = ModelsConfigLoader.Parse("""{ "stacker": { "horizon_bars": 0, "learning_rate": -1 }, "ttl": { "insider": "x" } }""");

        Assert.Equal(3, result.Errors.Count);
    }

    [Fact]
    public void A_missing_file_is_written_with_the_default_and_loads()
    {
        using var home = new TempFolder();
        var path = Path.Combine(home.Path, "memory", "models.json");

        Assert.False(ModelsConfigLoader.Load(path).IsSuccess);
        Assert.True(ModelsConfigLoader.WriteDefaultIfMissing(path));
        Assert.False(ModelsConfigLoader.WriteDefaultIfMissing(path));
        Assert.True(ModelsConfigLoader.Load(path).Config!.SameAs(ModelsConfig.Default));
    }

    [Theory]
    [InlineData("36h", 36 * 60)]
    [InlineData("10d", 10 * 24 * 60)]
    [InlineData("365d", 365 * 24 * 60)]
    public void Durations_are_whole_hours_or_days(string text, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), ModelsConfigLoader.ParseDuration(text));
        Assert.Equal(text, ModelsConfigLoader.FormatDuration(TimeSpan.FromMinutes(minutes)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("1.5d")]
    [InlineData("-1d")]
    [InlineData("+1d")]
    [InlineData("1w")]
    [InlineData("8761h")]
    [InlineData("99999999999d")]
    public void Other_durations_are_refused(string text) => Assert.Null(ModelsConfigLoader.ParseDuration(text));

    private static List<PriceBar> SampleBars() =>
        [.. BarDirectory.Load(Path.Combine(TestData.SampleTape, "lean", "daily"), TestData.FetchedAt).Bars
            .Where(b => string.CompareOrdinal(b.Symbol, "C") < 0)
            .OrderBy(b => b.TsEvent).ThenBy(b => b.Symbol, StringComparer.Ordinal)];

    private static List<ConvictionVector> Run(ModelLayerScorer layer, IReadOnlyList<PriceBar> bars)
    {
        var convictions = new List<ConvictionVector>();
        var i = 0;
        foreach (var bar in bars)
            convictions.AddRange(layer.Update(new Observed<IObservation>(new EventId("bar" + i++), bar)));
        return convictions;
    }

    [Fact]
    public void Overrides_ttls_and_the_model_list_reach_the_layer()
    {
        var config = Parse("""
            {
              "enabled": ["momentum@2", "forecast-ets@1"],
              "ttl": { "price": "36h", "forecast": "36h", "default": "2d" },
              "stacker": { "hysteresis_band": 0, "weight_overrides": { "momentum@2": 3, "forecast-ets@1": 1 } }
            }
            """);
        var layer = ModelLayer.Create(config, new VaderSentiment());
        var convictions = Run(layer, SampleBars().Take(400).ToList());

        Assert.Equal(["momentum@2", "forecast-ets@1"], layer.Models.Select(m => m.Id));
        Assert.Equal(3m, layer.Stacker.Weights.WeightOf("momentum@2"));
        Assert.NotEmpty(convictions);
        Assert.All(convictions, c =>
        {
            Assert.Equal(TimeSpan.FromHours(36), c.ExpiresAt - c.IssuedAt);
            Assert.All(c.ContributingModels, m => Assert.Equal(m.Key == "momentum@2" ? 3m : 1m, m.Value));
        });
    }

    [Fact]
    public void The_default_layer_is_the_layer_of_the_default_config()
    {
        var bars = SampleBars().Take(1200).ToList();
        var byDefault = ModelLayer.CreateDefault(new VaderSentiment());
        var byConfig = ModelLayer.Create(Parse(ModelsConfigLoader.DefaultJson), new VaderSentiment());

        Assert.Equal(ModelsConfig.Default.Enabled, byDefault.Models.Select(m => m.Id));
        Assert.Equal(
            Run(byDefault, bars).Select(c => (c.SignalId, c.ConvictionScore, c.Rationale)),
            Run(byConfig, bars).Select(c => (c.SignalId, c.ConvictionScore, c.Rationale)));
    }
}
