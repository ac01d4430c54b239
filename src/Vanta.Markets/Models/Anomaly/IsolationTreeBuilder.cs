namespace Vanta.Markets.Models.Anomaly;

/// <summary>
/// One node of an isolation tree: a split (attribute <see cref="Feature"/> &gt;= 0, value, right child; the left
/// child is the next node) or, with <see cref="Feature"/> = -1, an external node whose value is c(size).
/// </summary>
internal readonly record struct IsolationNode(int Feature, double Value, int Right);

/// <summary>Grows isolation trees into flat pre-order arrays shared by the whole forest.</summary>
internal sealed class IsolationTreeBuilder(IReadOnlyList<double[]> rows, int dimensions, int heightLimit, Random random)
{
    private readonly List<IsolationNode> _nodes = [];
    private readonly double[] _min = new double[dimensions];
    private readonly double[] _max = new double[dimensions];
    private readonly int[] _candidates = new int[dimensions];

    /// <summary>Grows one tree over the rows named by <paramref name="sample"/> (reordered in place); returns its root.</summary>
    public int Grow(int[] sample) => Grow(sample.AsSpan(), 0);

    public IsolationNode[] Nodes() => [.. _nodes];

    private int Grow(Span<int> rowsHere, int depth)
    {
        var node = _nodes.Count;
        if (depth >= heightLimit || rowsHere.Length <= 1)
            return Leaf(rowsHere.Length);

        var candidates = NonConstantAttributes(rowsHere);
        if (candidates == 0)
            return Leaf(rowsHere.Length);

        var q = _candidates[random.Next(candidates)];
        var p = _min[q] + (random.NextDouble() * (_max[q] - _min[q]));

        // Partition: rows with x[q] < p go left (to the front).
        var split = 0;
        for (var i = 0; i < rowsHere.Length; i++)
        {
            if (rows[rowsHere[i]][q] < p)
            {
                (rowsHere[i], rowsHere[split]) = (rowsHere[split], rowsHere[i]);
                split++;
            }
        }

        _nodes.Add(new IsolationNode(q, p, -1));
        Grow(rowsHere[..split], depth + 1);
        _nodes[node] = _nodes[node] with { Right = Grow(rowsHere[split..], depth + 1) };
        return node;
    }

    private int Leaf(int size)
    {
        _nodes.Add(new IsolationNode(-1, IsolationForest.AveragePathLength(size), -1));
        return _nodes.Count - 1;
    }

    private int NonConstantAttributes(ReadOnlySpan<int> rowsHere)
    {
        var first = rows[rowsHere[0]];
        first.CopyTo(_min, 0);
        first.CopyTo(_max, 0);
        for (var i = 1; i < rowsHere.Length; i++)
        {
            var row = rows[rowsHere[i]];
            for (var d = 0; d < dimensions; d++)
            {
                var v = row[d];
                if (v < _min[d])
                    _min[d] = v;
                else if (v > _max[d])
                    _max[d] = v;
            }
        }
        var count = 0;
        for (var d = 0; d < dimensions; d++)
        {
            if (_max[d] > _min[d])
                _candidates[count++] = d;
        }
        return count;
    }
}
