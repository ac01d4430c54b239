using Microsoft.Win32.SafeHandles;

namespace Vanta.Journal;

/// <summary>Finds and cuts the last line of an append-only file, reading backwards from the end in small blocks.</summary>
internal static class TornTail
{
    private const int Block = 8192;

    /// <summary>Offset just after the last LF before <paramref name="end"/>, or 0 when there is none.</summary>
    public static long LineStartBefore(SafeFileHandle handle, long end)
    {
        Span<byte> block = stackalloc byte[Block];
        var blockEnd = end;
        while (blockEnd > 0)
        {
            var blockStart = Math.Max(0, blockEnd - Block);
            var span = block[..(int)(blockEnd - blockStart)];
            RandomAccess.Read(handle, span, blockStart);
            var lf = span.LastIndexOf((byte)'\n');
            if (lf >= 0)
                return blockStart + lf + 1;
            blockEnd = blockStart;
        }
        return 0;
    }

    public static bool EndsWithLineFeed(SafeFileHandle handle, long length)
    {
        if (length == 0)
            return true;
        Span<byte> last = stackalloc byte[1];
        RandomAccess.Read(handle, last, length - 1);
        return last[0] == (byte)'\n';
    }

    /// <summary>Cuts an unterminated last line, if any; returns the new length and warns with file and offset.</summary>
    public static long CutUnterminated(SafeFileHandle handle, string path, Action<string>? warn)
    {
        var length = RandomAccess.GetLength(handle);
        if (EndsWithLineFeed(handle, length))
            return length;
        var start = LineStartBefore(handle, length);
        Cut(handle, path, start, length, "has no line end (partial write)", warn);
        return start;
    }

    public static void Cut(SafeFileHandle handle, string path, long start, long length, string why, Action<string>? warn)
    {
        RandomAccess.SetLength(handle, start);
        RandomAccess.FlushToDisk(handle);
        warn?.Invoke($"{path}: cut the torn last line at byte offset {start} ({length - start} bytes): it {why}; everything before it is kept");
    }
}
