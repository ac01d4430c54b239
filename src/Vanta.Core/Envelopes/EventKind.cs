using System.Text.Json.Serialization.Metadata;

namespace Vanta.Core.Envelopes;

/// <summary>
/// The persisted name and schema version of one payload type, with its JSON contract.
/// Names and versions are frozen once written to a journal; a new shape gets a new version.
/// </summary>
public sealed class EventKind<T> : IEventKind
{
    public EventKind(string name, int schemaVersion, JsonTypeInfo<T> typeInfo)
    {
        Name = name;
        SchemaVersion = schemaVersion;
        TypeInfo = typeInfo;
    }

    public string Name { get; }
    public int SchemaVersion { get; }
    public JsonTypeInfo<T> TypeInfo { get; }
    public Type PayloadType => typeof(T);
}

/// <summary>Untyped view of an <see cref="EventKind{T}"/>, for registries.</summary>
public interface IEventKind
{
    string Name { get; }
    int SchemaVersion { get; }
    Type PayloadType { get; }
}
