using System.CommandLine;
using Vanta.Markets.Models.Anomaly;

namespace Vanta.Cli.Commands;

/// <summary><c>vanta models</c>: evaluate and inspect the model layer.</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var models = new Command("models", "Evaluate the models and look at data before trusting a model on it");
        models.Subcommands.Add(Anomaly());
        models.Subcommands.Add(ModelsEval.Create());
        return models;
    }

    private static Command Anomaly()
    {
        var method = new Option<string>("--method") { Description = "zscore, iforest or bocpd", Required = true };
        var data = new Option<string>("--data") { Description = "CSV file with a header row", Required = true };
        var columns = new Option<string?>("--columns") { Description = "Comma-separated numeric columns (default: every numeric column)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the Isolation Forest's sampling", DefaultValueFactory = _ => 1 };
        var command = new Command("anomaly", "Score each row of a CSV: zscore (largest |z|), iforest (s(x, n) in (0, 1)) or bocpd (run length, change-point probability)")
        {
            method, data, columns, seed,
        };
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!AnomalyOptions.TryParseMethod(parse.GetValue(method), out var parsed))
            {
                error.WriteLine($"vanta models anomaly: --method must be zscore, iforest or bocpd (was '{parse.GetValue(method)}')");
                return 2;
            }
            var file = parse.GetValue(data)!;
            if (!File.Exists(file))
            {
                error.WriteLine($"vanta models anomaly: {file} does not exist");
                return 2;
            }
            var options = new AnomalyOptions
            {
                Method = parsed,
                Seed = parse.GetValue(seed),
                Columns = parse.GetValue(columns) is { Length: > 0 } list ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null,
            };
            using var reader = new StreamReader(file);
            return AnomalyCsvTool.Run(reader, options, parse.InvocationConfiguration.Output, error);
        });
        return command;
    }
}
