namespace Vanta.Journal.Lineage;

/// <summary>
/// The lineage tables in <c>vanta.db</c>. They are prefixed <c>lineage_</c> because the database also holds
/// other views of the node; a rebuild drops and recreates only these. Edges name the parent by event id
/// (it may come from another node's journal and not be here) and the child by seq.
/// </summary>
internal static class LineageSchema
{
    /// <summary>Bumped when the tables change; an index of another version is rebuilt.</summary>
    public const int Version = 1;

    // A large page cache and in-memory sorting keep a bulk build and its index creation off temporary files.
    public const string Pragmas = "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;";

    public const string State = """
        CREATE TABLE IF NOT EXISTS lineage_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            schema INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            hash TEXT NOT NULL)
        """;

    public const string Drop = """
        DROP TABLE IF EXISTS lineage_events;
        DROP TABLE IF EXISTS lineage_edges;
        DROP TABLE IF EXISTS lineage_keys;
        DELETE FROM lineage_state;
        """;

    // Secondary indexes are created after a bulk load: building them once is faster than maintaining them row by row.
    public const string Tables = """
        CREATE TABLE IF NOT EXISTS lineage_events (
            seq INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL,
            type TEXT NOT NULL,
            ts_event TEXT NOT NULL,
            segment INTEGER NOT NULL,
            offset INTEGER NOT NULL,
            length INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS lineage_edges (parent TEXT NOT NULL, child INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS lineage_keys (key TEXT NOT NULL, field TEXT NOT NULL, seq INTEGER NOT NULL);
        """;

    public const string Indexes = """
        CREATE INDEX lineage_events_by_id ON lineage_events (event_id);
        CREATE INDEX lineage_events_by_type ON lineage_events (type, seq);
        CREATE INDEX lineage_edges_by_parent ON lineage_edges (parent, child);
        CREATE INDEX lineage_edges_by_child ON lineage_edges (child);
        CREATE INDEX lineage_keys_by_key ON lineage_keys (key);
        """;

    public const string Columns = "seq, event_id, type, ts_event, segment, offset, length";

    public const string InsertEvent =
        "INSERT INTO lineage_events (seq, event_id, type, ts_event, segment, offset, length) VALUES ($seq, $id, $type, $ts, $segment, $offset, $length)";

    public const string InsertEdge = "INSERT INTO lineage_edges (parent, child) VALUES ($parent, $child)";

    public const string InsertKey = "INSERT INTO lineage_keys (key, field, seq) VALUES ($key, $field, $seq)";

    public const string WriteState = """
        INSERT INTO lineage_state (id, schema, seq, hash) VALUES (1, $schema, $seq, $hash)
        ON CONFLICT (id) DO UPDATE SET schema = excluded.schema, seq = excluded.seq, hash = excluded.hash
        """;

    public const string ReadState = "SELECT schema, seq, hash FROM lineage_state WHERE id = 1";

    public const string ById = $"SELECT {Columns} FROM lineage_events WHERE event_id = $id ORDER BY seq LIMIT 1";

    public const string BySeq = $"SELECT {Columns} FROM lineage_events WHERE seq = $seq";

    public const string ByKey = """
        SELECT k.field, e.seq, e.event_id, e.type, e.ts_event, e.segment, e.offset, e.length
        FROM lineage_keys k JOIN lineage_events e ON e.seq = k.seq WHERE k.key = $key ORDER BY k.seq
        """;

    public const string ParentsOf = "SELECT parent FROM lineage_edges WHERE child = $seq ORDER BY rowid";

    public const string ChildrenOf = """
        SELECT e.seq, e.event_id, e.type, e.ts_event, e.segment, e.offset, e.length
        FROM lineage_edges d JOIN lineage_events e ON e.seq = d.child WHERE d.parent = $id ORDER BY d.child LIMIT $limit
        """;

    public const string CountChildren = "SELECT count(*) FROM lineage_edges WHERE parent = $id";

    public const string OfType = $"SELECT {Columns} FROM lineage_events WHERE type = $type ORDER BY seq";
}
