using System.CommandLine;
using Vanta.Cli.Embedded;
using Vanta.Markets.Models.Sentiment;

namespace Vanta.Cli.Commands;

/// <summary><c>vanta models eval sentiment --data FILE.csv</c>: accuracy and macro-F1 of the finance classifier and of VADER.</summary>
public static class SentimentEval
{
    public static Command Create()
    {
        var home = VantaCommandLine.HomeOption();
        var data = new Option<string>("--data") { Description = "CSV of the labelled layout: text,label (0 bearish, 1 bullish, 2 neutral)", Required = true };
        var command = new Command("sentiment", "Accuracy, macro-F1 and confusion matrix of the trained classifier and of VADER on a labelled CSV") { home, data };
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
            var report = SentimentEvaluation.EvaluateFile(file, classifier, new VaderSentiment());
            var output = parse.InvocationConfiguration.Output;
            output.Write(report.Render());
            // Figures on rows the classifier learnt from flatter it: say how many there were.
            var trained = LabeledTextCsv.ReadEmbeddedTrainingSet().Rows.Select(r => r.Text).ToHashSet(StringComparer.Ordinal);
            var seen = LabeledTextCsv.Read(file).Rows.Count(r => trained.Contains(r.Text));
            if (seen > 0)
                output.WriteLine($"note: {seen} of {report.RowsScored} rows are in the classifier's training data, so its figures above are optimistic; its held-out accuracy is in docs/performance.md");
            return report.Rejected.IsEmpty ? 0 : 1;
        });
        return command;
    }
}
