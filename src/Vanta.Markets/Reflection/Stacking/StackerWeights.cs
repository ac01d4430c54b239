using System.Collections.Immutable;

namespace Vanta.Markets.Reflection.Stacking;

/// <summary>
/// Model weights learnt online by exponentiated gradient with fixed share: after each judged outcome
/// <c>w_i &lt;- w_i * exp(eta * y * s_i)</c> (y the realised direction, s_i the model's score), renormalised,
/// then mixed with the uniform distribution. Weights are rounded to a fixed scale so replays match bit for bit.
/// </summary>
public sealed class StackerWeights(StackerOptions options)
{
    private readonly SortedDictionary<string, decimal> _weights = new(StringComparer.Ordinal);
    private readonly decimal _floor = 1m / (decimal)Math.Pow(10, options.Scale);

    /// <summary>Current weight of every model seen, learnt or pinned, in ordinal order.</summary>
    public ImmutableSortedDictionary<string, decimal> Current =>
        _weights.ToImmutableSortedDictionary(p => p.Key, p => WeightOf(p.Key), StringComparer.Ordinal);

    public long Updates { get; private set; }

    /// <summary>The weight of a model; a model seen for the first time starts at the mean of the others (or 1).</summary>
    public decimal WeightOf(string modelId)
    {
        if (options.WeightOverrides.TryGetValue(modelId, out var pinned))
            return pinned;
        if (!_weights.TryGetValue(modelId, out var weight))
        {
            weight = _weights.Count == 0 ? 1m : Math.Round(_weights.Values.Average(), options.Scale);
            _weights[modelId] = weight;
        }
        return weight;
    }

    /// <summary>Learns from one judged conviction: <paramref name="outcome"/> is +1 (price rose) or -1 (fell).</summary>
    public void Learn(IReadOnlyDictionary<string, decimal> scores, int outcome) =>
        Learn([.. scores.OrderBy(p => p.Key, StringComparer.Ordinal)], outcome);

    /// <summary>As <see cref="Learn(IReadOnlyDictionary{string, decimal}, int)"/>, the scores given in ordinal order of model id.</summary>
    internal void Learn(ReadOnlySpan<KeyValuePair<string, decimal>> scores, int outcome)
    {
        if (outcome == 0 || scores.IsEmpty)
            return;
        Span<bool> pinned = stackalloc bool[scores.Length];
        Span<double> updated = stackalloc double[scores.Length];
        var learners = 0;
        var total = 0d;
        for (var i = 0; i < scores.Length; i++)
        {
            pinned[i] = options.WeightOverrides.ContainsKey(scores[i].Key);
            if (pinned[i])
                continue;
            total += (double)WeightOf(scores[i].Key);
            learners++;
        }
        if (learners == 0)
            return;
        var norm = 0d;
        for (var i = 0; i < scores.Length; i++)
        {
            if (pinned[i])
                continue;
            updated[i] = (double)WeightOf(scores[i].Key) * Math.Exp(options.LearningRate * outcome * (double)scores[i].Value);
            norm += updated[i];
        }
        for (var i = 0; i < scores.Length; i++)
        {
            if (pinned[i])
                continue;
            // Keep the learners' total mass, so models outside this update keep their relative standing.
            var share = updated[i] / norm * total;
            var mixed = (1 - options.FixedShare) * share + options.FixedShare * total / learners;
            _weights[scores[i].Key] = Math.Max(Math.Round((decimal)mixed, options.Scale), _floor);
        }
        Updates++;
    }
}
