using System.Collections.Immutable;
using Vanta.Markets.Models.Sentiment;

namespace Vanta.Markets.Tests.Models.Sentiment;

/// <summary>Trains the classifier once on the shipped set's default 80% split; the 20% held out is never trained on.</summary>
public sealed class FinanceClassifierFixture
{
    public FinanceClassifierFixture()
    {
        Split = SentimentHoldout.Default(LabeledTextCsv.ReadEmbeddedTrainingSet().Rows);
        Model = FinanceSentimentModel.Train(Split.Train);
    }

    public HoldoutSplit Split { get; }

    public FinanceSentimentModel Model { get; }

    public ImmutableArray<LabeledText> HeldOut => Split.Test;
}
