using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Win32.SafeHandles;

namespace Vanta.Journal;

/// <summary>
/// A plain append-only JSON Lines log such as <c>logs/trade_log.jsonl</c>: one compact JSON object per line,
/// written before <see cref="Append{T}"/> returns. Unlike the journal it has no chain; like it, a torn last
/// line left by a crash is cut on open with a warning, and nothing before it is touched.
/// </summary>
/// <remarks>One writer per file; appends are serialized by a lock.</remarks>
public sealed class JsonlAppender : IDisposable
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    private readonly SafeFileHandle handle;
    private readonly bool fsync;
    private readonly Lock gate = new();
    private readonly ArrayBufferWriter<byte> line = new(512);
    private readonly Utf8JsonWriter writer;
    private long length;

    private JsonlAppender(SafeFileHandle handle, long length, bool fsync)
    {
        this.handle = handle;
        this.length = length;
        this.fsync = fsync;
        writer = new Utf8JsonWriter(line, Compact);
    }

    /// <summary>Opens or creates <paramref name="path"/> (and its directory); <paramref name="fsync"/> makes each line durable on return.</summary>
    public static JsonlAppender Open(string path, Action<string>? warn = null, bool fsync = false)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            return new JsonlAppender(handle, TornTail.CutUnterminated(handle, path, warn), fsync);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Appends <paramref name="value"/> as one line (compact, whatever options made <paramref name="typeInfo"/>).</summary>
    public void Append<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        lock (gate)
        {
            line.ResetWrittenCount();
            writer.Reset(line);
            JsonSerializer.Serialize(writer, value, typeInfo);
            writer.Flush();
            line.GetSpan(1)[0] = (byte)'\n';
            line.Advance(1);
            RandomAccess.Write(handle, line.WrittenSpan, length);
            length += line.WrittenCount;
            if (fsync)
                RandomAccess.FlushToDisk(handle);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            writer.Dispose();
            handle.Dispose();
        }
    }
}
