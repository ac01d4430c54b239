using Vanta.Core.Domain;

namespace Vanta.Http;

/// <summary>
/// Receives every fetched document before the pipeline returns it, so nothing is parsed that was not
/// first recorded (the journal is the production sink). A sink that throws fails the fetch loudly:
/// a document that could not be journaled must not be acted on.
/// </summary>
public interface IRawDocumentSink
{
    ValueTask AcceptAsync(RawDocument document, CancellationToken cancellationToken);
}

/// <summary>A sink that keeps nothing, for tools that only look.</summary>
public sealed class NullRawDocumentSink : IRawDocumentSink
{
    /// <summary>The shared instance.</summary>
    public static NullRawDocumentSink Instance { get; } = new();

    private NullRawDocumentSink()
    {
    }

    public ValueTask AcceptAsync(RawDocument document, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
