using Vanta.Core.Envelopes;
using Vanta.Core.Stages;
using Vanta.Journal.Lineage;

namespace Vanta.Journal.Tests.Lineage;

public sealed class LineageIndexTests
{
    [Fact]
    public void A_build_indexes_every_record_with_its_place_edges_and_payload_ids()
    {
        using var dir = new TempDir();
        var envelopes = DecisionChains.Chains(0, 30).ToList();
        Journals.Write(dir.Sub("journal"), envelopes);
        using var index = LineageIndex.Open(dir.Sub("vanta.db"), dir.Sub("journal"));

        var sync = index.Update();

        Assert.True(sync.Rebuilt);
        Assert.Equal("no index yet", sync.Reason);
        Assert.Equal(envelopes.Count, sync.Added);
        Assert.Equal(Head(dir.Sub("journal")), sync.Head);
        Assert.Equal(sync.Head, index.Head);
        for (var i = 0; i < envelopes.Count; i++)
        {
            var entry = index.Find(envelopes[i].EventId);
            Assert.NotNull(entry);
            Assert.Equal(i + 1, entry.Seq);
            Assert.Equal(envelopes[i].Type, entry.Type);
            Assert.Equal(envelopes[i], index.Read(entry).Envelope, EnvelopeComparer.Instance);
            Assert.Equal(envelopes[i].Parents, index.Parents(entry));
        }
        Assert.Equal(30, index.OfType("fill").Count);
    }

    [Fact]
    public void Children_are_found_from_the_parent_in_journal_order()
    {
        using var dir = new TempDir();
        var envelopes = DecisionChains.Chains(0, 10, barsPerDocument: 5).ToList();
        Journals.Write(dir.Sub("journal"), envelopes);
        using var index = Updated(dir);

        var document = envelopes.First(e => e.Type == "raw_document");
        var bars = envelopes.Where(e => e.Parents.Contains(document.EventId)).Select(e => e.EventId).ToList();
        Assert.Equal(5, bars.Count);
        Assert.Equal(bars, index.Children(document.EventId).Select(c => c.EventId));
        Assert.Equal(bars.Take(2), index.Children(document.EventId, limit: 2).Select(c => c.EventId));
        Assert.Equal(5, index.CountChildren(document.EventId));
        var order = envelopes.First(e => e.Type == "order");
        Assert.Equal(2, index.Children(order.EventId).Count);
    }

    [Fact]
    public void Payload_ids_find_the_records_that_define_them()
    {
        using var dir = new TempDir();
        Journals.Write(dir.Sub("journal"), DecisionChains.Chains(0, 20));
        using var index = Updated(dir);

        var byClientOrder = index.Lookup(DecisionChains.ClientOrderId(7));
        Assert.Equal(["risk_check", "order"], byClientOrder.Select(m => m.Entry.Type));
        Assert.All(byClientOrder, m => Assert.Equal("client_order_id", m.Field));
        Assert.Equal("order", LineageKeys.Preferred(byClientOrder)!.Entry.Type);
        Assert.Equal("order", LineageKeys.Preferred(index.Lookup(DecisionChains.OrderId(7)))!.Entry.Type);
        Assert.Equal("fill", Assert.Single(index.Lookup(DecisionChains.FillId(7))).Entry.Type);
        Assert.Equal("allocation_intent", Assert.Single(index.Lookup(DecisionChains.IntentId(7))).Entry.Type);
        Assert.Equal("conviction", Assert.Single(index.Lookup(DecisionChains.SignalId(7))).Entry.Type);
        Assert.Equal("config", Assert.Single(index.Lookup(DecisionChains.ConfigVersion)).Entry.Type);
        var fill = index.OfType("fill")[7];
        var byEventId = Assert.Single(index.Lookup(fill.EventId.Value));
        Assert.Equal("event_id", byEventId.Field);
        Assert.Equal(fill, byEventId.Entry);
        Assert.Empty(index.Lookup("vanta-99999999"));
        // The client order id of chain 7 must not find chain 17's records.
        Assert.DoesNotContain(byClientOrder, m => index.Read(m.Entry).Envelope.Payload.Span.IndexOf("vanta-00000017"u8) >= 0);
    }

    [Fact]
    public void An_update_indexes_only_what_was_appended_since_the_last_one()
    {
        using var dir = new TempDir();
        var journal = dir.Sub("journal");
        Journals.Write(journal, DecisionChains.Chains(0, 10));
        using var index = Updated(dir);
        var before = index.Head;

        var appended = DecisionChains.Chains(10, 5, withConfig: false).ToList();
        Journals.Write(journal, appended);
        var sync = index.Update();

        Assert.False(sync.Rebuilt);
        Assert.Null(sync.Reason);
        Assert.Equal(appended.Count, sync.Added);
        Assert.Equal(before.Seq + appended.Count, sync.Head.Seq);
        Assert.Equal(Head(journal), sync.Head);
        Assert.Equal("fill", Assert.Single(index.Lookup(DecisionChains.FillId(12))).Entry.Type);
        Assert.Equal(appended[^1], index.Read(index.Find(appended[^1].EventId)!).Envelope, EnvelopeComparer.Instance);
        Assert.Equal(0, index.Update().Added);
        Assert.False(index.Update().Rebuilt);
    }

    [Fact]
    public void Updates_follow_the_chain_across_segment_rotations()
    {
        using var dir = new TempDir();
        var journal = dir.Sub("journal");
        var options = new JournalOptions { MaxSegmentBytes = 4096 };
        Journals.Write(journal, DecisionChains.Chains(0, 6), options);
        using var index = Updated(dir);
        Journals.Write(journal, DecisionChains.Chains(6, 6, withConfig: false), options);

        var sync = index.Update();

        Assert.False(sync.Rebuilt);
        Assert.True(Directory.GetFiles(journal).Length > 10);
        Assert.Equal(Head(journal), sync.Head);
        var records = JournalReader.ReadAll(journal).ToList();
        Assert.All(records, r => Assert.Equal(r.Envelope, index.Read(index.At(r.Seq)!).Envelope, EnvelopeComparer.Instance));
        Assert.Contains(records, r => index.At(r.Seq)!.Segment > 1 && index.At(r.Seq)!.Offset == 0);
    }

    [Fact]
    public void A_missing_database_is_rebuilt_from_the_journal()
    {
        using var dir = new TempDir();
        Journals.Write(dir.Sub("journal"), DecisionChains.Chains(0, 5));
        using (Updated(dir))
        {
        }
        File.Delete(dir.Sub("vanta.db"));

        using var index = LineageIndex.Open(dir.Sub("vanta.db"), dir.Sub("journal"));
        var sync = index.Update();

        Assert.True(sync.Rebuilt);
        Assert.Equal(Head(dir.Sub("journal")), sync.Head);
        Assert.Equal("fill", Assert.Single(index.Lookup(DecisionChains.FillId(3))).Entry.Type);
    }

    [Fact]
    public void A_replaced_journal_is_detected_and_the_index_rebuilt_without_the_old_records()
    {
        using var dir = new TempDir();
        var journal = dir.Sub("journal");
        Journals.Write(journal, DecisionChains.Chains(0, 5));
        using var index = Updated(dir);
        var old = index.OfType("fill")[0];

        Directory.Delete(journal, recursive: true);
        Journals.Write(journal, DecisionChains.Chains(100, 8));
        var sync = index.Update();

        Assert.True(sync.Rebuilt);
        Assert.Contains("replaced", sync.Reason);
        Assert.Equal(Head(journal), sync.Head);
        Assert.Null(index.Find(old.EventId));
        Assert.Empty(index.Lookup(DecisionChains.FillId(0)));
        Assert.Single(index.Lookup(DecisionChains.FillId(104)));
    }

    [Fact]
    public void A_journal_cut_below_the_indexed_head_is_rebuilt()
    {
        using var dir = new TempDir();
        var journal = dir.Sub("journal");
        Journals.Write(journal, DecisionChains.Chains(0, 5));
        using var index = Updated(dir);
        var segment = Path.Combine(journal, "journal-000001.jsonl");
        Journals.Rewrite(segment, Journals.Lines(segment).Take(20));

        var sync = index.Update();

        Assert.True(sync.Rebuilt);
        Assert.Equal(20, sync.Head.Seq);
        Assert.Equal(20, sync.Added);
    }

    [Fact]
    public void A_torn_last_line_is_not_indexed_until_it_is_complete()
    {
        using var dir = new TempDir();
        var journal = dir.Sub("journal");
        Journals.Write(journal, DecisionChains.Chains(0, 2));
        var segment = Path.Combine(journal, "journal-000001.jsonl");
        var complete = File.ReadAllText(segment);
        File.AppendAllText(segment, "{\"seq\":999,\"prev\":\"00");
        using var index = LineageIndex.Open(dir.Sub("vanta.db"), journal);

        var sync = index.Update();

        Assert.Equal(Journals.Lines(segment).Count - 1, sync.Head.Seq);
        Assert.Equal(complete.Count(c => c == '\n'), sync.Added);
    }

    [Fact]
    public void A_broken_link_is_reported_with_the_segment_and_offset()
    {
        using var dir = new TempDir();
        var journal = dir.Sub("journal");
        Journals.Write(journal, DecisionChains.Chains(0, 2));
        var segment = Path.Combine(journal, "journal-000001.jsonl");
        var lines = Journals.Lines(segment);
        lines.RemoveAt(5);
        Journals.Rewrite(segment, lines);
        using var index = LineageIndex.Open(dir.Sub("vanta.db"), journal);

        var error = Assert.Throws<InvalidDataException>(() => index.Update());

        Assert.Contains("journal-000001.jsonl byte offset", error.Message);
        Assert.Contains("seq 7 does not follow seq 5", error.Message);
        Assert.Equal(JournalHead.Genesis, index.Head);
    }

    [Fact]
    public void Reading_a_record_the_journal_no_longer_holds_says_the_index_is_stale()
    {
        using var dir = new TempDir();
        var journal = dir.Sub("journal");
        Journals.Write(journal, DecisionChains.Chains(0, 3));
        using var index = Updated(dir);
        var last = index.At(index.Head.Seq)!;
        var segment = Path.Combine(journal, "journal-000001.jsonl");
        Journals.Rewrite(segment, Journals.Lines(segment).Take(3));

        var error = Assert.Throws<InvalidDataException>(() => index.Read(last));

        Assert.Contains("out of date", error.Message);
        Assert.Contains($"seq {last.Seq}", error.Message);
    }

    private static LineageIndex Updated(TempDir dir)
    {
        var index = LineageIndex.Open(dir.Sub("vanta.db"), dir.Sub("journal"));
        index.Update();
        return index;
    }

    private static JournalHead Head(string journal)
    {
        var result = JournalVerifier.Verify(journal);
        Assert.True(result.Ok, result.Problem);
        return result.Head;
    }

    private sealed class EnvelopeComparer : IEqualityComparer<Envelope>
    {
        public static readonly EnvelopeComparer Instance = new();

        public bool Equals(Envelope? x, Envelope? y) =>
            x is not null && y is not null && x.EventId == y.EventId && x.Type == y.Type && x.Parents.SequenceEqual(y.Parents)
            && x.TsEvent == y.TsEvent && x.Payload.Span.SequenceEqual(y.Payload.Span);

        public int GetHashCode(Envelope obj) => obj.EventId.GetHashCode();
    }
}
