using Vanta.Core.Domain;
using Vanta.Core.Envelopes;

namespace Vanta.Journal.Audit;

/// <summary>A <c>config</c> record of the journal: its document and its line, LF included, byte for byte.</summary>
internal sealed record JournaledConfig(long Seq, ConfigDocument Document, byte[] Line);

/// <summary>
/// One pass over a verified journal that finds the seq range of a window (from the first to the last record
/// whose ts_event is inside it), every config record, and the config version each allocation intent used.
/// Only config and intent records have their payload read.
/// </summary>
internal sealed class WindowScan
{
    private DateTimeOffset? earliest;
    private DateTimeOffset? latest;

    public long FirstSeq { get; private set; }

    public long LastSeq { get; private set; }

    public long InWindow { get; private set; }

    public List<JournaledConfig> Configs { get; } = [];

    public List<(long Seq, string Version)> Intents { get; } = [];

    public static WindowScan Run(string journalDirectory, AuditWindow window, long lastSeq)
    {
        var scan = new WindowScan();
        foreach (var line in JournalLines.Read(journalDirectory))
        {
            if (!scan.Visit(line.Line.Span, window, lastSeq, $"{line.SegmentName} byte {line.Offset}"))
                return scan;
        }
        return scan;
    }

    /// <summary>The journal's event-time span, to explain an empty window.</summary>
    public string Span() => earliest is null ? " (the journal is empty)" : $" (the journal's events run from {AuditWindow.Iso(earliest.Value)} to {AuditWindow.Iso(latest!.Value)})";

    /// <returns>False once past <paramref name="lastSeq"/>.</returns>
    private bool Visit(ReadOnlySpan<byte> line, AuditWindow window, long lastSeq, string where)
    {
        if (!JournalLine.TryParse(line, out var parsed) || !EnvelopeHeader.TryRead(parsed.Envelope(line), out var header))
            throw new InvalidDataException($"{where}: not a journal record with a readable envelope");
        if (parsed.Seq > lastSeq)
            return false;
        earliest = earliest is null || header.TsEvent < earliest ? header.TsEvent : earliest;
        latest = latest is null || header.TsEvent > latest ? header.TsEvent : latest;
        if (window.Contains(header.TsEvent))
        {
            FirstSeq = InWindow == 0 ? parsed.Seq : FirstSeq;
            LastSeq = parsed.Seq;
            InWindow++;
        }
        if (header.Type == EventKinds.Config.Name)
            Configs.Add(new JournaledConfig(parsed.Seq, EnvelopeCodec.Deserialize(parsed.Envelope(line)).Read(EventKinds.Config), [.. line, (byte)'\n']));
        else if (header.Type == EventKinds.AllocationIntent.Name)
            Intents.Add((parsed.Seq, EnvelopeCodec.Deserialize(parsed.Envelope(line)).Read(EventKinds.AllocationIntent).ConfigVersion));
        return true;
    }
}
