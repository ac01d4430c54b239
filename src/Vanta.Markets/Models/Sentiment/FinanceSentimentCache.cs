using System.Globalization;

namespace Vanta.Markets.Models.Sentiment;

/// <summary>
/// Trains the finance classifier once per node and keeps it as an ML.NET zip in a models directory; later calls
/// load the file. The file name carries the model id and every training option, so a change of option trains anew.
/// </summary>
public static class FinanceSentimentCache
{
    /// <summary>
    /// Loads the cached model from <paramref name="modelsDirectory"/>, or trains it on the shipped labelled set
    /// (all of it) and saves it there atomically (temporary file, then rename).
    /// </summary>
    public static FinanceSentimentModel LoadOrTrain(string modelsDirectory, FinanceSentimentOptions? options = null) =>
        LoadOrTrain(modelsDirectory, options ?? new FinanceSentimentOptions(), () => LabeledTextCsv.ReadEmbeddedTrainingSet().Rows);

    internal static FinanceSentimentModel LoadOrTrain(
        string modelsDirectory,
        FinanceSentimentOptions options,
        Func<IReadOnlyCollection<LabeledText>> trainingRows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelsDirectory);
        var path = PathFor(modelsDirectory, options);
        if (File.Exists(path))
        {
            using var existing = File.OpenRead(path);
            return FinanceSentimentModel.Load(existing, options.Seed);
        }
        var model = FinanceSentimentModel.Train(trainingRows(), options);
        Directory.CreateDirectory(modelsDirectory);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            model.Save(stream);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        return model;
    }

    /// <summary>Where <see cref="LoadOrTrain(string, FinanceSentimentOptions?)"/> keeps the model trained with <paramref name="options"/>.</summary>
    public static string PathFor(string modelsDirectory, FinanceSentimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"{FinanceSentimentModel.ModelId}-s{options.Seed}-w{options.WordNgramLength}-c{options.CharNgramLength}-l2_{options.L2Regularization:R}-nb{options.NbWeight:R}_w{options.NbWordNgramLength}_c{options.NbCharNgramLength}_l{options.NbLambda:R}.zip");
        return Path.Combine(modelsDirectory, name);
    }
}
