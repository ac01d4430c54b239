using System.CommandLine;
using System.Diagnostics;
using Spectre.Console;
using Vanta.Cli.Embedded;
using Vanta.Cli.Rendering;

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
        var command = new Command("run", "Run Markets, Alpha and Executor in one process on a tape, offline") { home, tape };
        command.SetAction((parse, ct) => ExecuteAsync(
            HomeLayout.At(parse.GetValue(home)!), parse.GetValue(tape) ?? DefaultTape(),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    public static async Task<int> ExecuteAsync(HomeLayout home, string tape, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var console = Consoles.For(output);
        var started = Stopwatch.GetTimestamp();
        var request = new RunRequest(home, tape);
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
        output.WriteLine($"home: {home.Root}");
        return 0;
    }

    private static IEnumerable<string> Ancestors(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
            yield return dir.FullName;
    }
}
