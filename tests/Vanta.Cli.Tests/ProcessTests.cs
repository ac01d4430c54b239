using System.Diagnostics;

namespace Vanta.Cli.Tests;

/// <summary>Runs the built `vanta` binary in its own process, as a user would.</summary>
public sealed class ProcessTests
{
    [Fact]
    public void Vanta_run_then_audit_verify_from_the_command_line()
    {
        var home = RepoPaths.NewTempDirectory("process");
        try
        {
            var run = Vanta("run", "--home", home, "--tape", RepoPaths.SampleTape);
            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("journal head", run.Output);
            Assert.Contains("fills", run.Output);

            var verify = Vanta("audit", "verify", "--home", home);
            Assert.True(verify.ExitCode == 0, verify.Error);
            Assert.Contains("journal OK", verify.Output);

            var missing = Vanta("signals", "--home", Path.Combine(home, "nowhere"));
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("trade_signals.json", missing.Error);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static (int ExitCode, string Output, string Error) Vanta(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vanta.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "vanta did not finish within 2 minutes");
        return (process.ExitCode, output.Result, error.Result);
    }
}
