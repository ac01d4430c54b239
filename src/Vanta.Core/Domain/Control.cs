using System.Text.Json.Serialization;

namespace Vanta.Core.Domain;

/// <summary>
/// An immutable, versioned configuration document published by Alpha. <see cref="Version"/> is the
/// SHA-256 of <see cref="Content"/>, so any change makes a new version.
/// </summary>
/// <param name="Kind">e.g. <c>vault</c>, <c>vault_overlay</c>.</param>
/// <param name="Content">The document's canonical JSON text.</param>
public sealed record ConfigDocument(string Kind, string Version, string Content, DateTimeOffset EffectiveAt)
{
    public static ConfigDocument Of(string kind, string content, DateTimeOffset effectiveAt) =>
        new(kind, Ids.ContentHash.Sha256Hex(content), content, effectiveAt);
}

/// <summary>Liveness and config version of a node.</summary>
public sealed record Heartbeat(string Node, string Role, string ConfigVersion, long Sequence, DateTimeOffset Ts);

/// <summary>Why and where an input was set aside instead of processed. Nothing else is lost.</summary>
/// <param name="Location">File, line or element, e.g. <c>bars/AAPL.csv:17</c> or <c>nonDerivativeTransaction[2]/transactionShares</c>.</param>
/// <param name="DocumentSha256">Digest of the raw document it came from, when there is one.</param>
public sealed record QuarantineEntry(
    string Source,
    string Location,
    string Reason,
    string? DocumentSha256,
    DateTimeOffset Ts);

/// <summary>Trading state of an executor. Persisted values are frozen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TradingState>))]
public enum TradingState
{
    [JsonStringEnumMemberName("active")] Active = 1,
    [JsonStringEnumMemberName("reducing")] Reducing = 2,
    [JsonStringEnumMemberName("halted")] Halted = 3,
}
