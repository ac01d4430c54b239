using Microsoft.Win32.SafeHandles;

namespace Vanta.Journal;

/// <summary>
/// Reads a file in large chunks that end on a line boundary, so a caller handles thousands of lines per
/// system call. At the end of the file, bytes after the last LF come as a final chunk without an LF.
/// The length is taken at open: bytes a concurrent writer appends later are not read.
/// </summary>
internal sealed class LineChunkReader : IDisposable
{
    private readonly SafeFileHandle handle;
    private long length;
    private byte[] buffer;
    private int filled;
    private int consumed;
    private long bufferOffset;
    private long readOffset;

    public LineChunkReader(string path, int chunkBytes = 4 << 20)
    {
        handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        length = RandomAccess.GetLength(handle);
        buffer = new byte[(int)Math.Clamp(length, 4096, chunkBytes)];
    }

    /// <summary>Next chunk: whole lines each ending in LF, or the unterminated tail of the file.</summary>
    /// <param name="offset">File offset of the chunk's first byte.</param>
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
            if (lastLf >= 0 || readOffset >= length)
            {
                consumed = lastLf >= 0 ? lastLf + 1 : filled;
                chunk = buffer.AsMemory(0, consumed);
                return true;
            }
            // One line is longer than the buffer: grow it rather than split the line.
            Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    private void Fill()
    {
        while (filled < buffer.Length && readOffset < length)
        {
            var read = RandomAccess.Read(handle, buffer.AsSpan(filled), readOffset);
            if (read == 0)
            {
                length = readOffset; // the file shrank under us: stop at what exists
                break;
            }
            filled += read;
            readOffset += read;
        }
    }

    public void Dispose() => handle.Dispose();
}
