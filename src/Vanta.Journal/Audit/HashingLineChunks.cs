using System.Security.Cryptography;

namespace Vanta.Journal.Audit;

/// <summary>
/// Chunks of whole lines from a stream (a zip entry, which cannot seek), in the shape <see cref="ChainWalk"/>
/// takes; every byte read is also fed to a SHA-256, so the file's digest costs no second pass.
/// </summary>
internal sealed class HashingLineChunks : IDisposable
{
    private readonly Stream stream;
    private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] buffer = new byte[4 << 20];
    private int filled;
    private int consumed;
    private long bufferOffset;
    private bool ended;

    public HashingLineChunks(Stream stream) => this.stream = stream;

    public long Bytes { get; private set; }

    public bool TryRead(out ReadOnlyMemory<byte> chunk, out long offset)
    {
        if (consumed > 0)
        {
            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            bufferOffset += consumed;
            filled -= consumed;
            consumed = 0;
        }
        offset = bufferOffset;
        while (true)
        {
            Fill();
            if (filled == 0)
            {
                chunk = default;
                return false;
            }
            var lastLf = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n');
            if (lastLf >= 0 || ended)
            {
                consumed = lastLf >= 0 ? lastLf + 1 : filled;
                chunk = buffer.AsMemory(0, consumed);
                return true;
            }
            Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    /// <summary>Reads to the end (the walk may stop early) and returns the SHA-256 of every byte, as hex.</summary>
    public string Finish()
    {
        while (TryRead(out _, out _))
        {
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private void Fill()
    {
        while (filled < buffer.Length && !ended)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                ended = true;
                break;
            }
            sha.AppendData(buffer, filled, read);
            filled += read;
            Bytes += read;
        }
    }

    public void Dispose() => sha.Dispose();
}
