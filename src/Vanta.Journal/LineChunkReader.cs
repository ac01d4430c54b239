namespace Vanta.Journal;

/// <summary>
/// Reads a file or stream in large chunks that end on a line boundary, so a caller handles thousands of lines per
/// system call. At the end, bytes after the last LF come as a final chunk without an LF.
/// A file's length is taken at open: bytes a concurrent writer appends later are not read.
/// </summary>
internal sealed class LineChunkReader : IDisposable
{
    private readonly Stream source;
    private readonly bool leaveOpen;
    private long length;
    private byte[] buffer;
    private int filled;
    private int consumed;
    private long bufferOffset;
    private long readOffset;

    /// <param name="start">File offset to start at (the first byte of a line), e.g. where an earlier pass stopped.</param>
    public LineChunkReader(string path, long start = 0, int chunkBytes = 4 << 20)
        : this(OpenFile(path, start, out var length), length, leaveOpen: false, chunkBytes)
    {
        bufferOffset = readOffset = start;
    }

    /// <summary>Reads <paramref name="stream"/> (which need not seek, e.g. a zip entry) to its end; the caller keeps it.</summary>
    public LineChunkReader(Stream stream, int chunkBytes = 4 << 20)
        : this(stream, long.MaxValue, leaveOpen: true, chunkBytes)
    {
    }

    private LineChunkReader(Stream source, long length, bool leaveOpen, int chunkBytes)
    {
        this.source = source;
        this.length = length;
        this.leaveOpen = leaveOpen;
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
            var read = source.Read(buffer.AsSpan(filled));
            if (read == 0)
            {
                length = readOffset; // the end of a stream, or a file that shrank under us: stop at what exists
                break;
            }
            filled += read;
            readOffset += read;
        }
    }

    // Unbuffered: reads go straight into the chunk buffer, one positioned read per call as with RandomAccess.
    private static FileStream OpenFile(string path, long start, out long length)
    {
        var file = File.Open(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
        });
        length = file.Length;
        file.Position = start;
        return file;
    }

    public void Dispose()
    {
        if (!leaveOpen)
            source.Dispose();
    }
}
