using System.Collections.Immutable;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>The three classes of the labelled finance headlines; the values are the CSV's labels and are frozen.</summary>
public enum SentimentLabel
{
    Bearish = 0,
    Bullish = 1,
    Neutral = 2,
}

/// <summary>One labelled text.</summary>
public sealed record LabeledText(string Text, SentimentLabel Label);

/// <summary>A row set aside while reading a labelled CSV: the file, the 1-based line the row starts on, and why.</summary>
public sealed record RejectedRow(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}

/// <summary>The rows read from a labelled CSV and the rows rejected, in file order.</summary>
public sealed record LabeledTextSet(ImmutableArray<LabeledText> Rows, ImmutableArray<RejectedRow> Rejected);

/// <summary>Maps scores to the three classes.</summary>
public static class SentimentLabels
{
    /// <summary>The usual VADER thresholds: compound at or above +0.05 is positive, at or below -0.05 negative.</summary>
    public const double VaderThreshold = 0.05;

    /// <summary>VADER's compound score as a class, with the usual +-0.05 thresholds.</summary>
    public static SentimentLabel FromCompound(double compound) => compound switch
    {
        >= VaderThreshold => SentimentLabel.Bullish,
        <= -VaderThreshold => SentimentLabel.Bearish,
        _ => SentimentLabel.Neutral,
    };
}
