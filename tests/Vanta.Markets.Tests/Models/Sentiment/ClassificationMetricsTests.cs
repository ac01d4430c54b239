using Vanta.Markets.Models.Sentiment;
using static Vanta.Markets.Models.Sentiment.SentimentLabel;

namespace Vanta.Markets.Tests.Models.Sentiment;

public sealed class ClassificationMetricsTests
{
    [Fact]
    public void Hand_computed_accuracy_macro_f1_and_confusion()
    {
        // actual:    bull bear neu bear neu  bull neu bull
        // predicted: bull bear neu bear bull neu  neu bear
        SentimentLabel[] actual = [Bullish, Bearish, Neutral, Bearish, Neutral, Bullish, Neutral, Bullish];
        SentimentLabel[] predicted = [Bullish, Bearish, Neutral, Bearish, Bullish, Neutral, Neutral, Bearish];

        var metrics = ClassificationMetrics.Compute(actual, predicted);

        Assert.Equal(8, metrics.Count);
        Assert.Equal(5.0 / 8, metrics.Accuracy, 12);
        // F1 = 2TP / (actual + predicted): bearish 4/5, bullish 2/5, neutral 4/6.
        Assert.Equal([0.8, 0.4, 4.0 / 6], metrics.F1.ToArray());
        Assert.Equal((0.8 + 0.4 + (4.0 / 6)) / 3, metrics.MacroF1, 12);
        Assert.Equal([2, 0, 0], metrics.Confusion[(int)Bearish].ToArray());
        Assert.Equal([1, 1, 1], metrics.Confusion[(int)Bullish].ToArray());
        Assert.Equal([0, 1, 2], metrics.Confusion[(int)Neutral].ToArray());
    }

    [Fact]
    public void A_class_absent_from_both_sides_is_left_out_of_macro_f1()
    {
        var metrics = ClassificationMetrics.Compute([Bullish, Neutral, Neutral], [Bullish, Neutral, Bullish]);
        // bullish 2*1/(1+2) = 2/3, neutral 2*1/(2+1) = 2/3, bearish absent.
        Assert.Equal(2.0 / 3, metrics.MacroF1, 12);
        Assert.Equal(0, metrics.F1[(int)Bearish]);
    }

    [Fact]
    public void Mismatched_lengths_are_a_bug() =>
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([Bullish], []));

    [Theory]
    [InlineData(0.05, Bullish)]
    [InlineData(0.0499, Neutral)]
    [InlineData(-0.0499, Neutral)]
    [InlineData(-0.05, Bearish)]
    public void Vader_compound_maps_to_classes_at_the_usual_thresholds(double compound, SentimentLabel expected) =>
        Assert.Equal(expected, SentimentLabels.FromCompound(compound));
}
