using System.Buffers;

namespace Vanta.Http.Pipeline;

/// <summary>
/// Reads a body up to a byte limit. An announced length over the limit is refused before reading; an
/// unannounced one is read in chunks and refused as soon as it passes the limit, so an oversized
/// answer never sits in memory whole.
/// </summary>
internal static class BoundedBodyReader
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>The body bytes, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } announced && announced > maxBytes)
            return null;
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(content.Headers.ContentLength ?? ChunkBytes, maxBytes) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(ChunkBytes);
            var read = await stream.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return buffer.WrittenSpan.ToArray();
            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
                return null;
        }
    }
}
