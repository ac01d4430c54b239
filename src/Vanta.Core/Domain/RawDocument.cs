namespace Vanta.Core.Domain;

/// <summary>
/// A payload exactly as it was fetched or read from a tape, with its SHA-256, so that every replay
/// starts from the same bytes and every observation can be traced back to them.
/// </summary>
/// <param name="Source">Kind of source, e.g. <c>lean-daily</c>, <c>sec-form4</c>, <c>reddit-listing</c>.</param>
/// <param name="Uri">Where it came from: a URL or a path relative to the tape.</param>
/// <param name="ContentType">Media type, e.g. <c>text/csv</c>.</param>
/// <param name="FetchedAt">When Vanta read it (for a tape: the recorded fetch time).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of <paramref name="Content"/>.</param>
/// <param name="Content">The verbatim bytes (base64 in JSON).</param>
public sealed record RawDocument(
    string Source,
    string Uri,
    string ContentType,
    DateTimeOffset FetchedAt,
    string Sha256,
    byte[] Content)
{
    /// <summary>Creates a document and computes its digest.</summary>
    public static RawDocument Of(string source, string uri, string contentType, DateTimeOffset fetchedAt, byte[] content) =>
        new(source, uri, contentType, fetchedAt, Ids.ContentHash.Sha256Hex(content), content);
}
