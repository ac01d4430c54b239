using System.Text.Json.Serialization.Metadata;

namespace Vanta.Core.Envelopes;

/// <summary>
/// The persisted name and schema version of one payload type, with its JSON contract.
/// Names and versions are frozen once written to a journal; a new shape gets a new version. Records are always
/// written at <see cref="SchemaVersion"/>; older versions listed in <see cref="ReadsVersions"/> were changed only by
/// adding optional fields, so the current contract reads them (the new fields take their defaults) and journals
/// written before the change still read.
/// </summary>
public sealed class EventKind<T> : IEventKind
{
    public EventKind(string name, int schemaVersion, JsonTypeInfo<T> typeInfo, params int[] readsVersions)
    {
        if (readsVersions.Any(v => v < 1 || v >= schemaVersion))
            throw new ArgumentException($"{name}: older readable versions must be from 1 to {schemaVersion - 1}", nameof(readsVersions));
        Name = name;
        SchemaVersion = schemaVersion;
        TypeInfo = typeInfo;
        ReadsVersions = [.. readsVersions];
    }

    public string Name { get; }
    public int SchemaVersion { get; }
    public JsonTypeInfo<T> TypeInfo { get; }
    public Type PayloadType => typeof(T);

    /// <summary>Older schema versions the current contract reads.</summary>
    public IReadOnlyList<int> ReadsVersions { get; }

    /// <summary>True for the current version and for the older ones it reads.</summary>
    public bool Reads(int schemaVersion) => schemaVersion == SchemaVersion || ReadsVersions.Contains(schemaVersion);
}

/// <summary>Untyped view of an <see cref="EventKind{T}"/>, for registries.</summary>
public interface IEventKind
{
    string Name { get; }
    int SchemaVersion { get; }
    Type PayloadType { get; }

    /// <summary>True when records of <paramref name="schemaVersion"/> read as this kind.</summary>
    bool Reads(int schemaVersion);
}
