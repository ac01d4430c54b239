namespace Vanta.Markets.Models.Sentiment;

/// <summary>The class probabilities of one text; <see cref="Score"/> is P(bullish) - P(bearish).</summary>
public sealed record SentimentPrediction(SentimentLabel Label, double Bearish, double Bullish, double Neutral)
{
    /// <summary>What every text model answers for a blank text: neutral with certainty rather than a guess.</summary>
    public static SentimentPrediction Blank { get; } = new(SentimentLabel.Neutral, 0, 0, 1);

    public double Score => Bullish - Bearish;

    /// <summary><see cref="Score"/> rounded to 4 decimal places: what <see cref="ITextSentimentModel.Score"/> returns.</summary>
    public decimal RoundedScore => Math.Round((decimal)Score, 4, MidpointRounding.ToEven);

    /// <summary>The prediction for class probabilities (or scores): labelled by the largest, the first of a tie.</summary>
    public static SentimentPrediction Of(double bearish, double bullish, double neutral)
    {
        var label = SentimentLabel.Bearish;
        var best = bearish;
        if (bullish > best)
            (label, best) = (SentimentLabel.Bullish, bullish);
        if (neutral > best)
            label = SentimentLabel.Neutral;
        return new SentimentPrediction(label, bearish, bullish, neutral);
    }
}
