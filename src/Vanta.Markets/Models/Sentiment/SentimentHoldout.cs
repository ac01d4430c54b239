using System.Collections.Immutable;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>A train/test split: the model trains on <see cref="Train"/> and never sees <see cref="Test"/>.</summary>
public sealed record HoldoutSplit(ImmutableArray<LabeledText> Train, ImmutableArray<LabeledText> Test);

/// <summary>Seeded, stratified hold-out splits.</summary>
public static class SentimentHoldout
{
    /// <summary>The split the model cards report: 20% of each class held out, seed 2014.</summary>
    public static HoldoutSplit Default(IReadOnlyList<LabeledText> rows) => Stratified(rows, 0.2, 2014);

    /// <summary>
    /// Holds out round(<paramref name="testFraction"/> x n) rows of each class, chosen by a Fisher-Yates shuffle
    /// seeded with <paramref name="seed"/>; both halves keep the input order.
    /// </summary>
    public static HoldoutSplit Stratified(IReadOnlyList<LabeledText> rows, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(testFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(testFraction, 1.0);
        var random = new Random(seed);
        var isTest = new bool[rows.Count];
        foreach (var label in Enum.GetValues<SentimentLabel>())
        {
            var indices = Enumerable.Range(0, rows.Count).Where(i => rows[i].Label == label).ToArray();
            random.Shuffle(indices);
            var take = (int)Math.Round(indices.Length * testFraction, MidpointRounding.AwayFromZero);
            foreach (var index in indices.AsSpan(0, take))
                isTest[index] = true;
        }
        var train = ImmutableArray.CreateBuilder<LabeledText>();
        var test = ImmutableArray.CreateBuilder<LabeledText>();
        for (var i = 0; i < rows.Count; i++)
            (isTest[i] ? test : train).Add(rows[i]);
        return new HoldoutSplit(train.ToImmutable(), test.ToImmutable());
    }
}
