using System.Text;
using Vanta.Journal.Audit;

namespace Vanta.Journal.Tests.Audit;

public sealed class AuditExportTests
{
    // Days 3 to 6: from the first bar of day 3 (seq 21) to the intent of day 6 (seq 45), with vault B journaled at seq 33.
    private static readonly AuditWindow Window = new(AuditSamples.Day0.AddDays(3), AuditSamples.Day0.AddDays(7));

    [Fact]
    public void Manifest_states_the_seq_range_anchor_head_and_merkle_root_of_the_window()
    {
        using var dir = AuditSamples.Journal();
        var lines = AuditSamples.AllLines(dir.Path);
        AuditSamples.Export(dir.Path, Window, out var m);

        Assert.Equal(new BundleRecords(25, 21, 45, 25), m.Records);
        Assert.Equal(20, m.Anchor.Seq);
        Assert.Equal(Journals.HashOf(lines[19]), m.Anchor.Hash);
        Assert.Equal(lines.Count, m.ChainHead.Seq);
        Assert.Equal(Journals.HashOf(lines[^1]), m.ChainHead.Hash);
        Assert.Equal(MerkleRoot.Of(lines[20..45].Select(Journals.HashOf)), m.MerkleRoot);
    }

    [Fact]
    public void Records_are_the_journal_lines_byte_for_byte()
    {
        using var dir = AuditSamples.Journal(new JournalOptions { MaxSegmentBytes = 4 * 1024 });
        Assert.True(Directory.GetFiles(dir.Path).Length > 2, "the window should cross segment boundaries");
        var lines = AuditSamples.AllLines(dir.Path);
        var bundle = AuditSamples.Export(dir.Path, Window, out _);

        var records = AuditSamples.Entries(bundle).Single(e => e.Name == "records.jsonl").Content;
        Assert.Equal(string.Concat(lines[20..45].Select(l => l + "\n")), Encoding.UTF8.GetString(records));
    }

    [Fact]
    public void Configs_are_the_one_active_at_the_start_of_each_kind_and_every_version_an_intent_used()
    {
        using var dir = AuditSamples.Journal();
        var bundle = AuditSamples.Export(dir.Path, Window, out var m);

        Assert.Equal(
            [
                ("vault", AuditSamples.VaultA.Version, 1L, "active_at_start,referenced"),
                ("vault_overlay", AuditSamples.Overlay.Version, 2L, "active_at_start"),
                ("vault", AuditSamples.VaultB.Version, 33L, "referenced,in_range"),
            ],
            m.Configs.Select(c => (c.Kind, c.Version, c.Seq, string.Join(',', c.Reasons))));
        var entries = AuditSamples.Entries(bundle).ToDictionary(e => e.Name, e => e.Content);
        var lines = AuditSamples.AllLines(dir.Path);
        Assert.Equal(AuditSamples.Overlay.Content, Encoding.UTF8.GetString(entries[$"configs/vault_overlay-{AuditSamples.Overlay.Version}.json"]));
        Assert.Equal(lines[1] + "\n", Encoding.UTF8.GetString(entries[$"configs/vault_overlay-{AuditSamples.Overlay.Version}.record.jsonl"]));
    }

    [Fact]
    public void A_window_before_the_new_config_ships_only_the_configs_then_in_effect()
    {
        using var dir = AuditSamples.Journal();
        AuditSamples.Export(dir.Path, new AuditWindow(AuditSamples.Day0, AuditSamples.Day0.AddDays(2)), out var m);
        Assert.Equal([1L, 2L], m.Configs.Select(c => c.Seq));
    }

    [Fact]
    public void The_same_window_exported_twice_gives_identical_bytes()
    {
        using var dir = AuditSamples.Journal();
        var first = AuditSamples.Export(dir.Path, Window, out _);
        var second = AuditSamples.Export(dir.Path, Window, out _);
        Assert.Equal(first, second);

        var path = dir.Sub("bundle.zip");
        Assert.True(AuditExport.WriteFile(dir.Path, Window, path).Ok);
        Assert.Equal(first, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public void Zip_entries_are_in_a_fixed_order_with_a_fixed_timestamp()
    {
        using var dir = AuditSamples.Journal();
        var bundle = AuditSamples.Export(dir.Path, Window, out var m);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bundle));
        Assert.Equal(
            m.Files.Select(f => f.Path).Concat(["manifest.json", "SHA256SUMS"]),
            zip.Entries.Select(e => e.FullName));
        Assert.Equal("records.jsonl", zip.Entries[0].FullName);
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(1980, 1, 1), e.LastWriteTime.DateTime));
    }

    [Fact]
    public void A_window_with_no_records_is_a_clear_error_and_writes_nothing()
    {
        using var dir = AuditSamples.Journal();
        var path = dir.Sub("empty.zip");
        var result = AuditExport.WriteFile(dir.Path, new AuditWindow(AuditSamples.Day0.AddYears(1), AuditSamples.Day0.AddYears(2)), path);

        Assert.False(result.Ok);
        Assert.Contains("no journal record has a ts_event in [2025-03-01", result.Problem, StringComparison.Ordinal);
        Assert.Contains("the journal's events run from 2024-02-29", result.Problem, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public void A_journal_that_does_not_verify_is_not_exported()
    {
        using var dir = AuditSamples.Journal();
        var lines = Journals.Lines(dir.Segment(1));
        lines[29] = lines[29].Replace("AAPL", "MSFT", StringComparison.Ordinal);
        Journals.Rewrite(dir.Segment(1), lines);

        using var output = new MemoryStream();
        var result = AuditExport.Write(dir.Path, Window, output);
        Assert.False(result.Ok);
        Assert.Contains("first bad seq 30", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_intent_whose_config_was_never_journaled_stops_the_export_naming_its_seq()
    {
        using var dir = new TempDir();
        Journals.Write(dir.Path, AuditSamples.Envelopes().Where(e => !(e.Type == "config" && e.TsEvent == AuditSamples.VaultB.EffectiveAt)));
        using var output = new MemoryStream();
        var result = AuditExport.Write(dir.Path, Window, output);
        Assert.False(result.Ok);
        // Without vault B the day-5 intent moves up to seq 38.
        Assert.Contains("allocation intent at seq 38 used config version " + AuditSamples.VaultB.Version, result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_window_is_inclusive_at_from_and_exclusive_at_to()
    {
        using var dir = AuditSamples.Journal();
        // Vault B's record has ts_event exactly day 5 00:00.
        AuditSamples.Export(dir.Path, new AuditWindow(AuditSamples.Day0.AddDays(5), AuditSamples.Day0.AddDays(5).AddHours(16)), out var starting);
        Assert.Equal(33, starting.Records.FirstSeq);
        AuditSamples.Export(dir.Path, new AuditWindow(AuditSamples.Day0.AddDays(4), AuditSamples.Day0.AddDays(5)), out var ending);
        Assert.Equal(32, ending.Records.LastSeq);
    }
}
