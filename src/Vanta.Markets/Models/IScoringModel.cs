using System.Collections.Immutable;
using Vanta.Markets.Features;

namespace Vanta.Markets.Models;

/// <summary>
/// A named, versioned scorer (id like <c>sentiment-lgbm@1</c>) that reads a point-in-time feature vector and
/// returns a directional score in [-1, 1], or null when it has nothing to say (features missing or stale).
/// </summary>
public interface IScoringModel
{
    /// <summary><c>name@version</c>; a change in behaviour is a new version.</summary>
    string Id { get; }

    /// <summary>Source family for routing and the per-family signal files: price, sentiment, insider, anomaly, direction, forecast, macro.</summary>
    string Family { get; }

    ModelScore? Score(FeatureVector features);
}

/// <summary>
/// A model or bar learner whose state is kept per instrument: what it does with an instrument's bar depends only on
/// that instrument's earlier bars (or on nothing). A pipelined layer may run these ahead of the observations still
/// being stacked, on another core; every model or learner without this mark (the walk-forward direction trainer
/// learns across instruments) runs in observation order with the stacker. Mark a learner and the model it trains alike.
/// </summary>
public interface IPerInstrument;

/// <summary>
/// One model's view of one instrument. <see cref="Contributions"/> explains the score (feature name to signed
/// amount; tree models give their per-feature contributions); <see cref="Rationale"/> is one human line. A model
/// may pass the line as a function of values it already holds: it is then written on first read, since most
/// scores are superseded by the next bar before anyone reads their line (formatting it eagerly cost more than
/// scoring). The text depends only on those values, so when it is written changes nothing.
/// </summary>
public sealed record ModelScore
{
    private readonly Func<string>? _explain;
    private string? _rationale;

    public ModelScore(
        string modelId, string family, string symbol, decimal score,
        ImmutableSortedDictionary<string, decimal> contributions, string rationale, DateTimeOffset asOf)
        : this(modelId, family, symbol, score, contributions, asOf)
    {
        ArgumentNullException.ThrowIfNull(rationale);
        _rationale = rationale;
    }

    /// <summary>A score whose rationale <paramref name="explain"/> writes when it is first read.</summary>
    public ModelScore(
        string modelId, string family, string symbol, decimal score,
        ImmutableSortedDictionary<string, decimal> contributions, Func<string> explain, DateTimeOffset asOf)
        : this(modelId, family, symbol, score, contributions, asOf)
    {
        ArgumentNullException.ThrowIfNull(explain);
        _explain = explain;
    }

    private ModelScore(
        string modelId, string family, string symbol, decimal score,
        ImmutableSortedDictionary<string, decimal> contributions, DateTimeOffset asOf)
    {
        ModelId = modelId;
        Family = family;
        Symbol = symbol;
        Score = score;
        Contributions = contributions;
        AsOf = asOf;
    }

    public string ModelId { get; init; }

    public string Family { get; init; }

    public string Symbol { get; init; }

    public decimal Score { get; init; }

    public ImmutableSortedDictionary<string, decimal> Contributions { get; init; }

    // Two threads reading it first both write the same text: the race is harmless.
    public string Rationale => _rationale ??= _explain!();

    public DateTimeOffset AsOf { get; init; }

    public bool Equals(ModelScore? other) =>
        other is not null && ModelId == other.ModelId && Family == other.Family && Symbol == other.Symbol && Score == other.Score
        && Contributions.SequenceEqual(other.Contributions) && Rationale == other.Rationale && AsOf == other.AsOf;

    public override int GetHashCode() => HashCode.Combine(ModelId, Symbol, Score, AsOf);
}

/// <summary>
/// A score's contributions, one or two at a time: added to one shared empty map they cost a tenth of what
/// <see cref="ImmutableSortedDictionary.CreateRange{TKey, TValue}(IComparer{TKey}, IEnumerable{KeyValuePair{TKey, TValue}})"/>
/// does (its builder was most of a small model's scoring time).
/// </summary>
public static class Contributions
{
    /// <summary>No contributions, ordered by ordinal name.</summary>
    public static readonly ImmutableSortedDictionary<string, decimal> None = ImmutableSortedDictionary.Create<string, decimal>(StringComparer.Ordinal);

    public static ImmutableSortedDictionary<string, decimal> Of(string name, decimal value) => None.Add(name, value);

    public static ImmutableSortedDictionary<string, decimal> Of(string first, decimal firstValue, string second, decimal secondValue) =>
        None.Add(first, firstValue).Add(second, secondValue);
}

/// <summary>A model that scores free text (headlines, posts): positive is bullish, negative bearish, in [-1, 1].</summary>
public interface ITextSentimentModel
{
    string Id { get; }

    decimal Score(string text);
}
