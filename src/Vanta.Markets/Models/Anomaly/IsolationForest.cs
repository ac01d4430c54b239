using System.Runtime.CompilerServices;

namespace Vanta.Markets.Models.Anomaly;

/// <summary>Settings of an <see cref="IsolationForest"/>: t trees, each grown on a sub-sample of psi rows (the paper's defaults 100 and 256).</summary>
public sealed record IsolationForestOptions
{
    /// <summary>Number of isolation trees, t.</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Sub-sampling size psi, drawn without replacement per tree; capped at the number of training rows.</summary>
    public int SubsampleSize { get; init; } = 256;
}

/// <summary>
/// Isolation Forest after Liu, Ting and Zhou (2008), "Isolation Forest", ICDM. Each tree isolates a sub-sample of
/// psi rows by random axis-parallel splits (random attribute, split value uniform between the node's minimum and
/// maximum of it) down to the height limit ceil(log2 psi). The path length h(x) counts edges from the root to the
/// external node x falls in, plus c(size) for the rows left unisolated there; the anomaly score is
/// s(x, psi) = 2^(-E[h(x)] / c(psi)), in (0, 1): near 1 anomalous, about 0.5 or below ordinary.
/// The fitted forest is immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// The attribute is drawn uniformly among the attributes that are not constant in the node (the same law as
/// drawing any attribute and redrawing while it is constant); a node whose rows are all equal is an external node.
/// Trees are stored flat in pre-order (<see cref="IsolationNode"/>): a node's left child is the next node.
/// </remarks>
public sealed class IsolationForest
{
    /// <summary>Euler's constant as the paper gives it, for H(i) = ln(i) + 0.5772156649.</summary>
    public const double EulerGamma = 0.5772156649;

    private readonly IsolationNode[] _nodes;
    private readonly int[] _roots;

    private IsolationForest(int dimensions, int sampleSize, int heightLimit, IsolationNode[] nodes, int[] roots)
    {
        Dimensions = dimensions;
        SampleSize = sampleSize;
        HeightLimit = heightLimit;
        _nodes = nodes;
        _roots = roots;
    }

    /// <summary>Number of attributes of every row.</summary>
    public int Dimensions { get; }

    /// <summary>The sub-sample size actually used, n in s(x, n): min(psi, training rows).</summary>
    public int SampleSize { get; }

    /// <summary>ceil(log2 n): the depth at which a branch stops growing.</summary>
    public int HeightLimit { get; }

    /// <summary>Number of trees.</summary>
    public int Trees => _roots.Length;

    /// <summary>Total nodes over all trees (a size figure for tests and benchmarks).</summary>
    public int NodeCount => _nodes.Length;

    /// <summary>
    /// Grows the forest on <paramref name="rows"/> (at least two, all of one width, every value finite), drawing
    /// sub-samples and splits from <paramref name="random"/> only, so a seeded generator gives the same forest.
    /// </summary>
    public static IsolationForest Fit(IReadOnlyList<double[]> rows, IsolationForestOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        if (options.Trees < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "Trees must be at least 1");
        if (options.SubsampleSize < 2)
            throw new ArgumentOutOfRangeException(nameof(options), "SubsampleSize must be at least 2");
        if (rows.Count < 2)
            throw new ArgumentException("an isolation forest needs at least two rows", nameof(rows));
        var dimensions = rows[0].Length;
        if (dimensions == 0)
            throw new ArgumentException("rows must have at least one attribute", nameof(rows));
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != dimensions)
                throw new ArgumentException($"row {i} has {rows[i].Length} attributes, expected {dimensions}", nameof(rows));
            if (!rows[i].All(double.IsFinite))
                throw new ArgumentException($"row {i} has a NaN or infinite value", nameof(rows));
        }

        var sampleSize = Math.Min(options.SubsampleSize, rows.Count);
        var heightLimit = (int)Math.Ceiling(Math.Log2(sampleSize));
        var builder = new IsolationTreeBuilder(rows, dimensions, heightLimit, random);
        var all = Enumerable.Range(0, rows.Count).ToArray();
        var sample = new int[sampleSize];
        var roots = new int[options.Trees];
        for (var t = 0; t < options.Trees; t++)
        {
            // Partial Fisher-Yates: the first sampleSize entries become a uniform draw without replacement.
            for (var i = 0; i < sampleSize; i++)
            {
                var j = random.Next(i, all.Length);
                (all[i], all[j]) = (all[j], all[i]);
            }
            Array.Copy(all, sample, sampleSize);
            roots[t] = builder.Grow(sample);
        }
        return new IsolationForest(dimensions, sampleSize, heightLimit, builder.Nodes(), roots);
    }

    // One step down a tree; false at an external node.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Step(IsolationNode[] nodes, ReadOnlySpan<double> x, ref int node, ref int depth)
    {
        ref readonly var split = ref nodes[node];
        if (split.Feature < 0)
            return false;
        node = x[split.Feature] < split.Value ? node + 1 : split.Right;
        depth++;
        return true;
    }

    /// <summary>E[h(x)]: the path length of <paramref name="x"/> averaged over the trees.</summary>
    public double PathLength(ReadOnlySpan<double> x)
    {
        if (x.Length != Dimensions)
            throw new ArgumentException($"expected {Dimensions} attributes, got {x.Length}", nameof(x));
        var nodes = _nodes;
        var roots = _roots;
        var total = 0.0;
        // Four trees walked in lockstep: their node loads (mostly cache misses across a symbol's forest) overlap
        // instead of waiting on one another. Path lengths are still summed in tree order, so the total is the same.
        var t = 0;
        for (; t + 4 <= roots.Length; t += 4)
        {
            int a = roots[t], b = roots[t + 1], c = roots[t + 2], d = roots[t + 3];
            int da = 0, db = 0, dc = 0, dd = 0;
            // `|`, not `||`: every tree takes its step each round.
            while (Step(nodes, x, ref a, ref da) | Step(nodes, x, ref b, ref db) | Step(nodes, x, ref c, ref dc) | Step(nodes, x, ref d, ref dd))
            {
            }
            total += da + nodes[a].Value;
            total += db + nodes[b].Value;
            total += dc + nodes[c].Value;
            total += dd + nodes[d].Value;
        }
        for (; t < roots.Length; t++)
        {
            var node = roots[t];
            var depth = 0;
            while (Step(nodes, x, ref node, ref depth))
            {
            }
            total += depth + nodes[node].Value;
        }
        return total / _roots.Length;
    }

    /// <summary>s(x, n) = 2^(-E[h(x)] / c(n)) with n the sub-sample size; in (0, 1). Throws on NaN or infinite input.</summary>
    public double Score(ReadOnlySpan<double> x)
    {
        foreach (var v in x)
        {
            if (!double.IsFinite(v))
                throw new ArgumentException("attributes must be finite", nameof(x));
        }
        return AnomalyScore(PathLength(x), SampleSize);
    }

    /// <summary>H(i) = ln(i) + Euler's constant, the paper's estimate of the harmonic number.</summary>
    public static double Harmonic(int i) => Math.Log(i) + EulerGamma;

    /// <summary>
    /// c(n), the average path length of an unsuccessful search in a binary search tree of n nodes, which
    /// normalises h(x): c(n) = 2 H(n-1) - 2(n-1)/n for n &gt; 2. For n = 2 the formula with the estimated H(1) would
    /// give 2 x 0.5772 - 1 = 0.154 where one more split always isolates both rows, so c(2) = 1, and c(n) = 0 for
    /// n &lt;= 1, as in the authors' extended paper (Liu, Ting and Zhou 2012, "Isolation-Based Anomaly Detection").
    /// </summary>
    public static double AveragePathLength(int n) => n switch
    {
        <= 1 => 0,
        2 => 1,
        _ => (2 * Harmonic(n - 1)) - (2.0 * (n - 1) / n),
    };

    /// <summary>s = 2^(-meanPathLength / c(n)): 0.5 when E[h] = c(n), towards 1 as E[h] goes to 0, towards 0 as it grows.</summary>
    public static double AnomalyScore(double meanPathLength, int n)
    {
        if (n < 2)
            throw new ArgumentOutOfRangeException(nameof(n), "n must be at least 2");
        return Math.Pow(2, -meanPathLength / AveragePathLength(n));
    }
}
