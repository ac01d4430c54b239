using Vanta.Core.Stages;

namespace Vanta.Journal;

/// <summary>How much of each record <see cref="JournalVerifier"/> checks. Persisted values are frozen.</summary>
public enum VerifyMode
{
    /// <summary>The chain plus each envelope's <c>event_id</c> recomputed from its content: the audit default.</summary>
    Full = 1,

    /// <summary>
    /// Layout, sequence, links and record hashes only. Misses an envelope edited by someone who also
    /// recomputed every record hash after it; faster, for routine checks.
    /// </summary>
    ChainOnly = 2,
}

/// <summary>Outcome of verifying a journal.</summary>
/// <param name="Ok">True when every record checked out.</param>
/// <param name="RecordCount">Records verified good, in order from seq 1 (all of them when <paramref name="Ok"/>).</param>
/// <param name="Head">The last good record: the trusted end of the chain.</param>
/// <param name="FirstBadSeq">
/// The seq the first failing position should have held: records before it are intact. Null when Ok.
/// </param>
/// <param name="Problem">What is wrong and where (file, line, seq); null when Ok.</param>
public sealed record VerifyResult(bool Ok, long RecordCount, JournalHead Head, long? FirstBadSeq, string? Problem)
{
    internal static VerifyResult Good(long count, JournalHead head) => new(true, count, head, null, null);

    internal static VerifyResult Bad(long count, JournalHead head, string problem) => new(false, count, head, count + 1, problem);
}
