using Vanta.Core.Envelopes;

namespace Vanta.Journal;

/// <summary>One line of the journal: its position in the chain, the links and the envelope it carries.</summary>
/// <param name="Seq">Position in the chain, from 1, contiguous across segments.</param>
/// <param name="Prev">The <see cref="Hash"/> of the record before (64 zeros for the first one).</param>
/// <param name="Hash">Lower-case hex SHA-256 of the record, as defined by <see cref="JournalHash"/>.</param>
public sealed record JournalRecord(long Seq, string Prev, string Hash, Envelope Envelope);
