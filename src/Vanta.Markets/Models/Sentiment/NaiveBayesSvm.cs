using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>
/// NB-SVM (Wang and Manning 2012, "Baselines and Bigrams"): for each class, one-vs-rest, the binarised n-gram
/// indicators are scaled by the naive Bayes log-count ratio r = log((p / |p|1) / (q / |q|1)) (add-one smoothed
/// counts in the class and in the rest), and an ML.NET linear SVM (Pegasos, seeded) is trained on the scaled rows.
/// The scaling is folded into the weights afterwards (w ∘ r), so scoring is one sparse dot product per class.
/// The margins are squashed by a sigmoid and normalised; they are scores to mix and rank, not calibrated probabilities.
/// </summary>
internal sealed class NaiveBayesSvm
{
    private const int Classes = 3;
    private const double Smoothing = 1.0;
    private const int FormatVersion = 1;
    private const int SvmIterations = 20;

    private readonly float[][] _weights;
    private readonly float[] _bias;

    private NaiveBayesSvm(float[][] weights, float[] bias)
    {
        _weights = weights;
        _bias = bias;
    }

    /// <summary>The length of the feature vectors the model scores.</summary>
    public int Dimension => _weights[0].Length;

    /// <summary>Trains on n-gram count vectors of length <paramref name="dimension"/>; labels are <see cref="SentimentLabel"/> values.</summary>
    public static NaiveBayesSvm Train(
        MLContext ml, IReadOnlyList<VBuffer<float>> features, IReadOnlyList<int> labels, int dimension, float lambda)
    {
        var weights = new float[Classes][];
        var bias = new float[Classes];
        for (var c = 0; c < Classes; c++)
        {
            var ratio = LogCountRatio(features, labels, dimension, c);
            var rows = features.Select((row, i) => new BinaryRow { Label = labels[i] == c, Features = Scale(row, ratio) });
            var schema = SchemaDefinition.Create(typeof(BinaryRow));
            schema[nameof(BinaryRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
            var trainer = ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options
            {
                Lambda = lambda,
                NumberOfIterations = SvmIterations,
            });
            var linear = trainer.Fit(ml.Data.LoadFromEnumerable(rows, schema)).Model;
            var folded = new float[dimension];
            var w = linear.Weights;
            for (var j = 0; j < dimension; j++)
                folded[j] = w[j] * ratio[j];
            weights[c] = folded;
            bias[c] = linear.Bias;
        }
        return new NaiveBayesSvm(weights, bias);
    }

    /// <summary>A score per class: the one-vs-rest margins through a sigmoid, normalised to sum to 1.</summary>
    public double[] Predict(in VBuffer<float> features)
    {
        var probabilities = new double[Classes];
        var values = features.GetValues();
        var indices = features.GetIndices();
        for (var c = 0; c < Classes; c++)
        {
            double margin = _bias[c];
            var weights = _weights[c];
            for (var k = 0; k < values.Length; k++)
            {
                if (values[k] > 0)
                    margin += weights[features.IsDense ? k : indices[k]];
            }
            probabilities[c] = 1 / (1 + Math.Exp(-margin));
        }
        var sum = probabilities.Sum();
        for (var c = 0; c < Classes; c++)
            probabilities[c] /= sum;
        return probabilities;
    }

    public void Write(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(FormatVersion);
        writer.Write(Dimension);
        for (var c = 0; c < Classes; c++)
        {
            writer.Write(_bias[c]);
            foreach (var weight in _weights[c])
                writer.Write(weight);
        }
    }

    public static NaiveBayesSvm Read(Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var version = reader.ReadInt32();
        if (version != FormatVersion)
            throw new InvalidDataException($"NB-SVM weights: format version {version}, expected {FormatVersion}");
        var dimension = reader.ReadInt32();
        var weights = new float[Classes][];
        var bias = new float[Classes];
        for (var c = 0; c < Classes; c++)
        {
            bias[c] = reader.ReadSingle();
            weights[c] = new float[dimension];
            for (var j = 0; j < dimension; j++)
                weights[c][j] = reader.ReadSingle();
        }
        return new NaiveBayesSvm(weights, bias);
    }

    private static float[] LogCountRatio(IReadOnlyList<VBuffer<float>> features, IReadOnlyList<int> labels, int dimension, int positive)
    {
        var inClass = new double[dimension];
        var rest = new double[dimension];
        Array.Fill(inClass, Smoothing);
        Array.Fill(rest, Smoothing);
        for (var i = 0; i < features.Count; i++)
        {
            var counts = labels[i] == positive ? inClass : rest;
            var row = features[i];
            var values = row.GetValues();
            var indices = row.GetIndices();
            for (var k = 0; k < values.Length; k++)
            {
                if (values[k] > 0)
                    counts[row.IsDense ? k : indices[k]] += 1;
            }
        }
        double inTotal = inClass.Sum(), restTotal = rest.Sum();
        var ratio = new float[dimension];
        for (var j = 0; j < dimension; j++)
            ratio[j] = (float)Math.Log(inClass[j] / inTotal / (rest[j] / restTotal));
        return ratio;
    }

    // Binarised (1 where the n-gram occurs) and scaled by the ratio; zeros stay implicit.
    private static VBuffer<float> Scale(in VBuffer<float> row, float[] ratio)
    {
        var values = row.GetValues();
        var indices = row.GetIndices();
        var outIndices = new List<int>(values.Length);
        var outValues = new List<float>(values.Length);
        for (var k = 0; k < values.Length; k++)
        {
            if (values[k] <= 0)
                continue;
            var j = row.IsDense ? k : indices[k];
            outIndices.Add(j);
            outValues.Add(ratio[j]);
        }
        return new VBuffer<float>(row.Length, outValues.Count, [.. outValues], [.. outIndices]);
    }

    private sealed class BinaryRow
    {
        public bool Label { get; set; }

        public VBuffer<float> Features { get; set; }
    }
}
