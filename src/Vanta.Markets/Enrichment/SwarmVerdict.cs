using System.Text.Json.Serialization;
using Vanta.Core.Domain;

namespace Vanta.Markets.Enrichment;

/// <summary>What the swarm detector made of one post. Persisted values are frozen.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SwarmRole>))]
public enum SwarmRole
{
    /// <summary>No near-duplicate in the window (or too short to fingerprint).</summary>
    [JsonStringEnumMemberName("unique")] Unique = 1,

    /// <summary>A near-duplicate of earlier posts by other authors, not (yet) enough of them for a swarm.</summary>
    [JsonStringEnumMemberName("near_duplicate")] NearDuplicate = 2,

    /// <summary>A repeat by an author who already posted this text in the window: spam, but one account is no swarm.</summary>
    [JsonStringEnumMemberName("spam")] Spam = 3,

    /// <summary>Part of a swarm: near-duplicates from at least the minimum number of distinct authors.</summary>
    [JsonStringEnumMemberName("swarm")] Swarm = 4,
}

/// <summary>
/// The detector's verdict on one post: its role, the weight it should carry in anything that counts attention
/// (1 for a unique post, 0 for a repeat by the same author, 1/authors for a swarm member), and the swarm it belongs to.
/// </summary>
public sealed record SwarmVerdict(
    string PostId,
    TextFingerprint Fingerprint,
    SwarmRole Role,
    decimal Weight,
    SwarmReport? Swarm);
