using Vanta.Core.Stages;

namespace Vanta.Journal;

/// <summary>
/// Checks a journal directory end to end: every line is a record, seq runs 1, 2, 3, … across segments
/// with none missing, each prev is the hash before it, each hash recomputes from its line and (in
/// <see cref="VerifyMode.Full"/>) each envelope's event_id recomputes from its content. Catches edited,
/// deleted, reordered and inserted records and missing or renamed segments. A cut at the very end (the
/// last records or segments removed) leaves a valid shorter chain: compare <see cref="VerifyResult.Head"/>
/// with a head recorded elsewhere (an audit export, a peer node) to catch that.
/// </summary>
public static class JournalVerifier
{
    public static VerifyResult Verify(string directory, VerifyMode mode = VerifyMode.Full)
    {
        if (!Directory.Exists(directory))
            return new VerifyResult(false, 0, JournalHead.Genesis, 1, $"journal directory {directory} does not exist");

        var segments = JournalSegments.List(directory);
        var walk = new ChainWalk(mode);
        for (var i = 0; i < segments.Count; i++)
        {
            var expected = i + 1;
            if (segments[i].Number != expected)
                return walk.Fail($"segment {JournalSegments.FileName(expected)} is missing (the next one present is {segments[i].Name})");
            var problem = walk.Walk(segments[i]);
            if (problem is not null)
                return walk.Fail(problem);
        }
        return VerifyResult.Good(walk.Verified, walk.Head);
    }
}
