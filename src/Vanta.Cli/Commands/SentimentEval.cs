using System.CommandLine;
using Vanta.Cli.Embedded;
using Vanta.Markets.Models.Sentiment;

namespace Vanta.Cli.Commands;

/// <summary><c>vanta models eval sentiment --data FILE.csv</c>: accuracy and macro-F1 of the finance classifiers and of VADER.</summary>
public static class SentimentEval
{
    public static Command Create()
    {
        var home = VantaCommandLine.HomeOption();
        var data = new Option<string>("--data") { Description = "CSV of the labelled layout: text,label (0 bearish, 1 bullish, 2 neutral)", Required = true };
        var command = new Command("sentiment", "Accuracy, macro-F1 and confusion matrix of the trained classifiers and of VADER on a labelled CSV") { home, data };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(data)!;
            var error = parse.InvocationConfiguration.Error;
            if (!File.Exists(file))
            {
                error.WriteLine($"vanta models eval sentiment: {file} does not exist");
                return 2;
            }
            // The classifier is trained once from the shipped headlines and cached in the home.
            var classifier = FinanceSentimentCache.LoadOrTrain(HomeLayout.At(parse.GetValue(home)!).Models);
            using var encoder = MiniLmSentimentModel.LoadShipped();
            var ensemble = new SentimentEnsemble(classifier, encoder);
            var set = LabeledTextCsv.Read(file);
            var rows = set.Rows.Select(r => r.Text).ToList();
            // The ensemble is built from its members' predictions rather than asking them again.
            var classified = classifier.PredictMany(rows);
            var encoded = encoder.PredictMany(rows);
            var report = SentimentEvaluation.Evaluate(set, file, new VaderSentiment(),
                [(classifier.Id, classified), (encoder.Id, encoded), (ensemble.Id, ensemble.Combine(classified, encoded))]);
            var output = parse.InvocationConfiguration.Output;
            output.Write(report.Render());
            // Figures on rows a model learnt from flatter it: say how many there were.
            var shipped = LabeledTextCsv.ReadEmbeddedTrainingSet().Rows;
            foreach (var (model, trainedOn) in (ReadOnlySpan<(string, IEnumerable<LabeledText>)>)
                [(classifier.Id, shipped), (encoder.Id, SentimentHoldout.Default(shipped).Train), (ensemble.Id, shipped)])
            {
                var trained = trainedOn.Select(r => r.Text).ToHashSet(StringComparer.Ordinal);
                var seen = rows.Count(trained.Contains);
                if (seen > 0)
                    output.WriteLine($"note: {seen} of {report.RowsScored} rows are in the training data of {model}, so its figures above are optimistic; its held-out accuracy is in docs/performance.md");
            }
            return report.Rejected.IsEmpty ? 0 : 1;
        });
        return command;
    }
}
