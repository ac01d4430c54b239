using System.Collections.Immutable;
using Vanta.Core.Stages;

namespace Vanta.Journal.Audit;

/// <summary>What <c>manifest.json</c> of an audit bundle states; see <see cref="BundleReadme"/> for each field.</summary>
/// <param name="Window">The event-time window asked for.</param>
/// <param name="Records">The contiguous run of the chain in <c>records.jsonl</c>.</param>
/// <param name="Anchor">The record just before the first one in the bundle (seq 0 and 64 zeros at genesis).</param>
/// <param name="ChainHead">The journal's last record when the bundle was written.</param>
/// <param name="MerkleRoot">Root over the record hashes, as <see cref="Audit.MerkleRoot"/> defines it.</param>
/// <param name="Configs">Config documents the records used, in seq order.</param>
/// <param name="Files">Every file of the bundle except <c>manifest.json</c> and <c>SHA256SUMS</c>, in archive order.</param>
public sealed record BundleManifest(
    AuditWindow Window,
    BundleRecords Records,
    JournalHead Anchor,
    JournalHead ChainHead,
    string MerkleRoot,
    ImmutableArray<BundleConfig> Configs,
    ImmutableArray<BundleFile> Files)
{
    public const string Format = "vanta-audit-bundle/1";
}

/// <param name="Count">Records in <c>records.jsonl</c>: <c>LastSeq - FirstSeq + 1</c>.</param>
/// <param name="InWindow">
/// How many of them have a ts_event inside the window. The rest sit between in-window records (the journal is in
/// processing order, not event-time order) and are kept so the chain has no gap.
/// </param>
public sealed record BundleRecords(long Count, long FirstSeq, long LastSeq, long InWindow);

/// <summary>A config document in <c>configs/</c>: its journal line and its content.</summary>
/// <param name="Version">SHA-256 of the content, as journaled.</param>
/// <param name="Seq">Seq of the <c>config</c> record that journaled it.</param>
/// <param name="Reasons">Why it is in the bundle: <see cref="BundleConfig.ActiveAtStart"/>, <see cref="BundleConfig.Referenced"/>, <see cref="BundleConfig.InRange"/>.</param>
public sealed record BundleConfig(string Kind, string Version, long Seq, DateTimeOffset EffectiveAt, ImmutableArray<string> Reasons)
{
    /// <summary>The latest document of its kind in effect at the window's start.</summary>
    public const string ActiveAtStart = "active_at_start";

    /// <summary>Named by an allocation intent in the bundle (its <c>config_version</c>).</summary>
    public const string Referenced = "referenced";

    /// <summary>Journaled inside the bundle's records.</summary>
    public const string InRange = "in_range";

    public string ContentFile => $"configs/{Kind}-{Version}.json";

    public string RecordFile => $"configs/{Kind}-{Version}.record.jsonl";
}

/// <summary>One file of the bundle and the SHA-256 of its bytes.</summary>
public sealed record BundleFile(string Path, string Sha256, long Bytes);
