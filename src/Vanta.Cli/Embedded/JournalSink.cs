using Vanta.Core.Envelopes;
using Vanta.Core.Ids;
using Vanta.Core.Stages;
using Vanta.Journal;

namespace Vanta.Cli.Embedded;

/// <summary>
/// The embedded run's single writer to the journal. Event ids are content-derived, so an event already
/// in the journal (a rerun of the same tape into the same home, or a restart) is not appended twice.
/// </summary>
public sealed class JournalSink : IDisposable
{
    private readonly JournalWriter _writer;
    private readonly HashSet<EventId> _known;

    private JournalSink(JournalWriter writer, HashSet<EventId> known)
    {
        _writer = writer;
        _known = known;
    }

    /// <summary>Records appended by this run.</summary>
    public long Appended { get; private set; }

    public JournalHead Head => _writer.Head;

    public static JournalSink Open(string directory, JournalOptions options, Action<string> warn)
    {
        // Open first: it repairs a torn tail, so the reader below sees only whole records.
        var writer = JournalWriter.Open(directory, options, warn);
        var known = new HashSet<EventId>();
        foreach (var record in JournalReader.ReadAll(directory))
            known.Add(record.Envelope.EventId);
        return new JournalSink(writer, known);
    }

    /// <summary>Appends the envelope unless an identical event is already journaled; true when appended.</summary>
    public bool Append(Envelope envelope)
    {
        if (!_known.Add(envelope.EventId))
            return false;
        _writer.Append(envelope);
        Appended++;
        return true;
    }

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
