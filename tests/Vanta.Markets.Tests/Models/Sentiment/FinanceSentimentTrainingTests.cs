using System.Collections.Immutable;
using Vanta.Markets.Models.Sentiment;

namespace Vanta.Markets.Tests.Models.Sentiment;

/// <summary>Training on a small seeded slice of the shipped set, to keep these fast.</summary>
public sealed class FinanceSentimentTrainingTests
{
    private static readonly HoldoutSplit Slice =
        SentimentHoldout.Stratified(LabeledTextCsv.ReadEmbeddedTrainingSet().Rows, 0.15, 11);

    private static ImmutableArray<string> Probe => [.. Slice.Train.Take(200).Select(r => r.Text)];

    [Fact]
    public void Same_seed_and_rows_give_identical_predictions()
    {
        var first = FinanceSentimentModel.Train(Slice.Test);
        var second = FinanceSentimentModel.Train(Slice.Test);
        Assert.Equal(first.PredictMany(Probe), second.PredictMany(Probe));
    }

    [Fact]
    public void Cache_trains_once_then_loads_the_saved_model()
    {
        using var folder = new TempFolder();
        var options = new FinanceSentimentOptions { Seed = 5 };
        var trainings = 0;
        IReadOnlyCollection<LabeledText> Rows()
        {
            trainings++;
            return Slice.Test;
        }

        var trained = FinanceSentimentCache.LoadOrTrain(folder.Path, options, Rows);
        var loaded = FinanceSentimentCache.LoadOrTrain(folder.Path, options, Rows);

        Assert.Equal(1, trainings);
        Assert.True(File.Exists(FinanceSentimentCache.PathFor(folder.Path, options)));
        Assert.EndsWith(
            "sentiment-nbsvm@3-s5-w2-c4-l2_0.01-nb0.4_w3_c5_l0.0001.zip", FinanceSentimentCache.PathFor(folder.Path, options), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
        Assert.Equal(trained.PredictMany(Probe), loaded.PredictMany(Probe));
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1.1f)]
    public void A_mix_weight_outside_zero_to_one_is_refused(float weight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FinanceSentimentModel.Train(Slice.Test, new FinanceSentimentOptions { NbWeight = weight }));

    [Fact]
    public void Training_on_nothing_is_a_bug() =>
        Assert.Throws<ArgumentException>(() => FinanceSentimentModel.Train([]));
}
