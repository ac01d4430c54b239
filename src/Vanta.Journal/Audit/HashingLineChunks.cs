using System.Security.Cryptography;

namespace Vanta.Journal.Audit;

/// <summary>
/// Chunks of whole lines from a stream (a zip entry, which cannot seek), in the shape <see cref="ChainWalk"/>
/// takes; every chunk is also fed to a SHA-256, so the file's digest costs no second pass.
/// </summary>
internal sealed class HashingLineChunks : IDisposable
{
    private readonly LineChunkReader reader;
    private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public HashingLineChunks(Stream stream) => reader = new LineChunkReader(stream);

    /// <summary>Bytes read so far; the whole file's length once <see cref="Finish"/> has run.</summary>
    public long Bytes { get; private set; }

    // The chunks cover the stream end to end, in order, so hashing them hashes every byte exactly once.
    public bool TryRead(out ReadOnlyMemory<byte> chunk, out long offset)
    {
        if (!reader.TryRead(out chunk, out offset))
            return false;
        sha.AppendData(chunk.Span);
        Bytes += chunk.Length;
        return true;
    }

    /// <summary>Reads to the end (the walk may stop early) and returns the SHA-256 of every byte, as hex.</summary>
    public string Finish()
    {
        while (TryRead(out _, out _))
        {
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public void Dispose()
    {
        reader.Dispose();
        sha.Dispose();
    }
}
