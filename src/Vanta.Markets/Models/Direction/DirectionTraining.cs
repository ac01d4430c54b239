using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace Vanta.Markets.Models.Direction;

/// <summary>
/// Fits the LightGBM binary classifier with ML.NET: seeded context, one thread, deterministic and row-wise
/// LightGBM, so the same examples always give the same trees.
/// </summary>
internal static class DirectionTraining
{
    public static DirectionFit Fit(IReadOnlyList<LabelledExample> examples, DirectionOptions options, DateTimeOffset asOf)
    {
        var ml = new MLContext(seed: options.Seed);
        var rows = examples.Select(e => new TrainingRow { Label = e.Up, Features = [.. e.Features] }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows, Schema(options.Features.Length));
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(TrainingRow.Label),
            FeatureColumnName = nameof(TrainingRow.Features),
            NumberOfLeaves = options.NumberOfLeaves,
            NumberOfIterations = options.NumberOfIterations,
            MinimumExampleCountPerLeaf = options.MinimumExampleCountPerLeaf,
            LearningRate = options.LearningRate,
            Seed = options.Seed,
            NumberOfThreads = 1,
            Deterministic = true,
            ForceRowWise = true,
            Silent = true,
        });
        var transformer = trainer.Fit(data);
        var predictor = TreeEnsemblePredictor.From(
            transformer.Model.SubModel.TrainedTreeEnsemble,
            transformer.Model.Calibrator,
            options.Features.Length,
            rows.Select(r => r.Features).ToList());
        return new DirectionFit(predictor, transformer, asOf, examples.Count);
    }

    /// <summary>The schema with the feature vector's length fixed, as LightGBM needs it.</summary>
    internal static SchemaDefinition Schema(int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        schema[nameof(TrainingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    /// <summary>One ML.NET input row.</summary>
    internal sealed class TrainingRow
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}

/// <summary>A trained direction model: the flat predictor used for scoring and the ML.NET model it came from.</summary>
/// <param name="AsOf">Time of the last bar the training examples could see.</param>
internal sealed record DirectionFit(TreeEnsemblePredictor Predictor, ITransformer MlModel, DateTimeOffset AsOf, int ExampleCount);
