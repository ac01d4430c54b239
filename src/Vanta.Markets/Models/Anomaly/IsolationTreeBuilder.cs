using System.Runtime.InteropServices;

namespace Vanta.Markets.Models.Anomaly;

/// <summary>
/// One node of an isolation tree: a split (attribute <see cref="Feature"/> &gt;= 0, value, right child; the left
/// child is the next node) or, with <see cref="Feature"/> = -1, an external node whose value is c(size).
/// Auto layout packs it in 16 bytes instead of 24: scoring walks a hundred trees per row, mostly cache misses.
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct IsolationNode(int Feature, double Value, int Right);

/// <summary>Grows isolation trees into flat pre-order arrays shared by the whole forest.</summary>
internal sealed class IsolationTreeBuilder(IReadOnlyList<double[]> rows, int dimensions, int heightLimit, Random random)
{
    private readonly List<IsolationNode> _nodes = [];

    // The rows laid out flat (row r's attribute d at r * dimensions + d): the partition and min/max scans read it often.
    private readonly double[] _flat = Flatten(rows, dimensions);

    // c(size) for every size a node can hold, computed once instead of at every external node.
    private readonly double[] _pathLength = [.. Enumerable.Range(0, rows.Count + 1).Select(IsolationForest.AveragePathLength)];
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
            if (_flat[(rowsHere[i] * dimensions) + q] < p)
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
        _nodes.Add(new IsolationNode(-1, _pathLength[size], -1));
        return _nodes.Count - 1;
    }

    private int NonConstantAttributes(ReadOnlySpan<int> rowsHere)
    {
        var first = _flat.AsSpan(rowsHere[0] * dimensions, dimensions);
        first.CopyTo(_min);
        first.CopyTo(_max);
        for (var i = 1; i < rowsHere.Length; i++)
        {
            var row = _flat.AsSpan(rowsHere[i] * dimensions, dimensions);
            for (var d = 0; d < row.Length; d++)
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

    private static double[] Flatten(IReadOnlyList<double[]> rows, int dimensions)
    {
        var flat = new double[rows.Count * dimensions];
        for (var r = 0; r < rows.Count; r++)
            rows[r].CopyTo(flat, r * dimensions);
        return flat;
    }
}
