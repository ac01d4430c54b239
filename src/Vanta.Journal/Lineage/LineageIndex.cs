using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;
using Vanta.Core.Ids;
using Vanta.Core.Stages;

namespace Vanta.Journal.Lineage;

/// <summary>
/// The lineage index of a journal, kept in SQLite (<c>vanta.db</c> in the home): every record's event id, type,
/// event time and place in its segment, the parent-to-child edges both ways, and the payload ids a user may
/// know a decision by (client order id, fill id, intent id, signal id). It is a view: <see cref="Update"/> brings
/// it up to the journal's head incrementally, and rebuilds it whenever it is missing or does not match the
/// journal. Records are read back from the journal itself, with one seek each.
/// </summary>
/// <remarks>One instance per thread: it holds one connection and prepared commands.</remarks>
public sealed partial class LineageIndex : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Dictionary<int, SafeFileHandle> segments = [];
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    private LineageIndex(SqliteConnection connection, string journalDirectory)
    {
        this.connection = connection;
        JournalDirectory = journalDirectory;
    }

    /// <summary>The journal this index describes.</summary>
    public string JournalDirectory { get; }

    /// <summary>
    /// Opens (or creates) the index in <paramref name="databasePath"/> for the journal in <paramref name="journalDirectory"/>.
    /// It is not brought up to date here: call <see cref="Update"/>.
    /// </summary>
    public static LineageIndex Open(string databasePath, string journalDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(journalDirectory);
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        // No pooling: a closed index must release the file, so that a deleted database really is gone.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        var index = new LineageIndex(connection, Path.GetFullPath(journalDirectory));
        index.Execute(LineageSchema.Pragmas);
        index.Execute(LineageSchema.State);
        index.Execute(LineageSchema.Tables);
        return index;
    }

    /// <summary>The last record indexed; <see cref="JournalHead.Genesis"/> when nothing is.</summary>
    public JournalHead Head => ReadState(null) is { } state ? new JournalHead(state.Seq, state.Hash) : JournalHead.Genesis;

    /// <summary>The record with this event id (the first, should the journal hold it twice); null when not indexed.</summary>
    public LineageEntry? Find(EventId id) => Single(LineageSchema.ById, "$id", id.Value);

    /// <summary>The record at <paramref name="seq"/>; null when not indexed.</summary>
    public LineageEntry? At(long seq) => Single(LineageSchema.BySeq, "$seq", seq);

    /// <summary>
    /// Every record an id names: the record with that event id, or the records whose payload carries it as one of
    /// the <see cref="LineageKeys.Fields"/> (a client order id gives its order and its risk check).
    /// </summary>
    public IReadOnlyList<LineageMatch> Lookup(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var matches = new List<LineageMatch>();
        if (Find(new EventId(id)) is { } entry)
            matches.Add(new LineageMatch("event_id", entry));
        var command = Command(LineageSchema.ByKey);
        command.Parameters["$key"].Value = id;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            matches.Add(new LineageMatch(reader.GetString(0), ReadEntry(reader, 1)));
        return matches;
    }

    /// <summary>The parents <paramref name="entry"/>'s envelope names, in its order (some may be absent from this journal).</summary>
    public IReadOnlyList<EventId> Parents(LineageEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var command = Command(LineageSchema.ParentsOf);
        command.Parameters["$seq"].Value = entry.Seq;
        using var reader = command.ExecuteReader();
        var parents = new List<EventId>();
        while (reader.Read())
            parents.Add(new EventId(reader.GetString(0)));
        return parents;
    }

    /// <summary>The records that name <paramref name="parent"/> as a parent, in journal order, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<LineageEntry> Children(EventId parent, int limit = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var command = Command(LineageSchema.ChildrenOf);
        command.Parameters["$id"].Value = parent.Value;
        command.Parameters["$limit"].Value = limit;
        using var reader = command.ExecuteReader();
        var children = new List<LineageEntry>();
        while (reader.Read())
            children.Add(ReadEntry(reader, 0));
        return children;
    }

    /// <summary>How many records name <paramref name="parent"/> as a parent.</summary>
    public long CountChildren(EventId parent)
    {
        var command = Command(LineageSchema.CountChildren);
        command.Parameters["$id"].Value = parent.Value;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Every indexed record of one type, in journal order.</summary>
    public IReadOnlyList<LineageEntry> OfType(string type)
    {
        var command = Command(LineageSchema.OfType);
        command.Parameters["$type"].Value = type;
        using var reader = command.ExecuteReader();
        var entries = new List<LineageEntry>();
        while (reader.Read())
            entries.Add(ReadEntry(reader, 0));
        return entries;
    }

    /// <summary>
    /// Every ancestor of <paramref name="entry"/> held by this journal, each once, nearest first (breadth-first),
    /// from the index alone: no record is read.
    /// </summary>
    public IReadOnlyList<LineageEntry> Ancestors(LineageEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var seen = new HashSet<EventId> { entry.EventId };
        var found = new List<LineageEntry>();
        var queue = new Queue<LineageEntry>([entry]);
        while (queue.TryDequeue(out var next))
        {
            foreach (var parent in Parents(next))
            {
                if (seen.Add(parent) && Find(parent) is { } ancestor)
                {
                    found.Add(ancestor);
                    queue.Enqueue(ancestor);
                }
            }
        }
        return found;
    }

    /// <summary>Reads the record back from its segment with one positioned read.</summary>
    /// <exception cref="InvalidDataException">The journal no longer holds that record there (it changed after the last <see cref="Update"/>).</exception>
    public JournalRecord Read(LineageEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var path = Path.Combine(JournalDirectory, JournalSegments.FileName(entry.Segment));
        if (!segments.TryGetValue(entry.Segment, out var handle))
        {
            if (!File.Exists(path))
                throw Stale(entry, path, "the segment is missing");
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            segments[entry.Segment] = handle;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(entry.Length);
        try
        {
            var line = buffer.AsSpan(0, entry.Length);
            var read = 0;
            while (read < line.Length)
            {
                var n = RandomAccess.Read(handle, line[read..], entry.Offset + read);
                if (n == 0)
                    throw Stale(entry, path, "the segment is shorter than indexed");
                read += n;
            }
            if (!JournalLine.TryParse(line, out var parsed) || parsed.Seq != entry.Seq)
                throw Stale(entry, path, "another record is there");
            var envelope = EnvelopeCodec.Deserialize(parsed.Envelope(line));
            if (envelope.EventId != entry.EventId)
                throw Stale(entry, path, $"the record there is {envelope.EventId}");
            return new JournalRecord(parsed.Seq, Encoding.ASCII.GetString(parsed.Prev(line)), Encoding.ASCII.GetString(parsed.Hash(line)), envelope);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} byte offset {entry.Offset} (seq {entry.Seq}): bad envelope: {e.Message}", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static InvalidDataException Stale(LineageEntry entry, string path, string why) =>
        new($"the lineage index is out of date: {path} byte offset {entry.Offset} should hold seq {entry.Seq} ({entry.EventId}) but {why}; update the index");

    public void Dispose()
    {
        foreach (var handle in segments.Values)
            handle.Dispose();
        segments.Clear();
        foreach (var command in commands.Values)
            command.Dispose();
        commands.Clear();
        connection.Dispose();
    }

    private LineageEntry? Single(string sql, string parameter, object value)
    {
        var command = Command(sql);
        command.Parameters[parameter].Value = value;
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadEntry(reader, 0) : null;
    }

    private static LineageEntry ReadEntry(SqliteDataReader reader, int first) => new(
        reader.GetInt64(first),
        new EventId(reader.GetString(first + 1)),
        reader.GetString(first + 2),
        reader.GetString(first + 3),
        reader.GetInt32(first + 4),
        reader.GetInt64(first + 5),
        reader.GetInt32(first + 6));

    /// <summary>A prepared command per statement, kept for the life of the index: lookups then cost microseconds.</summary>
    private SqliteCommand Command(string sql)
    {
        if (commands.TryGetValue(sql, out var command))
            return command;
        command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in ParameterNames(sql))
            command.Parameters.Add(new SqliteParameter(name, null));
        command.Prepare();
        commands[sql] = command;
        return command;
    }

    private static IEnumerable<string> ParameterNames(string sql)
    {
        var at = 0;
        while ((at = sql.IndexOf('$', at)) >= 0)
        {
            var end = at + 1;
            while (end < sql.Length && (char.IsAsciiLetterOrDigit(sql[end]) || sql[end] == '_'))
                end++;
            yield return sql[at..end];
            at = end;
        }
    }

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
