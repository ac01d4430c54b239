using Vanta.Cli.Embedded;
using Vanta.Core.Envelopes;
using Vanta.Journal;

namespace Vanta.Cli.Tests;

/// <summary>`vanta run` honours the home's vault_overlay.json.</summary>
public sealed class OverlayRunTests
{
    [Fact]
    public async Task Maintenance_set_from_the_command_line_makes_the_run_take_no_new_risk_and_is_journaled()
    {
        var home = RepoPaths.NewTempDirectory("overlay");
        try
        {
            var set = await VantaRunner.InvokeAsync("vault", "overlay", "set", "--home", home, "maintenance=true");
            Assert.True(set.ExitCode == 0, set.Error);

            var summary = await VantaRunner.RunAsync(home);

            Assert.Equal(0, summary.Orders);
            Assert.Equal(100_000m, summary.FinalEquity);
            Assert.True(summary.Convictions > 0);
            // The vault, the overlay that switched maintenance on, the models and the paper costs the run used: each journaled once.
            var configs = JournalReader.ReadAll(HomeLayout.At(home).Journal).Where(r => r.Envelope.Is(EventKinds.Config))
                .Select(r => r.Envelope.Read(EventKinds.Config).Kind).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(["models", "paper", "vault", "vault_overlay"], configs);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task A_broken_overlay_stops_the_run_naming_the_field()
    {
        var home = RepoPaths.NewTempDirectory("badoverlay");
        try
        {
            Directory.CreateDirectory(Path.Combine(home, "memory"));
            File.WriteAllText(Path.Combine(home, "memory", "vault_overlay.json"), """{ "schema_version": 1, "flip": { "mode": "sideways" } }""");

            var result = await VantaRunner.InvokeAsync("run", "--home", home, "--tape", RepoPaths.SampleTape);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("flip.mode", result.Error);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
