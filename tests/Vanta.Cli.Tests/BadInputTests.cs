using Vanta.Cli.Commands;
using Vanta.Cli.Embedded;
using Vanta.Core.Domain;
using Vanta.Markets.Collectors.SecForm4;

namespace Vanta.Cli.Tests;

public sealed class BadInputTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    [Fact]
    public async Task Invalid_vault_json_is_an_error_naming_the_field()
    {
        var home = RepoPaths.NewTempDirectory("badvault");
        try
        {
            Directory.CreateDirectory(Path.Combine(home, "memory"));
            var valid = File.ReadAllText(Path.Combine(run.Layout.Memory, "vault.json"));
            File.WriteAllText(Path.Combine(home, "memory", "vault.json"), valid.Replace("\"max_weight_per_symbol\": 0.2", "\"max_weight_per_symbol\": 1.5"));

            var result = await VantaRunner.InvokeAsync("run", "--home", home, "--tape", RepoPaths.SampleTape);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("vaults[0].allocation.max_weight_per_symbol", result.Error);
            Assert.False(Directory.Exists(Path.Combine(home, "logs", "journal")) && Directory.EnumerateFiles(Path.Combine(home, "logs", "journal")).Any(f => new FileInfo(f).Length > 0));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task Invalid_models_json_is_an_error_naming_the_field()
    {
        var home = RepoPaths.NewTempDirectory("badmodels");
        try
        {
            Directory.CreateDirectory(Path.Combine(home, "memory"));
            File.WriteAllText(Path.Combine(home, "memory", "models.json"),
                Vanta.Markets.Reflection.ModelsConfigLoader.DefaultJson.Replace("\"learning_rate\": 0.3", "\"learning_rate\": 0", StringComparison.Ordinal));

            var result = await VantaRunner.InvokeAsync("run", "--home", home, "--tape", RepoPaths.SampleTape);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("stacker.learning_rate", result.Error);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task Vault_json_that_is_not_json_names_the_file_and_position()
    {
        var home = RepoPaths.NewTempDirectory("notjson");
        try
        {
            Directory.CreateDirectory(Path.Combine(home, "memory"));
            File.WriteAllText(Path.Combine(home, "memory", "vault.json"), "{ \"schema_version\": 1,\n  \"vaults\": [ oops ] }");
            var result = await VantaRunner.InvokeAsync("run", "--home", home, "--tape", RepoPaths.SampleTape);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("vault.json", result.Error);
            Assert.Contains("line 2", result.Error);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task Malformed_tape_documents_are_quarantined_counted_and_nothing_else_lost()
    {
        var root = RepoPaths.NewTempDirectory("badtape");
        try
        {
            var tape = Path.Combine(root, "tape");
            RepoPaths.CopyDirectory(RepoPaths.SampleTape, tape);
            var bars = Path.Combine(tape, "lean", "daily", "IBM.csv");
            var lines = File.ReadAllLines(bars);
            lines[10] = "2016-01-15,not-a-price,1,1,1,100";
            File.WriteAllLines(bars, lines);
            var form4 = Directory.GetFiles(Path.Combine(tape, "sec", "form4"), "*.xml").Order(StringComparer.Ordinal).First();
            var form4Rows = new Form4Parser().Parse(RawDocument.Of("sec-form4", form4, "application/xml", default, File.ReadAllBytes(form4))).Observations.Length;
            File.WriteAllText(form4, "<ownershipDocument><issuer>truncated");

            var summary = await VantaRunner.RunAsync(Path.Combine(root, "home"), tape);

            Assert.Equal(2, summary.Quarantined);
            // Exactly the bad bar and the broken filing's transactions are missing; every other observation is there.
            Assert.True(form4Rows > 0);
            Assert.Equal(run.Summary.Observations - 1 - form4Rows, summary.Observations);
            var log = File.ReadAllLines(HomeLayout.At(Path.Combine(root, "home")).QuarantineLog);
            Assert.Equal(2, log.Length);
            Assert.Contains(log, l => l.Contains("IBM.csv:11", StringComparison.Ordinal));
            Assert.Contains(log, l => l.Contains(Path.GetFileName(form4), StringComparison.Ordinal));
            Assert.Equal(0, AuditCommand.Verify(HomeLayout.At(Path.Combine(root, "home")), TextWriter.Null, TextWriter.Null));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
