using System.Text.Json.Serialization;

namespace Vanta.Core.Envelopes;

/// <summary>The three roles of a Vanta deployment. Persisted values are frozen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Role>))]
public enum Role
{
    [JsonStringEnumMemberName("markets")] Markets = 1,
    [JsonStringEnumMemberName("alpha")] Alpha = 2,
    [JsonStringEnumMemberName("executor")] Executor = 3,
}

/// <summary>Which node and role produced an envelope.</summary>
public readonly record struct Producer(string Node, Role Role)
{
    public override string ToString() => $"{Node}/{Role.ToString().ToLowerInvariant()}";
}
