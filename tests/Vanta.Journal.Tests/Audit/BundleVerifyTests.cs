using System.Text;
using Vanta.Journal.Audit;

namespace Vanta.Journal.Tests.Audit;

public sealed class BundleVerifyTests : IDisposable
{
    private static readonly AuditWindow Window = new(AuditSamples.Day0.AddDays(3), AuditSamples.Day0.AddDays(7));
    private readonly TempDir dir = AuditSamples.Journal();
    private readonly byte[] bundle;
    private readonly BundleManifest manifest;

    public BundleVerifyTests() => bundle = AuditSamples.Export(dir.Path, Window, out manifest);

    public void Dispose() => dir.Dispose();

    [Fact]
    public void An_exported_bundle_verifies()
    {
        var result = AuditSamples.Verify(bundle);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(ManifestJson.Write(manifest), ManifestJson.Write(result.Manifest!));
    }

    [Fact]
    public void A_changed_byte_anywhere_in_any_file_is_detected()
    {
        var entries = AuditSamples.Entries(bundle);
        Assert.Equal(10, entries.Count); // records, 3 configs x 2, README, manifest, SHA256SUMS
        var checkedPositions = 0;
        for (var e = 0; e < entries.Count; e++)
        {
            var length = entries[e].Content.Length;
            foreach (var at in new[] { 0, 1, 13, length / 3, length / 2, (2 * length) / 3, length - 2, length - 1 }.Distinct())
            {
                var changed = entries.Select(x => (x.Name, (byte[])x.Content.Clone())).ToList();
                changed[e].Item2[at] ^= 0x01;
                var result = AuditSamples.Verify(AuditSamples.Rezip(changed));

                Assert.False(result.Ok, $"a changed byte at {at} of {entries[e].Name} went unnoticed");
                Assert.NotNull(result.File);
                if (entries[e].Name == "records.jsonl")
                {
                    // Every byte of a line, its LF included, belongs to that record.
                    var seq = manifest.Records.FirstSeq + entries[e].Content.AsSpan(0, at).Count((byte)'\n');
                    Assert.Equal("records.jsonl", result.File);
                    Assert.Equal(seq, result.Seq);
                }
                checkedPositions++;
            }
        }
        Assert.True(checkedPositions > 60);
    }

    [Fact]
    public void Every_byte_of_the_records_file_is_covered()
    {
        var entries = AuditSamples.Entries(bundle);
        var records = entries[0].Content;
        for (var at = 0; at < records.Length; at += 7)
        {
            var changed = entries.Select(x => (x.Name, (byte[])x.Content.Clone())).ToList();
            changed[0].Item2[at] ^= 0x20;
            Assert.False(AuditSamples.Verify(AuditSamples.Rezip(changed)).Ok, $"byte {at} of records.jsonl");
        }
    }

    [Fact]
    public void A_changed_byte_in_the_compressed_archive_is_detected()
    {
        // The records entry comes first: these offsets fall inside its compressed bytes.
        foreach (var at in new[] { 60, 200, 500, 900 })
        {
            var changed = (byte[])bundle.Clone();
            changed[at] ^= 0x01;
            Assert.False(AuditSamples.Verify(changed).Ok, $"byte {at} of the zip");
        }
    }

    [Theory]
    [InlineData(0, 21L, "found seq 22 where seq 21 was expected")]
    [InlineData(7, 28L, "found seq 29 where seq 28 was expected")]
    [InlineData(24, 45L, "records were removed from the end")]
    public void A_record_removed_from_the_bundle_is_detected_at_its_seq(int index, long seq, string problem)
    {
        var result = AuditSamples.Verify(WithRecords(lines => lines.RemoveAt(index)));
        Assert.False(result.Ok);
        Assert.Equal(("records.jsonl", seq), (result.File, result.Seq));
        Assert.Contains(problem, result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_reordered_in_the_bundle_are_detected()
    {
        var result = AuditSamples.Verify(WithRecords(lines => (lines[3], lines[4]) = (lines[4], lines[3])));
        Assert.Equal(("records.jsonl", 24L), (result.File, result.Seq));
    }

    [Fact]
    public void A_record_removed_with_every_digest_and_the_manifest_rewritten_is_still_caught_by_the_chain()
    {
        // A careful forger fixes SHA256SUMS and the manifest, but cannot fix the next record's prev.
        var entries = AuditSamples.Entries(bundle);
        var lines = Encoding.UTF8.GetString(entries[0].Content).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.RemoveAt(10);
        var result = AuditSamples.Verify(Resealed(entries, string.Concat(lines.Select(l => l + "\n"))));
        Assert.Equal(("records.jsonl", 31L), (result.File, result.Seq));
    }

    [Fact]
    public void Config_content_swapped_with_every_digest_rewritten_is_caught_by_its_version()
    {
        var entries = AuditSamples.Entries(bundle);
        var index = entries.FindIndex(e => e.Name == $"configs/vault_overlay-{AuditSamples.Overlay.Version}.json");
        entries[index] = (entries[index].Name, Encoding.UTF8.GetBytes("{\"core\":{\"max_weight\":0.9}}"));
        var result = AuditSamples.Verify(Resealed(entries, null));
        Assert.Equal(entries[index].Name, result.File);
        Assert.Contains("SHA-256 is not the version", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_detected()
    {
        var entries = AuditSamples.Entries(bundle).Where(e => e.Name != "README.md").ToList();
        var result = AuditSamples.Verify(AuditSamples.Rezip(entries));
        Assert.Equal("README.md", result.File);
    }

    [Fact]
    public void An_added_file_is_detected()
    {
        var entries = AuditSamples.Entries(bundle);
        entries.Insert(entries.Count - 2, ("notes.txt", "all fine"u8.ToArray()));
        Assert.False(AuditSamples.Verify(AuditSamples.Rezip(entries)).Ok);
    }

    [Fact]
    public void Something_that_is_not_a_zip_is_reported_as_such()
    {
        var result = AuditSamples.Verify("not a zip at all"u8.ToArray());
        Assert.False(result.Ok);
        Assert.Contains("not a readable zip archive", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_from_the_start_of_the_journal_anchors_on_genesis()
    {
        var early = AuditSamples.Export(dir.Path, new AuditWindow(AuditSamples.Day0.AddDays(-2), AuditSamples.Day0.AddDays(1)), out var m);
        Assert.Equal(Vanta.Core.Stages.JournalHead.Genesis, m.Anchor);
        Assert.Equal(1, m.Records.FirstSeq);
        Assert.True(AuditSamples.Verify(early).Ok);
    }

    private byte[] WithRecords(Action<List<string>> edit)
    {
        var entries = AuditSamples.Entries(bundle);
        var lines = Encoding.UTF8.GetString(entries[0].Content).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        edit(lines);
        entries[0] = (entries[0].Name, Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n"))));
        return AuditSamples.Rezip(entries);
    }

    /// <summary>Replaces records.jsonl (when given) and recomputes the manifest's file list and SHA256SUMS to match.</summary>
    private byte[] Resealed(List<(string Name, byte[] Content)> entries, string? records)
    {
        if (records is not null)
            entries[0] = (entries[0].Name, Encoding.UTF8.GetBytes(records));
        var files = entries.Take(entries.Count - 2)
            .Select(e => new BundleFile(e.Name, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(e.Content)), e.Content.Length))
            .ToList();
        var count = records is null ? manifest.Records.Count : records.Count(c => c == '\n');
        var forged = manifest with
        {
            Files = [.. files],
            Records = manifest.Records with { Count = count, LastSeq = manifest.Records.FirstSeq + count - 1, InWindow = count },
        };
        var manifestBytes = ManifestJson.Write(forged);
        var sums = BundleLayout.RenderSums(files.Append(new BundleFile("manifest.json", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(manifestBytes)), manifestBytes.Length)));
        entries[^2] = ("manifest.json", manifestBytes);
        entries[^1] = ("SHA256SUMS", sums);
        return AuditSamples.Rezip(entries);
    }
}
