using System.Text;

namespace Vanta.Journal.Tests;

public sealed class TornTailTests
{
    private static (TempDir Dir, byte[] Intact) JournalOf(int count)
    {
        var dir = new TempDir();
        Journals.Write(dir.Path, Samples.Bars(count));
        return (dir, File.ReadAllBytes(dir.Segment(1)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Torn_last_line_is_cut_with_a_warning_and_nothing_before_it_is_lost(bool withLineEnd)
    {
        var (dir, intact) = JournalOf(10);
        using var _ = dir;
        // Half of what would have been record 11, as a crash mid-write leaves it.
        var nextLine = Journals.Line(11, new string('0', 64), Samples.JsonText(Samples.Bar(10)));
        var torn = nextLine[..(nextLine.Length / 2)] + (withLineEnd ? "\n" : "");
        File.AppendAllText(dir.Segment(1), torn);

        var warnings = new List<string>();
        using (var writer = JournalWriter.Open(dir.Path, new JournalOptions(), warnings.Add))
        {
            Assert.Equal(10, writer.Head.Seq);
            var warning = Assert.Single(warnings);
            Assert.Contains(dir.Segment(1), warning, StringComparison.Ordinal);
            Assert.Contains($"byte offset {intact.Length}", warning, StringComparison.Ordinal);
            Assert.Equal(intact, File.ReadAllBytes(dir.Segment(1)));
            writer.Append(Samples.Bar(10));
        }

        var result = JournalVerifier.Verify(dir.Path);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(11, result.RecordCount);
        Assert.Equal(intact, File.ReadAllBytes(dir.Segment(1))[..intact.Length]);
    }

    [Fact]
    public void Torn_first_line_leaves_an_empty_journal_that_starts_again_at_seq_1()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Segment(1), "{\"seq\":1,\"prev\":\"00");
        var warnings = new List<string>();
        using (var writer = JournalWriter.Open(dir.Path, new JournalOptions(), warnings.Add))
        {
            Assert.Equal(0, writer.Head.Seq);
            Assert.Equal(1, writer.Append(Samples.Bar(0)).Seq);
        }
        Assert.Contains("byte offset 0", Assert.Single(warnings), StringComparison.Ordinal);
        Assert.True(JournalVerifier.Verify(dir.Path).Ok);
    }

    [Fact]
    public void Complete_last_record_with_a_wrong_hash_is_not_silently_cut()
    {
        var (dir, intact) = JournalOf(5);
        using var _ = dir;
        var lines = Journals.Lines(dir.Segment(1));
        lines[^1] = lines[^1].Replace("AAPL", "MSFT", StringComparison.Ordinal);
        Journals.Rewrite(dir.Segment(1), lines);

        var error = Assert.Throws<InvalidDataException>(() => JournalWriter.Open(dir.Path, new JournalOptions()));
        Assert.Contains("seq 5", error.Message, StringComparison.Ordinal);
        Assert.Equal(intact.Length, new FileInfo(dir.Segment(1)).Length);
    }

    [Fact]
    public void Only_the_last_line_is_ever_cut()
    {
        var (dir, intact) = JournalOf(4);
        using var _ = dir;
        File.AppendAllText(dir.Segment(1), "not a record\n{\"seq\":5,\"prev");

        var warnings = new List<string>();
        Assert.Throws<InvalidDataException>(() => JournalWriter.Open(dir.Path, new JournalOptions(), warnings.Add));
        Assert.Single(warnings);
        Assert.Equal(intact.Length + "not a record\n".Length, new FileInfo(dir.Segment(1)).Length);
    }

    [Fact]
    public void Open_refuses_a_journal_with_a_missing_segment()
    {
        using var dir = new TempDir();
        Journals.Write(dir.Path, Samples.Bars(40), new JournalOptions { MaxSegmentBytes = 4 * 1024 });
        File.Delete(dir.Segment(2));
        var error = Assert.Throws<InvalidDataException>(() => JournalWriter.Open(dir.Path, new JournalOptions()));
        Assert.Contains("journal-000002.jsonl is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_stops_before_an_unterminated_last_line()
    {
        var (dir, _) = JournalOf(7);
        using var _d = dir;
        File.AppendAllText(dir.Segment(1), "{\"seq\":8,");
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), JournalReader.ReadAll(dir.Path).Select(r => r.Seq));
    }

    [Fact]
    public void Reader_names_file_and_line_of_a_damaged_record()
    {
        var (dir, _) = JournalOf(3);
        using var _d = dir;
        File.AppendAllText(dir.Segment(1), "not json\n", Encoding.UTF8);
        var error = Assert.Throws<InvalidDataException>(() => JournalReader.ReadAll(dir.Path).ToList());
        Assert.Contains("journal-000001.jsonl line 4", error.Message, StringComparison.Ordinal);
    }
}
