namespace Vanta.Markets.Models.Sentiment;

/// <summary>A text model that gives class probabilities, not only a score: what <c>vanta models eval sentiment</c> measures.</summary>
public interface ISentimentClassifier : ITextSentimentModel
{
    /// <summary>The class probabilities of each text, in input order.</summary>
    IReadOnlyList<SentimentPrediction> PredictMany(IEnumerable<string> texts);
}
