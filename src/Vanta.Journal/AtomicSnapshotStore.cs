using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Vanta.Core.Stages;

namespace Vanta.Journal;

/// <summary>
/// Operator-facing snapshots in <c>memory/</c>: each write goes to a temporary file that is fsynced and then
/// renamed over the target, so a reader sees the old document or the new one, never half of one.
/// Snapshots are views; the journal is the truth.
/// </summary>
public sealed class AtomicSnapshotStore : ISnapshotStore
{
    private const string TempSuffix = ".tmp";
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    private readonly string directory;

    /// <summary>Uses <paramref name="directory"/>, creating it, and removes temporary files a crash left behind.</summary>
    public AtomicSnapshotStore(string directory)
    {
        Directory.CreateDirectory(directory);
        this.directory = directory;
        foreach (var stale in Directory.EnumerateFiles(directory, "*" + TempSuffix))
            File.Delete(stale);
    }

    /// <summary>Replaces snapshot <paramref name="name"/> (a file name such as <c>vault.json</c>) atomically, as indented JSON.</summary>
    public void Write<T>(string name, T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var target = PathOf(name);
        var temp = target + TempSuffix;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            // The writer's options decide the layout, so snapshots are indented whatever context made typeInfo.
            using (var writer = new Utf8JsonWriter(stream, Indented))
                JsonSerializer.Serialize(writer, value, typeInfo);
            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, target, overwrite: true);
    }

    /// <summary>The snapshot, or default when it has never been written.</summary>
    /// <exception cref="JsonException">The file is not a <typeparamref name="T"/> (edited by hand, or a bug).</exception>
    public T? Read<T>(string name, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var path = PathOf(name);
        if (!File.Exists(path))
            return default;
        return JsonSerializer.Deserialize(File.ReadAllBytes(path), typeInfo);
    }

    private string PathOf(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name != Path.GetFileName(name) || name is "." or ".." || name.EndsWith(TempSuffix, StringComparison.Ordinal))
            throw new ArgumentException($"'{name}' is not a plain snapshot file name", nameof(name));
        return Path.Combine(directory, name);
    }
}
