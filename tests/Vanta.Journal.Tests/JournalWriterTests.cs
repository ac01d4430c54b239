using System.Security.Cryptography;
using System.Text;
using Vanta.Core.Stages;

namespace Vanta.Journal.Tests;

public sealed class JournalWriterTests
{
    [Fact]
    public void First_line_has_exactly_the_documented_layout_and_hash()
    {
        using var dir = new TempDir();
        var envelope = Samples.Bar(0);
        Journals.Write(dir.Path, [envelope]);

        var envelopeJson = Samples.JsonText(envelope);
        var genesis = new string('0', 64);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"1\n{genesis}\n{envelopeJson}")));
        var expected = $"{{\"seq\":1,\"prev\":\"{genesis}\",\"hash\":\"{hash}\",\"envelope\":{envelopeJson}}}\n";
        Assert.Equal(expected, File.ReadAllText(dir.Segment(1)));
    }

    [Fact]
    public void Many_appends_form_one_chain_that_verifies()
    {
        using var dir = new TempDir();
        var envelopes = Samples.Bars(2_000);
        using (var writer = JournalWriter.Open(dir.Path, new JournalOptions { BatchBytes = 4096 }))
        {
            foreach (var envelope in envelopes)
                writer.Append(envelope);
            Assert.Equal(2_000, writer.Head.Seq);
        }

        var records = JournalReader.ReadAll(dir.Path).ToList();
        var prev = JournalHead.Genesis.Hash;
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(i + 1, records[i].Seq);
            Assert.Equal(prev, records[i].Prev);
            Assert.Equal(JournalHash.Compute(i + 1, prev, Samples.Json(envelopes[i])), records[i].Hash);
            Assert.Equal(Samples.Json(envelopes[i]), Samples.Json(records[i].Envelope));
            prev = records[i].Hash;
        }
        var result = JournalVerifier.Verify(dir.Path);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(new JournalHead(2_000, prev), result.Head);
    }

    [Fact]
    public void Reopening_continues_the_chain_from_the_head()
    {
        using var dir = new TempDir();
        var envelopes = Samples.Bars(20);
        JournalHead head;
        using (var writer = JournalWriter.Open(dir.Path, new JournalOptions()))
        {
            foreach (var envelope in envelopes.Take(10))
                head = writer.Append(envelope);
            head = writer.Head;
        }
        using (var writer = JournalWriter.Open(dir.Path, new JournalOptions()))
        {
            Assert.Equal(head, writer.Head);
            foreach (var envelope in envelopes.Skip(10))
                writer.Append(envelope);
        }

        var result = JournalVerifier.Verify(dir.Path);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(20, result.RecordCount);
        Assert.Equal(head.Hash, JournalReader.ReadAll(dir.Path).Single(r => r.Seq == 11).Prev);
    }

    [Fact]
    public void Rotation_keeps_segments_under_the_limit_and_the_chain_running_across_them()
    {
        using var dir = new TempDir();
        var options = new JournalOptions { MaxSegmentBytes = 8 * 1024 };
        Journals.Write(dir.Path, Samples.Bars(300), options);

        var segments = Directory.GetFiles(dir.Path, "journal-*.jsonl").Order(StringComparer.Ordinal).ToList();
        Assert.True(segments.Count > 5, $"only {segments.Count} segments");
        Assert.All(segments, s => Assert.InRange(new FileInfo(s).Length, 1, options.MaxSegmentBytes));
        var lastOfFirst = Journals.Lines(dir.Segment(1))[^1];
        var firstOfSecond = Journals.Lines(dir.Segment(2))[0];
        Assert.Contains($"\"prev\":\"{Journals.HashOf(lastOfFirst)}\"", firstOfSecond, StringComparison.Ordinal);

        var result = JournalVerifier.Verify(dir.Path);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(300, result.RecordCount);
    }

    [Fact]
    public void Reopening_after_rotation_appends_to_the_last_segment()
    {
        using var dir = new TempDir();
        var options = new JournalOptions { MaxSegmentBytes = 4 * 1024 };
        var envelopes = Samples.Bars(60);
        Journals.Write(dir.Path, envelopes.Take(30), options);
        var segmentsBefore = Directory.GetFiles(dir.Path, "journal-*.jsonl").Length;
        // A crash just after rotation leaves an empty next segment; the writer must continue into it.
        File.WriteAllBytes(dir.Segment(segmentsBefore + 1), []);
        Journals.Write(dir.Path, envelopes.Skip(30), options);

        var result = JournalVerifier.Verify(dir.Path);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(60, result.RecordCount);
        Assert.NotEmpty(Journals.Lines(dir.Segment(segmentsBefore + 1)));
    }

    [Fact]
    public void Every_fsync_policy_and_batch_size_writes_identical_bytes()
    {
        using var dir = new TempDir();
        var envelopes = Samples.Bars(500);
        var options = new[]
        {
            new JournalOptions { Fsync = FsyncPolicy.Always },
            new JournalOptions { Fsync = FsyncPolicy.Batch, BatchBytes = 4096 },
            new JournalOptions { Fsync = FsyncPolicy.Never },
        };
        var files = options.Select((o, i) =>
        {
            var sub = dir.Sub($"j{i}");
            Journals.Write(sub, envelopes, o);
            return File.ReadAllBytes(Path.Combine(sub, "journal-000001.jsonl"));
        }).ToList();

        Assert.True(files[0].Length > 100_000);
        Assert.Equal(files[0], files[1]);
        Assert.Equal(files[0], files[2]);
    }

    [Fact]
    public void Same_envelopes_in_two_directories_give_identical_files()
    {
        using var dir = new TempDir();
        var options = new JournalOptions { MaxSegmentBytes = 16 * 1024 };
        Journals.Write(dir.Sub("a"), Samples.Bars(200), options);
        Journals.Write(dir.Sub("b"), Samples.Bars(200), options);

        var a = Directory.GetFiles(dir.Sub("a")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(a, Directory.GetFiles(dir.Sub("b")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(a, name => Assert.Equal(
            File.ReadAllBytes(Path.Combine(dir.Sub("a"), name!)), File.ReadAllBytes(Path.Combine(dir.Sub("b"), name!))));
    }

    [Fact]
    public void Append_serialized_writes_the_same_record_as_append()
    {
        using var dir = new TempDir();
        var envelopes = Samples.Bars(50);
        Journals.Write(dir.Sub("a"), envelopes);
        using (var writer = JournalWriter.Open(dir.Sub("b"), new JournalOptions()))
        {
            foreach (var envelope in envelopes)
                Assert.Equal(writer.Head.Seq + 1, writer.AppendSerialized(Samples.Json(envelope)));
        }
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir.Sub("a"), "journal-000001.jsonl")), File.ReadAllBytes(Path.Combine(dir.Sub("b"), "journal-000001.jsonl")));
    }

    [Fact]
    public async Task Batch_policy_buffers_until_flush_and_always_writes_before_returning()
    {
        using var dir = new TempDir();
        await using (var batched = JournalWriter.Open(dir.Sub("batch"), new JournalOptions { Fsync = FsyncPolicy.Batch }))
        {
            var head = await batched.AppendAsync(Samples.Bar(0));
            Assert.Equal(1, head.Seq);
            Assert.Equal(0, new FileInfo(Path.Combine(dir.Sub("batch"), "journal-000001.jsonl")).Length);
            await batched.FlushAsync();
            Assert.Single(Journals.Lines(Path.Combine(dir.Sub("batch"), "journal-000001.jsonl")));
        }
        await using var always = JournalWriter.Open(dir.Sub("always"), new JournalOptions { Fsync = FsyncPolicy.Always });
        await always.AppendAsync(Samples.Bar(0));
        Assert.Single(Journals.Lines(Path.Combine(dir.Sub("always"), "journal-000001.jsonl")));
    }

    [Fact]
    public void A_record_larger_than_the_batch_and_segment_limits_is_written_whole()
    {
        using var dir = new TempDir();
        var options = new JournalOptions { BatchBytes = 4096, MaxSegmentBytes = 4096 };
        var big = Samples.Bar(0, source: new string('x', 20_000));
        Journals.Write(dir.Path, [Samples.Bar(1), big, Samples.Bar(2)], options);

        Assert.Equal(3, Directory.GetFiles(dir.Path, "journal-*.jsonl").Length);
        var result = JournalVerifier.Verify(dir.Path);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(3, result.RecordCount);
    }

    [Fact]
    public async Task Concurrent_appenders_produce_one_unbroken_chain_holding_every_record()
    {
        using var dir = new TempDir();
        var envelopes = Samples.Bars(4_000);
        await using (var writer = JournalWriter.Open(dir.Path, new JournalOptions { BatchBytes = 8192, MaxSegmentBytes = 64 * 1024 }))
        {
            var tasks = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
            {
                for (var i = t; i < envelopes.Count; i += 4)
                    writer.Append(envelopes[i]);
            }));
            await Task.WhenAll(tasks);
        }

        var result = JournalVerifier.Verify(dir.Path);
        Assert.True(result.Ok, result.Problem);
        Assert.Equal(envelopes.Count, result.RecordCount);
        Assert.Equal(
            envelopes.Select(e => e.EventId.Value).Order(StringComparer.Ordinal),
            JournalReader.ReadAll(dir.Path).Select(r => r.Envelope.EventId.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_second_writer_on_the_same_journal_is_refused_until_the_first_closes()
    {
        using var dir = new TempDir();
        var first = JournalWriter.Open(dir.Path, new JournalOptions());
        first.Append(Samples.Bar(0));

        var refused = Assert.Throws<JournalInUseException>(() => JournalWriter.Open(dir.Path, new JournalOptions()));
        Assert.Contains(dir.Path, refused.Message, StringComparison.Ordinal);

        first.Dispose();
        using var second = JournalWriter.Open(dir.Path, new JournalOptions());
        Assert.Equal(1, second.Head.Seq);
        second.Append(Samples.Bar(1));
        second.Flush();
        Assert.True(JournalVerifier.Verify(dir.Path, VerifyMode.Full).Ok);
    }
}
