using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vanta.Cli.Tests;

/// <summary><c>vanta audit export</c> and <c>verify-bundle</c> on the sample run's journal, as a user and an auditor would.</summary>
public sealed partial class AuditBundleTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>, IDisposable
{
    private readonly string work = RepoPaths.NewTempDirectory("bundle");

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public async Task A_month_exported_from_the_sample_run_verifies_and_ships_the_vault_config_its_intents_used()
    {
        var bundle = await ExportAsync("2017-01-01", "2017-02-01");

        var verify = await VantaRunner.InvokeAsync("audit", "verify-bundle", bundle);
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Contains("bundle OK", verify.Output);
        Assert.Contains(run.Summary.JournalHead, verify.Output);

        using var zip = ZipFile.OpenRead(bundle);
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var configs = manifest.RootElement.GetProperty("configs").EnumerateArray().ToList();
        var vault = Assert.Single(configs, c => c.GetProperty("kind").GetString() == "vault");
        var records = ReadEntry(zip, "records.jsonl");
        // Every intent in the bundle names the shipped vault version.
        var intents = records.Split('\n').Where(l => l.Contains("\"type\":\"allocation_intent\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(intents);
        Assert.All(intents, l => Assert.Contains($"\"config_version\":\"{vault.GetProperty("version").GetString()}\"", l));
    }

    [Fact]
    public async Task The_records_are_the_journal_lines_of_their_seq_range_byte_for_byte()
    {
        var bundle = await ExportAsync("2018-06-01", "2018-06-15");
        using var zip = ZipFile.OpenRead(bundle);
        using var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var first = manifest.RootElement.GetProperty("records").GetProperty("first_seq").GetInt32();
        var last = manifest.RootElement.GetProperty("records").GetProperty("last_seq").GetInt32();

        var journal = JournalLines();
        Assert.Equal(string.Concat(journal[(first - 1)..last].Select(l => l + "\n")), ReadEntry(zip, "records.jsonl"));
    }

    [Fact]
    public async Task Exporting_the_same_window_twice_gives_identical_files()
    {
        var first = await ExportAsync("2016-03-01", "2016-04-01", "first.zip");
        var second = await ExportAsync("2016-03-01", "2016-04-01", "second.zip");
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public async Task A_changed_byte_in_a_record_fails_verification_naming_the_file_and_seq()
    {
        var bundle = await ExportAsync("2017-01-01", "2017-02-01");
        string records;
        using (var zip = ZipFile.OpenRead(bundle))
            records = ReadEntry(zip, "records.jsonl");
        var lines = records.Split('\n');
        var target = Array.FindIndex(lines, l => l.Contains("\"type\":\"fill\"", StringComparison.Ordinal));
        var seq = SeqOf(lines[target]);
        lines[target] = lines[target].Contains("\"side\":\"buy\"", StringComparison.Ordinal)
            ? lines[target].Replace("\"side\":\"buy\"", "\"side\":\"sell\"", StringComparison.Ordinal)
            : lines[target].Replace("\"side\":\"sell\"", "\"side\":\"buy\"", StringComparison.Ordinal);
        Assert.NotEqual(records, string.Join('\n', lines));
        ReplaceEntry(bundle, "records.jsonl", string.Join('\n', lines));

        var verify = await VantaRunner.InvokeAsync("audit", "verify-bundle", bundle);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains($"bundle INVALID: records.jsonl seq {seq}:", verify.Error);
    }

    [Fact]
    public async Task A_window_with_no_records_and_bad_arguments_are_clear_errors()
    {
        var empty = await VantaRunner.InvokeAsync("audit", "export", "--home", run.Home, "--from", "2030-01-01", "--to", "2030-02-01", "--out", Path.Combine(work, "x.zip"));
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("no journal record has a ts_event in [2030-01-01T00:00:00Z, 2030-02-01T00:00:00Z)", empty.Error);
        Assert.False(File.Exists(Path.Combine(work, "x.zip")));

        var backwards = await VantaRunner.InvokeAsync("audit", "export", "--home", run.Home, "--from", "2017-02-01", "--to", "2017-01-01", "--out", Path.Combine(work, "x.zip"));
        Assert.Equal(2, backwards.ExitCode);
        Assert.Contains("must be after --from", backwards.Error);
        var missing = await VantaRunner.InvokeAsync("audit", "export", "--home", run.Home, "--from", "2017-01-01");
        Assert.Equal(2, missing.ExitCode);
        var noFile = await VantaRunner.InvokeAsync("audit", "verify-bundle", Path.Combine(work, "absent.zip"));
        Assert.Equal(2, noFile.ExitCode);
    }

    [Fact]
    public async Task The_readme_script_and_sha256sum_accept_the_bundle_and_reject_a_change()
    {
        if (!OnPath("python3") || !OnPath("sha256sum"))
            return; // the auditor's tools are not installed here; the C# checks above still run
        var bundle = await ExportAsync("2017-01-01", "2017-01-15");
        var dir = Path.Combine(work, "unzipped");
        ZipFile.ExtractToDirectory(bundle, dir);
        var script = PythonBlock().Match(File.ReadAllText(Path.Combine(dir, "README.md"))).Groups[1].Value;
        File.WriteAllText(Path.Combine(work, "check.py"), script);

        var sums = Run("sha256sum", dir, "-c", "SHA256SUMS");
        Assert.True(sums.Code == 0, sums.Output);
        var check = Run("python3", dir, Path.Combine(work, "check.py"));
        Assert.True(check.Code == 0, check.Output);
        Assert.StartsWith("OK ", check.Output);
        using (var zip = ZipFile.OpenRead(bundle))
        using (var manifest = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open()))
            Assert.Contains(manifest.RootElement.GetProperty("merkle_root").GetString()!, check.Output);

        var records = Path.Combine(dir, "records.jsonl");
        var lines = File.ReadAllLines(records);
        lines[5] = lines[5].Replace("\"ts_event\":\"2017", "\"ts_event\":\"2018", StringComparison.Ordinal);
        File.WriteAllText(records, string.Concat(lines.Select(l => l + "\n")));
        var tampered = Run("python3", dir, Path.Combine(work, "check.py"));
        Assert.NotEqual(0, tampered.Code);
        Assert.Contains($"seq {SeqOf(lines[5])}: hash does not match", tampered.Output);
    }

    private async Task<string> ExportAsync(string from, string to, string name = "bundle.zip")
    {
        var path = Path.Combine(work, name);
        var result = await VantaRunner.InvokeAsync("audit", "export", "--home", run.Home, "--from", from, "--to", to, "--out", path);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("merkle root", result.Output);
        return path;
    }

    private string[] JournalLines() =>
        [.. Directory.GetFiles(run.Layout.Journal, "journal-*.jsonl").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines)];

    private static string ReadEntry(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Rewrites one entry in place, keeping the others and their order.</summary>
    private static void ReplaceEntry(string bundle, string name, string content)
    {
        using var zip = ZipFile.Open(bundle, ZipArchiveMode.Update);
        var entry = zip.GetEntry(name)!;
        using var stream = entry.Open();
        stream.SetLength(0);
        stream.Write(Encoding.UTF8.GetBytes(content));
    }

    private static long SeqOf(string line) => long.Parse(SeqPattern().Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));

    private static (int Code, string Output) Run(string tool, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    [GeneratedRegex(@"```python\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonBlock();

    [GeneratedRegex(@"^\{""seq"":(\d+),")]
    private static partial Regex SeqPattern();
}
