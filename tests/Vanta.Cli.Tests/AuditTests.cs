using System.Text;
using Vanta.Cli.Embedded;

namespace Vanta.Cli.Tests;

public sealed class AuditTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    [Fact]
    public async Task Audit_verify_exits_non_zero_naming_the_first_edited_seq()
    {
        var home = CopyOfRunHome();
        try
        {
            var segment = Directory.GetFiles(HomeLayout.At(home).Journal, "*.jsonl").Order(StringComparer.Ordinal).First();
            var lines = File.ReadAllLines(segment);
            var target = Array.FindIndex(lines, l => l.Contains("\"type\":\"fill\"", StringComparison.Ordinal));
            var seq = target + 1;
            Assert.StartsWith($"{{\"seq\":{seq},", lines[target]);
            lines[target] = lines[target].Replace("\"side\":\"buy\"", "\"side\":\"sell\"", StringComparison.Ordinal);
            File.WriteAllLines(segment, lines);

            var result = await VantaRunner.InvokeAsync("audit", "verify", "--home", home);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"first bad seq {seq}", result.Error);
            var fast = await VantaRunner.InvokeAsync("audit", "verify", "--home", home, "--chain-only");
            Assert.Equal(1, fast.ExitCode);
            Assert.Contains($"first bad seq {seq}", fast.Error);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task A_torn_last_line_is_cut_with_a_warning_on_the_next_run_and_nothing_earlier_is_lost()
    {
        var home = CopyOfRunHome();
        try
        {
            var segment = Directory.GetFiles(HomeLayout.At(home).Journal, "*.jsonl").Order(StringComparer.Ordinal).Last();
            File.AppendAllText(segment, "{\"seq\":999999,\"prev\":\"00", Encoding.UTF8);

            var result = await VantaRunner.InvokeAsync("run", "--home", home, "--tape", RepoPaths.SampleTape);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("warning", result.Error, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(Path.GetFileName(segment), result.Error);
            Assert.Contains(run.Summary.JournalHead, result.Output);
            Assert.Equal(0, (await VantaRunner.InvokeAsync("audit", "verify", "--home", home)).ExitCode);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private string CopyOfRunHome()
    {
        var home = RepoPaths.NewTempDirectory("audit");
        RepoPaths.CopyDirectory(run.Home, home);
        return home;
    }
}
