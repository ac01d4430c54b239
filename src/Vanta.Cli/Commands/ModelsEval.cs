using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vanta.Cli.Rendering;
using Vanta.Markets.Reflection.Evaluation;

namespace Vanta.Cli.Commands;

/// <summary><c>vanta models eval</c>: honest, walk-forward figures a user can reproduce.</summary>
public static class ModelsEval
{
    public static Command Create()
    {
        var eval = new Command("eval", "Evaluate models on data they were not trained on");
        eval.Subcommands.Add(Conviction());
        eval.Subcommands.Add(SentimentEval.Create());
        return eval;
    }

    private static Command Conviction()
    {
        var bars = new Option<string>("--bars") { Description = "Folder of daily bar CSVs (LEAN daily with factor_files/, or any bars-csv layout)", Required = true };
        var from = new Option<string>("--from") { Description = "First date judged (yyyy-mm-dd); earlier bars only warm the models up", Required = true };
        var to = new Option<string>("--to") { Description = "Last date judged (yyyy-mm-dd)", Required = true };
        var horizon = new Option<int>("--horizon") { Description = "Forward return horizon in bars", DefaultValueFactory = _ => 5 };
        var top = new Option<int>("--top") { Description = "K of Precision@K", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random baseline", DefaultValueFactory = _ => 7 };
        var command = new Command("conviction", "Walk-forward Precision@K and rank IC per model, for the stack, and for random and 20-day momentum baselines")
        {
            bars, from, to, horizon, top, seed,
        };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!DateOnly.TryParseExact(parse.GetValue(from), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
                || !DateOnly.TryParseExact(parse.GetValue(to), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last) || last < first)
            {
                error.WriteLine("vanta models eval conviction: --from and --to must be dates yyyy-mm-dd with --from <= --to");
                return 2;
            }
            var dir = parse.GetValue(bars)!;
            if (!Directory.Exists(dir))
            {
                error.WriteLine($"vanta models eval conviction: {dir} is not a folder");
                return 2;
            }
            var (loaded, quarantined) = BarDirectory.Load(dir, default);
            foreach (var entry in quarantined)
                error.WriteLine($"skipped {entry.Location}: {entry.Reason}");
            if (loaded.IsEmpty)
            {
                error.WriteLine($"vanta models eval conviction: no bars in {dir}");
                return 2;
            }
            var report = ConvictionEvaluation.Run(loaded, first, last, parse.GetValue(horizon), parse.GetValue(top), parse.GetValue(seed));
            Consoles.For(parse.InvocationConfiguration.Output).Write(Render(report));
            return 0;
        });
        return command;
    }

    private static Table Render(EvaluationReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(
            $"walk-forward {report.From:yyyy-MM-dd}..{report.To:yyyy-MM-dd}, {report.Symbols} symbols, {report.Horizon}-bar horizon"));
        table.AddColumn("predictor");
        table.AddColumn(new TableColumn("dates").RightAligned());
        table.AddColumn(new TableColumn("predictions").RightAligned());
        table.AddColumn(new TableColumn($"precision@{report.TopK}").RightAligned());
        table.AddColumn(new TableColumn("rank IC").RightAligned());
        foreach (var p in report.Predictors)
        {
            table.AddRow(Markup.Escape(p.Name), p.Dates.ToString(CultureInfo.InvariantCulture), p.Predictions.ToString(CultureInfo.InvariantCulture),
                p.PrecisionAtK.ToString("0.0000", CultureInfo.InvariantCulture), p.RankIc.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture));
        }
        return table;
    }
}
