using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;

namespace Vanta.Markets.Models.Direction;

/// <summary>
/// A trained LightGBM ensemble copied out of ML.NET into flat arrays, so scoring is allocation-light, thread-safe
/// and needs no prediction engine. Each prediction is split into per-feature contributions by following the
/// decision path (Saabas): at every split the feature tested gets the change in the expected output from the
/// node to the child taken, expected outputs being means over the training rows. The parts add up exactly to
/// the raw output minus the training mean.
/// </summary>
internal sealed class TreeEnsemblePredictor
{
    private readonly Tree[] _trees;
    private readonly double _bias;
    private readonly PlattCalibrator _calibrator;

    private TreeEnsemblePredictor(Tree[] trees, double bias, PlattCalibrator calibrator, int featureCount)
    {
        _trees = trees;
        _bias = bias;
        _calibrator = calibrator;
        FeatureCount = featureCount;
        BaseRaw = bias + trees.Sum(t => t.Weight * t.NodeValue[0]);
    }

    public int FeatureCount { get; }

    /// <summary>The raw output of an average training row: the start of every contribution path.</summary>
    public double BaseRaw { get; }

    public static TreeEnsemblePredictor From(
        RegressionTreeEnsemble ensemble, PlattCalibrator calibrator, int featureCount, IReadOnlyList<float[]> trainingRows)
    {
        var trees = new Tree[ensemble.Trees.Count];
        for (var i = 0; i < trees.Length; i++)
            trees[i] = Tree.From(ensemble.Trees[i], ensemble.TreeWeights[i], trainingRows);
        return new TreeEnsemblePredictor(trees, ensemble.Bias, calibrator, featureCount);
    }

    /// <summary>Raw output for <paramref name="x"/>; fills <paramref name="contributions"/> (raw units) when it is not empty.</summary>
    public double Raw(ReadOnlySpan<float> x, Span<double> contributions)
    {
        contributions.Clear();
        var raw = _bias;
        foreach (var tree in _trees)
            raw += tree.Weight * tree.Walk(x, contributions);
        return raw;
    }

    public double Probability(double raw) => _calibrator.PredictProbability((float)raw);

    /// <summary>d(2P − 1)/d(raw) at probability <paramref name="p"/>, for P = 1 / (1 + exp(slope·raw + offset)).</summary>
    public double ScoreSlope(double p) => -2 * _calibrator.Slope * p * (1 - p);

    private sealed class Tree
    {
        public required int[] Left { get; init; }
        public required int[] Right { get; init; }
        public required int[] Feature { get; init; }
        public required float[] Threshold { get; init; }
        public required double[] Leaf { get; init; }

        /// <summary>Expected output at each internal node; a single-leaf tree has one entry, its leaf.</summary>
        public required double[] NodeValue { get; init; }

        public required double Weight { get; init; }

        public static Tree From(RegressionTree tree, double weight, IReadOnlyList<float[]> rows)
        {
            if (tree.CategoricalSplitFlags.Any(f => f))
                throw new InvalidOperationException("categorical splits are not used by the direction model");
            var t = new Tree
            {
                Left = [.. tree.LeftChild],
                Right = [.. tree.RightChild],
                Feature = [.. tree.NumericalSplitFeatureIndexes],
                Threshold = [.. tree.NumericalSplitThresholds],
                Leaf = [.. tree.LeafValues],
                NodeValue = new double[Math.Max(1, tree.NumberOfNodes)],
                Weight = weight,
            };
            t.FillNodeValues(rows);
            return t;
        }

        /// <summary>Output of the leaf <paramref name="x"/> reaches; adds weighted path contributions.</summary>
        public double Walk(ReadOnlySpan<float> x, Span<double> contributions)
        {
            if (Feature.Length == 0)
                return Leaf[0];
            var node = 0;
            while (true)
            {
                var child = x[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
                var childValue = child < 0 ? Leaf[~child] : NodeValue[child];
                if (!contributions.IsEmpty)
                    contributions[Feature[node]] += Weight * (childValue - NodeValue[node]);
                if (child < 0)
                    return childValue;
                node = child;
            }
        }

        private void FillNodeValues(IReadOnlyList<float[]> rows)
        {
            if (Feature.Length == 0)
            {
                NodeValue[0] = Leaf[0];
                return;
            }
            var sums = new double[Feature.Length];
            var counts = new int[Feature.Length];
            // One path buffer for every row: a path visits at most every internal node once.
            Span<int> path = stackalloc int[Feature.Length];
            foreach (var row in rows)
            {
                var length = 0;
                var node = 0;
                while (node >= 0)
                {
                    path[length++] = node;
                    node = row[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
                }
                var leaf = Leaf[~node];
                foreach (var visited in path[..length])
                {
                    sums[visited] += leaf;
                    counts[visited]++;
                }
            }
            Fill(0, sums, counts);
        }

        // A node no training row reached (possible after binning) takes the mean of its children.
        private double Fill(int node, double[] sums, int[] counts)
        {
            if (node < 0)
                return Leaf[~node];
            var left = Fill(Left[node], sums, counts);
            var right = Fill(Right[node], sums, counts);
            NodeValue[node] = counts[node] > 0 ? sums[node] / counts[node] : (left + right) / 2;
            return NodeValue[node];
        }
    }
}
