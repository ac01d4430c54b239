using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using Vanta.Cli.Embedded;
using Vanta.Cli.Rendering;
using Vanta.Executor.Brokers.Paper;

namespace Vanta.Cli.Commands;

/// <summary><c>vanta run</c>: the three roles in one process on a tape, offline.</summary>
public static class RunCommand
{
    /// <summary>The bundled sample tape: next to the binary when published, else found from the working directory.</summary>
    public static string DefaultTape() =>
        new[] { Path.Combine(AppContext.BaseDirectory, "samples", "tape"), Path.Combine("samples", "tape") }
            .Concat(Ancestors(Directory.GetCurrentDirectory()).Select(d => Path.Combine(d, "samples", "tape")))
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "tape.json")))
        ?? Path.Combine("samples", "tape");

    public static Command Create()
    {
        var home = VantaCommandLine.HomeOption();
        var tape = new Option<string>("--tape") { Description = "Tape directory (with tape.json). Default: the bundled samples/tape" };
        var costs = RunRequest.DefaultCosts;
        var slippage = new Option<decimal>("--slippage-bps") { Description = "Paper fills: slippage in basis points", DefaultValueFactory = _ => costs.SlippageBps };
        var perShare = new Option<decimal>("--fee-per-share") { Description = "Paper fills: fee per share", DefaultValueFactory = _ => costs.FeePerShare };
        var minFee = new Option<decimal>("--min-fee") { Description = "Paper fills: minimum fee per order", DefaultValueFactory = _ => costs.MinimumFeePerOrder };
        var feeBps = new Option<decimal>("--fee-bps") { Description = "Paper fills: fee in basis points of notional", DefaultValueFactory = _ => costs.FeeBps };
        var feeModel = new Option<string?>("--fee-model")
        {
            Description = "Paper fees as a venue charges them instead of the flat costs: ibkr (per share, $1 minimum, 1% cap), alpaca (no commission; SEC fee and FINRA TAF on sells), coinbase or bybit (maker/taker bps)",
        };
        feeModel.AcceptOnlyFromAmong("ibkr", "alpaca", "coinbase", "bybit");
        var participation = new Option<decimal?>("--participation")
        {
            Description = "Paper fills: largest share of a bar's volume the venue fills per symbol (0.1 = 10%); the rest rests. Default: unlimited",
        };
        var lake = new Option<bool>("--lake") { Description = "Also write every decision point's features to Parquet under lake/features/" };
        var command = new Command("run", "Run Markets, Alpha and Executor in one process on a tape, offline")
        {
            home, tape, slippage, perShare, minFee, feeBps, feeModel, participation, lake,
        };
        command.SetAction((parse, ct) =>
        {
            var paper = new PaperBrokerOptions(parse.GetValue(slippage), parse.GetValue(perShare), parse.GetValue(minFee), parse.GetValue(feeBps),
                parse.GetValue(participation));
            if (paper.SlippageBps < 0m || paper.FeePerShare < 0m || paper.MinimumFeePerOrder < 0m || paper.FeeBps < 0m)
            {
                parse.InvocationConfiguration.Error.WriteLine("vanta run: paper costs (--slippage-bps, --fee-per-share, --min-fee, --fee-bps) must not be negative");
                return Task.FromResult(2);
            }
            if (paper.VolumeParticipation is < 0m or > 1m)
            {
                parse.InvocationConfiguration.Error.WriteLine($"vanta run: --participation must be between 0 and 1 (was {paper.VolumeParticipation})");
                return Task.FromResult(2);
            }
            if (parse.GetValue(feeModel) is { } venue)
            {
                // A venue's fee model replaces the flat costs.
                paper = paper with { FeePerShare = 0m, MinimumFeePerOrder = 0m, FeeBps = 0m, FeeModel = PaperCosts.FeeModels[venue] };
            }
            var request = new RunRequest(HomeLayout.At(parse.GetValue(home)!), parse.GetValue(tape) ?? DefaultTape(), paper) { WriteLake = parse.GetValue(lake) };
            return ExecuteAsync(request, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct);
        });
        return command;
    }

    public static async Task<int> ExecuteAsync(RunRequest request, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var console = Consoles.For(output);
        var started = Stopwatch.GetTimestamp();
        void Warn(string message) => error.WriteLine($"warning: {message}");

        RunResult result;
        if (console.Profile.Capabilities.Interactive)
        {
            result = await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("replaying tape", maxValue: 1);
                    return await EmbeddedRun.ExecuteAsync(request, (done, total) =>
                    {
                        task.MaxValue = total;
                        task.Value = done;
                    }, Warn, ct);
                });
        }
        else
        {
            result = await EmbeddedRun.ExecuteAsync(request, null, Warn, ct);
        }

        if (result.Summary is not { } summary)
        {
            error.WriteLine($"vanta run: {result.Error}");
            return result.ExitCode;
        }
        console.Write(SummaryTable.Build(summary, Stopwatch.GetElapsedTime(started)));
        output.WriteLine($"home: {request.Home.Root}");
        return 0;
    }

    private static IEnumerable<string> Ancestors(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
            yield return dir.FullName;
    }
}
