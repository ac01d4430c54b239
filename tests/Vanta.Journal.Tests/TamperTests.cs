using System.Text;

namespace Vanta.Journal.Tests;

public sealed class TamperTests
{
    private const int Count = 40;

    private static TempDir Journal(JournalOptions? options = null)
    {
        var dir = new TempDir();
        Journals.Write(dir.Path, Samples.Bars(Count), options);
        return dir;
    }

    private static void Edit(TempDir dir, Action<List<string>> edit)
    {
        var lines = Journals.Lines(dir.Segment(1));
        edit(lines);
        Journals.Rewrite(dir.Segment(1), lines);
    }

    private static void AssertBad(TempDir dir, long firstBadSeq, string problemPart, VerifyMode mode = VerifyMode.Full)
    {
        var result = JournalVerifier.Verify(dir.Path, mode);
        Assert.False(result.Ok);
        Assert.Equal(firstBadSeq, result.FirstBadSeq);
        Assert.Equal(firstBadSeq - 1, result.RecordCount);
        Assert.Equal(firstBadSeq - 1, result.Head.Seq);
        Assert.Contains(problemPart, result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Untouched_journal_verifies_in_both_modes()
    {
        using var dir = Journal();
        foreach (var mode in new[] { VerifyMode.Full, VerifyMode.ChainOnly })
        {
            var result = JournalVerifier.Verify(dir.Path, mode);
            Assert.True(result.Ok, result.Problem);
            Assert.Equal(Count, result.RecordCount);
            Assert.Null(result.FirstBadSeq);
        }
    }

    [Fact]
    public void Edited_payload_is_caught_at_its_seq_naming_file_and_line()
    {
        using var dir = Journal();
        Edit(dir, lines => lines[11] = lines[11].Replace("\"close\":", "\"close\":1", StringComparison.Ordinal));
        AssertBad(dir, 12, "journal-000001.jsonl line 12");
        AssertBad(dir, 12, "hash does not match");
    }

    [Fact]
    public void Edited_hash_is_caught_at_its_seq()
    {
        using var dir = Journal();
        Edit(dir, lines =>
        {
            var hash = Journals.HashOf(lines[19]);
            var forged = (hash[0] == 'a' ? "b" : "a") + hash[1..];
            lines[19] = lines[19].Replace(hash, forged, StringComparison.Ordinal);
        });
        AssertBad(dir, 20, "hash does not match");
    }

    [Fact]
    public void Deleted_record_is_caught_at_the_missing_seq()
    {
        using var dir = Journal();
        Edit(dir, lines => lines.RemoveAt(7));
        AssertBad(dir, 8, "found seq 9 where seq 8 was expected");
    }

    [Fact]
    public void Deleted_first_record_is_caught()
    {
        using var dir = Journal();
        Edit(dir, lines => lines.RemoveAt(0));
        AssertBad(dir, 1, "found seq 2 where seq 1 was expected");
    }

    [Fact]
    public void Reordered_records_are_caught_at_the_first_swapped_seq()
    {
        using var dir = Journal();
        Edit(dir, lines => (lines[4], lines[5]) = (lines[5], lines[4]));
        AssertBad(dir, 5, "found seq 6 where seq 5 was expected");
    }

    [Fact]
    public void Inserted_copy_of_an_earlier_record_is_caught_where_it_sits()
    {
        using var dir = Journal();
        Edit(dir, lines => lines.Insert(10, lines[3]));
        AssertBad(dir, 11, "found seq 4 where seq 11 was expected");
    }

    [Fact]
    public void Inserted_forged_record_that_links_correctly_is_caught_at_the_next_record()
    {
        using var dir = Journal();
        Edit(dir, lines =>
        {
            // Seq 11, linked to seq 10's hash, with its own correct hash: locally perfect.
            var forged = Journals.Line(11, Journals.HashOf(lines[9]), Journals.EnvelopeOf(lines[25]));
            lines.Insert(10, forged);
        });
        AssertBad(dir, 12, "found seq 11 where seq 12 was expected");
    }

    [Fact]
    public void Edited_envelope_with_every_later_hash_recomputed_is_caught_by_the_event_id()
    {
        using var dir = Journal();
        Edit(dir, lines =>
        {
            // A thorough attacker: edits seq 30's payload, then re-chains every record from there on.
            var prev = Journals.HashOf(lines[28]);
            for (var i = 29; i < lines.Count; i++)
            {
                var envelope = Journals.EnvelopeOf(lines[i]);
                if (i == 29)
                    envelope = envelope.Replace("\"volume\":", "\"volume\":9", StringComparison.Ordinal);
                lines[i] = Journals.Line(i + 1, prev, envelope);
                prev = Journals.HashOf(lines[i]);
            }
        });
        AssertBad(dir, 30, "event_id does not match");
        // The chain alone cannot see this: that is what the full mode is for.
        Assert.True(JournalVerifier.Verify(dir.Path, VerifyMode.ChainOnly).Ok);
    }

    [Fact]
    public void Line_cut_short_in_the_middle_of_a_segment_is_caught_at_its_seq()
    {
        using var dir = Journal();
        Edit(dir, lines => lines[12] = lines[12][..(lines[12].Length / 2)]);
        AssertBad(dir, 13, "journal-000001.jsonl line 13");
        AssertBad(dir, 13, "not a journal record where seq 13 was expected");
    }

    [Fact]
    public void Line_losing_only_its_last_bytes_is_caught_as_an_edit()
    {
        using var dir = Journal();
        // Still shaped like a record (it ends in "}}"), but the envelope is one byte short.
        Edit(dir, lines => lines[12] = lines[12][..^1]);
        AssertBad(dir, 13, "hash does not match");
    }

    [Fact]
    public void Run_of_records_cut_from_the_middle_is_caught_at_the_first_missing_seq()
    {
        using var dir = Journal();
        Edit(dir, lines => lines.RemoveRange(14, 10));
        AssertBad(dir, 15, "found seq 25 where seq 15 was expected");
    }

    [Fact]
    public void Segment_truncated_mid_line_before_the_next_segment_is_caught()
    {
        using var dir = Journal(new JournalOptions { MaxSegmentBytes = 4 * 1024 });
        var lines = Journals.Lines(dir.Segment(1));
        var cut = lines.Count - 2;
        var text = string.Concat(lines.Take(cut).Select(l => l + "\n")) + lines[cut][..40];
        File.WriteAllText(dir.Segment(1), text);
        AssertBad(dir, cut + 1, "no line end");
    }

    [Fact]
    public void Record_moved_later_is_caught_where_it_went_missing()
    {
        using var dir = Journal();
        Edit(dir, lines =>
        {
            var moved = lines[5];
            lines.RemoveAt(5);
            lines.Insert(20, moved);
        });
        AssertBad(dir, 6, "found seq 7 where seq 6 was expected");
    }

    [Fact]
    public void Garbage_line_is_caught()
    {
        using var dir = Journal();
        Edit(dir, lines => lines[2] = "{\"seq\":3,\"oops\":true}");
        AssertBad(dir, 3, "not a journal record");
    }

    [Fact]
    public void Deleted_middle_segment_is_caught_at_its_first_seq()
    {
        using var dir = Journal(new JournalOptions { MaxSegmentBytes = 4 * 1024 });
        var firstSeqOfSecond = Journals.Lines(dir.Segment(1)).Count + 1;
        File.Delete(dir.Segment(2));
        AssertBad(dir, firstSeqOfSecond, "segment journal-000002.jsonl is missing");
    }

    [Fact]
    public void Renamed_segment_is_caught_as_missing()
    {
        using var dir = Journal(new JournalOptions { MaxSegmentBytes = 4 * 1024 });
        var firstSeqOfSecond = Journals.Lines(dir.Segment(1)).Count + 1;
        File.Move(dir.Segment(2), dir.Segment(2) + ".old");
        AssertBad(dir, firstSeqOfSecond, "segment journal-000002.jsonl is missing");
    }

    [Fact]
    public void Swapped_segments_are_caught()
    {
        using var dir = Journal(new JournalOptions { MaxSegmentBytes = 4 * 1024 });
        var firstSeqOfSecond = Journals.Lines(dir.Segment(1)).Count + 1;
        File.Move(dir.Segment(2), dir.Sub("swap"));
        File.Move(dir.Segment(3), dir.Segment(2));
        File.Move(dir.Sub("swap"), dir.Segment(3));
        AssertBad(dir, firstSeqOfSecond, "journal-000002.jsonl line 1");
    }

    [Fact]
    public void Unterminated_last_line_is_reported_as_torn()
    {
        using var dir = Journal();
        File.AppendAllText(dir.Segment(1), "{\"seq\":41,\"prev\":\"ab");
        AssertBad(dir, Count + 1, "no line end");
    }

    [Fact]
    public void Missing_directory_is_not_a_valid_journal()
    {
        using var dir = new TempDir();
        var result = JournalVerifier.Verify(dir.Sub("absent"));
        Assert.False(result.Ok);
        Assert.Equal(1, result.FirstBadSeq);
    }

    [Fact]
    public void Large_journal_verifies_through_the_parallel_path_and_catches_a_late_edit()
    {
        using var dir = new TempDir();
        Journals.Write(dir.Path, Samples.Bars(5_000));
        Assert.True(JournalVerifier.Verify(dir.Path).Ok);

        var lines = Journals.Lines(dir.Segment(1));
        var bytes = Encoding.UTF8.GetBytes(lines[4_321]);
        lines[4_321] = lines[4_321].Replace("AAPL", "AAPM", StringComparison.Ordinal);
        Assert.NotEqual(bytes, Encoding.UTF8.GetBytes(lines[4_321]));
        Journals.Rewrite(dir.Segment(1), lines);
        AssertBad(dir, 4_322, "hash does not match");
    }
}
