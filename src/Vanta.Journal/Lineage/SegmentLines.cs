using Microsoft.Win32.SafeHandles;

namespace Vanta.Journal.Lineage;

/// <summary>
/// Reads a segment from a byte offset in large chunks of whole lines, so an incremental index update starts
/// where the last one stopped instead of at the top of a 64 MiB segment. Bytes after the last LF (a write in
/// progress or a torn tail) are not a record yet and are never returned.
/// </summary>
internal sealed class SegmentLines : IDisposable
{
    private readonly SafeFileHandle handle;
    private readonly long length;
    private byte[] buffer;
    private int filled;
    private int consumed;
    private long bufferOffset;
    private long readOffset;

    public SegmentLines(string path, long start, int chunkBytes = 4 << 20)
    {
        handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        length = RandomAccess.GetLength(handle);
        bufferOffset = readOffset = start;
        buffer = new byte[(int)Math.Clamp(length - start, 4096, chunkBytes)];
    }

    /// <summary>The next run of complete lines, each ending in LF, and the file offset of its first byte.</summary>
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
            while (filled < buffer.Length && readOffset < length)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(filled), readOffset);
                if (read == 0)
                    break;
                filled += read;
                readOffset += read;
            }
            var lastLf = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n');
            if (lastLf >= 0)
            {
                consumed = lastLf + 1;
                chunk = buffer.AsMemory(0, consumed);
                return true;
            }
            if (filled < buffer.Length)
            {
                chunk = default;
                return false;
            }
            // One line is longer than the buffer (a large raw document): grow it rather than split the line.
            Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    public void Dispose() => handle.Dispose();
}
