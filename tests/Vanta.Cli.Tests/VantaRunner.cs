using Vanta.Cli.Commands;
using Vanta.Cli.Embedded;

namespace Vanta.Cli.Tests;

/// <summary>Runs `vanta` commands in-process through the real command line, capturing output.</summary>
internal static class VantaRunner
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    public static async Task<Outcome> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = VantaCommandLine.Build().Parse(args);
        var exit = await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return new Outcome(exit, output.ToString(), error.ToString());
    }

    public static async Task<RunSummary> RunAsync(string home, string? tape = null)
    {
        var request = new RunRequest(HomeLayout.At(home), tape ?? RepoPaths.SampleTape, RunRequest.DefaultCosts);
        var result = await EmbeddedRun.ExecuteAsync(request, null, _ => { });
        Assert.True(result.Summary is not null, result.Error);
        return result.Summary!;
    }
}
