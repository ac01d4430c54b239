namespace Vanta.Markets.Tests.Models.Sentiment;

/// <summary>
/// The trained finance classifier and the fine-tuned encoder are built once for every test class that needs
/// them (training the classifier takes tens of seconds); the classes of this collection run one after another.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class SentimentModels : ICollectionFixture<FinanceClassifierFixture>, ICollectionFixture<MiniLmFixture>
{
    public const string Collection = "sentiment models";
}
