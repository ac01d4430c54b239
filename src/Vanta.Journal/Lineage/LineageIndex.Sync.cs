using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Vanta.Core.Stages;

namespace Vanta.Journal.Lineage;

public sealed partial class LineageIndex
{
    private sealed record State(int Schema, long Seq, string Hash);

    /// <summary>
    /// Brings the index up to the journal's head. It continues from the last record indexed when the journal
    /// still holds that record with the same hash (so the same chain up to it); otherwise, or when there is no
    /// index yet, it rebuilds from the whole journal. One transaction: a crash leaves the index as it was.
    /// </summary>
    /// <exception cref="InvalidDataException">The journal is damaged (a missing segment, a broken link); names where.</exception>
    public LineageSync Update() => Sync(force: null);

    /// <summary>Drops the index and builds it again from the whole journal.</summary>
    public LineageSync Rebuild() => Sync(force: "rebuild requested");

    private LineageSync Sync(string? force)
    {
        ReleaseSegments();
        var segmentList = Directory.Exists(JournalDirectory) ? JournalSegments.List(JournalDirectory) : [];
        if (JournalSegments.FirstGap(segmentList) is { } gap)
            throw new InvalidDataException($"{JournalDirectory}: segment {JournalSegments.FileName(gap)} is missing; run `vanta audit verify`");

        // Immediate: a second process updating at the same time waits here, then sees this one's work.
        using var transaction = connection.BeginTransaction(deferred: false);
        var state = ReadState(transaction);
        var reason = force ?? (state is null ? "no index yet"
            : state.Schema != LineageSchema.Version ? "the index was written by another version"
            : Mismatch(state, transaction));

        if (reason is not null)
        {
            Execute(LineageSchema.Drop, transaction);
            Execute(LineageSchema.Tables, transaction);
        }
        var last = reason is null && state!.Seq > 0 ? Single(transaction, LineageSchema.BySeq, "$seq", state.Seq) : null;
        using var batch = reason is null
            ? new Batch(this, state!.Seq, state.Hash, last?.Segment ?? 1, last is null ? 0 : last.Offset + last.Length + 1)
            : new Batch(this, 0, JournalHead.Genesis.Hash, 1, 0);

        foreach (var segment in segmentList.Where(s => s.Number >= batch.Segment))
            batch.Ingest(segment);
        if (reason is not null)
            Execute(LineageSchema.Indexes, transaction);
        var head = new JournalHead(batch.Seq, batch.HashText);
        WriteState(transaction, head);
        transaction.Commit();
        return new LineageSync(reason is not null, batch.Added, head, reason);
    }

    /// <summary>Why the indexed head is not in the journal any more; null when the journal still holds it.</summary>
    private string? Mismatch(State state, SqliteTransaction transaction)
    {
        if (state.Seq == 0)
            return null;
        var last = Single(transaction, LineageSchema.BySeq, "$seq", state.Seq);
        if (last is null)
            return $"the index has no record for its head seq {state.Seq}";
        var path = Path.Combine(JournalDirectory, JournalSegments.FileName(last.Segment));
        if (!File.Exists(path))
            return $"the journal has no {JournalSegments.FileName(last.Segment)} (it was replaced or cut)";
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var line = new byte[last.Length];
        if (RandomAccess.GetLength(handle) < last.Offset + last.Length + 1 || RandomAccess.Read(handle, line, last.Offset) != line.Length)
            return $"the journal ends before seq {state.Seq} (it was replaced or cut)";
        if (!JournalLine.TryParse(line, out var parsed) || parsed.Seq != state.Seq || !parsed.Hash(line).SequenceEqual(Encoding.ASCII.GetBytes(state.Hash)))
            return $"the journal's record at seq {state.Seq} is not the one indexed (the journal was replaced)";
        return null;
    }

    private State? ReadState(SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = LineageSchema.ReadState;
        using var reader = command.ExecuteReader();
        return reader.Read() ? new State(reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2)) : null;
    }

    private void WriteState(SqliteTransaction transaction, JournalHead head)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = LineageSchema.WriteState;
        command.Parameters.AddWithValue("$schema", LineageSchema.Version);
        command.Parameters.AddWithValue("$seq", head.Seq);
        command.Parameters.AddWithValue("$hash", head.Hash);
        command.ExecuteNonQuery();
    }

    private LineageEntry? Single(SqliteTransaction transaction, string sql, string parameter, object value)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue(parameter, value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadEntry(reader, 0) : null;
    }

    private void ReleaseSegments()
    {
        foreach (var handle in segments.Values)
            handle.Dispose();
        segments.Clear();
    }

    /// <summary>
    /// Inserts records with three statements prepared once and rebound per row through SQLite's own API: a
    /// bulk build of a million records runs several times faster than through ADO.NET commands.
    /// </summary>
    private sealed class Batch : IDisposable
    {
        private readonly EnvelopeScan scan = new();
        private readonly byte[] lastHash;
        private readonly sqlite3 db;
        private readonly sqlite3_stmt events, edges, keys;

        public Batch(LineageIndex index, long seq, string hash, int segment, long offset)
        {
            Seq = seq;
            lastHash = Encoding.ASCII.GetBytes(hash);
            Segment = segment;
            Offset = offset;
            db = index.connection.Handle!;
            events = Prepare(LineageSchema.InsertEvent);
            edges = Prepare(LineageSchema.InsertEdge);
            keys = Prepare(LineageSchema.InsertKey);
        }

        public long Seq { get; private set; }

        public int Segment { get; }

        public long Offset { get; }

        public long Added { get; private set; }

        public string HashText => Encoding.ASCII.GetString(lastHash);

        public void Ingest(Segment segment)
        {
            foreach (var line in JournalLines.Read(segment, segment.Number == Segment ? Offset : 0))
                Add(line.Line.Span, segment, line.Offset);
        }

        private void Add(ReadOnlySpan<byte> line, Segment segment, long offset)
        {
            if (!JournalLine.TryParse(line, out var parsed))
                throw new InvalidDataException($"{segment.Name} byte offset {offset}: not a journal record ({EnvelopeScan.Preview(line)}); run `vanta audit verify`");
            if (parsed.Seq != Seq + 1 || !parsed.Prev(line).SequenceEqual(lastHash))
                throw new InvalidDataException($"{segment.Name} byte offset {offset}: seq {parsed.Seq} does not follow seq {Seq} in the chain; run `vanta audit verify`");
            try
            {
                scan.Read(parsed.Envelope(line));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{segment.Name} byte offset {offset} (seq {parsed.Seq}): bad envelope: {e.Message}", e);
            }

            Seq = parsed.Seq;
            parsed.Hash(line).CopyTo(lastHash);
            // Parameters in the order of the statements in LineageSchema.
            raw.sqlite3_bind_int64(events, 1, Seq);
            raw.sqlite3_bind_text(events, 2, scan.EventId);
            raw.sqlite3_bind_text(events, 3, scan.Type);
            raw.sqlite3_bind_text(events, 4, scan.TsEvent);
            raw.sqlite3_bind_int(events, 5, segment.Number);
            raw.sqlite3_bind_int64(events, 6, offset);
            raw.sqlite3_bind_int(events, 7, line.Length);
            Step(events);
            foreach (var parent in scan.Parents)
            {
                raw.sqlite3_bind_text(edges, 1, parent);
                raw.sqlite3_bind_int64(edges, 2, Seq);
                Step(edges);
            }
            foreach (var (field, value) in scan.Keys)
            {
                raw.sqlite3_bind_text(keys, 1, value);
                raw.sqlite3_bind_text(keys, 2, field);
                raw.sqlite3_bind_int64(keys, 3, Seq);
                Step(keys);
            }
            Added++;
        }

        private void Step(sqlite3_stmt statement)
        {
            var result = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (result != raw.SQLITE_DONE)
                throw new SqliteException($"lineage index insert failed: {raw.sqlite3_errmsg(db).utf8_to_string()}", result);
        }

        private sqlite3_stmt Prepare(string sql)
        {
            var result = raw.sqlite3_prepare_v2(db, sql, out var statement);
            if (result != raw.SQLITE_OK)
                throw new SqliteException($"lineage index statement failed to prepare: {raw.sqlite3_errmsg(db).utf8_to_string()}", result);
            return statement;
        }

        public void Dispose()
        {
            events.Dispose();
            edges.Dispose();
            keys.Dispose();
        }
    }
}
