using Vanta.Core.Domain;
using Vanta.Core.Envelopes;
using Vanta.Http;

namespace Vanta.Cli.Embedded;

/// <summary>Journals every fetched payload as a <c>raw_document</c> the moment it arrives, before anyone parses it.</summary>
public sealed class JournalDocumentSink(JournalSink journal, TimeProvider clock, Producer producer) : IRawDocumentSink
{
    private readonly List<(RawDocument Document, Envelope Envelope)> _received = [];

    /// <summary>What arrived, in order, with the envelope that journaled it.</summary>
    public IReadOnlyList<(RawDocument Document, Envelope Envelope)> Received => _received;

    public ValueTask AcceptAsync(RawDocument document, CancellationToken cancellationToken)
    {
        var envelope = Envelope.Create(EventKinds.RawDocument, document, document.FetchedAt, clock.GetUtcNow(), producer);
        journal.Append(envelope);
        _received.Add((document, envelope));
        return ValueTask.CompletedTask;
    }
}
