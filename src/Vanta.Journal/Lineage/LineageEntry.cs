using Vanta.Core.Ids;

namespace Vanta.Journal.Lineage;

/// <summary>Where one journal record lives, as the lineage index knows it: enough to read it back with one seek.</summary>
/// <param name="Seq">The record's position in the chain.</param>
/// <param name="EventId">The envelope's event id.</param>
/// <param name="Type">The envelope's type (<c>fill</c>, <c>order</c>, …).</param>
/// <param name="TsEvent">The envelope's event time, as written in the journal.</param>
/// <param name="Segment">Number of the segment file (<c>journal-000001.jsonl</c> is 1).</param>
/// <param name="Offset">Byte offset of the line in the segment.</param>
/// <param name="Length">Length of the line in bytes, without its LF.</param>
public sealed record LineageEntry(long Seq, EventId EventId, string Type, string TsEvent, int Segment, long Offset, int Length);

/// <summary>A record found by one of its payload ids (a client order id, a fill id, …).</summary>
/// <param name="Field">The payload field that holds the id (<c>client_order_id</c>); <c>event_id</c> for an event id.</param>
public sealed record LineageMatch(string Field, LineageEntry Entry);

/// <summary>What <see cref="LineageIndex.Update"/> did.</summary>
/// <param name="Rebuilt">True when the index was built from scratch (no index yet, or it did not match the journal).</param>
/// <param name="Added">Records indexed by this update.</param>
/// <param name="Head">The last record indexed: the journal's head when the update began.</param>
/// <param name="Reason">Why the index was rebuilt; null when it was not.</param>
public sealed record LineageSync(bool Rebuilt, long Added, Vanta.Core.Stages.JournalHead Head, string? Reason);
