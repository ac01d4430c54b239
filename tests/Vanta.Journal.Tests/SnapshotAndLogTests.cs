using Vanta.Core.Domain;
using Vanta.Core.Serialization;

namespace Vanta.Journal.Tests;

public sealed class SnapshotAndLogTests
{
    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 14, 30, 0, TimeSpan.Zero);

    private static Heartbeat Beat(long n) => new("node-a", "markets", "cfg-1", n, T0.AddSeconds(n));

    [Fact]
    public void Snapshot_replaces_atomically_leaving_no_temp_file_and_reads_back()
    {
        using var dir = new TempDir();
        var store = new AtomicSnapshotStore(dir.Sub("memory"));
        store.Write("heartbeat.json", Beat(1), VantaJsonContext.Default.Heartbeat);
        store.Write("heartbeat.json", Beat(2), VantaJsonContext.Default.Heartbeat);

        Assert.Equal(Beat(2), store.Read("heartbeat.json", VantaJsonContext.Default.Heartbeat));
        Assert.Equal(["heartbeat.json"], Directory.GetFiles(dir.Sub("memory")).Select(Path.GetFileName));
        var text = File.ReadAllText(Path.Combine(dir.Sub("memory"), "heartbeat.json"));
        Assert.StartsWith("{\n  \"node\": \"node-a\",", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_store_clears_temp_files_left_by_a_crash_and_reads_missing_as_default()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Sub("memory"));
        File.WriteAllText(Path.Combine(dir.Sub("memory"), "vault.json.tmp"), "{\"half");
        var store = new AtomicSnapshotStore(dir.Sub("memory"));

        Assert.Empty(Directory.GetFiles(dir.Sub("memory")));
        Assert.Null(store.Read("vault.json", VantaJsonContext.Default.Heartbeat));
    }

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("sub/dir.json")]
    [InlineData("vault.json.tmp")]
    public void Snapshot_names_must_be_plain_file_names(string name)
    {
        using var dir = new TempDir();
        var store = new AtomicSnapshotStore(dir.Path);
        Assert.Throws<ArgumentException>(() => store.Write(name, Beat(1), VantaJsonContext.Default.Heartbeat));
    }

    [Fact]
    public void Jsonl_appender_writes_compact_lines_and_cuts_a_torn_tail_on_open()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Sub("logs"), "trade_log.jsonl");
        using (var log = JsonlAppender.Open(path))
        {
            log.Append(Beat(1), VantaJsonContext.Indented.Heartbeat);
            log.Append(Beat(2), VantaJsonContext.Default.Heartbeat);
        }
        var intact = File.ReadAllText(path);
        File.AppendAllText(path, "{\"node\":\"no");

        var warnings = new List<string>();
        using (var log = JsonlAppender.Open(path, warnings.Add, fsync: true))
            log.Append(Beat(3), VantaJsonContext.Default.Heartbeat);

        Assert.Contains($"byte offset {intact.Length}", Assert.Single(warnings), StringComparison.Ordinal);
        var lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        Assert.Equal(intact, File.ReadAllText(path)[..intact.Length]);
        Assert.Equal(
            [Beat(1), Beat(2), Beat(3)],
            lines.Select(l => System.Text.Json.JsonSerializer.Deserialize(l, VantaJsonContext.Default.Heartbeat)));
    }
}
