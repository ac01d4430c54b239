using System.Collections.Immutable;
using System.Text;
using Vanta.Core.Domain;
using Vanta.Core.Ids;
using Vanta.Vaults.Overlay;

namespace Vanta.Vaults.Config;

/// <summary>
/// Keeps a running system on the last valid <c>vault.json</c> and <c>vault_overlay.json</c>. Each
/// <see cref="Poll"/> rereads both files; a changed file that validates becomes the active version, one that does
/// not is reported (once per distinct content) with every error and its JSON path while the previous version stays
/// active. A removed file is reported the same way: removing a file is not a way to switch anything off. Content
/// that validates to the active version (only formatting changed) makes no new version. Not thread-safe.
/// </summary>
public sealed class VaultConfigWatch
{
    private readonly string _vaultPath;
    private readonly string _overlayPath;
    private string? _vaultSeen;
    private string? _overlaySeen;

    /// <param name="active">The config the system runs on now (loaded from <paramref name="vaultPath"/>).</param>
    /// <param name="activeOverlay">The overlay it runs on now; null when there was no overlay file.</param>
    public VaultConfigWatch(string vaultPath, string overlayPath, VaultConfigResult active, VaultOverlayResult? activeOverlay)
    {
        ArgumentNullException.ThrowIfNull(active);
        if (!active.IsSuccess)
            throw new ArgumentException("The active config must be a valid one", nameof(active));
        if (activeOverlay is { IsSuccess: false })
            throw new ArgumentException("The active overlay must be a valid one", nameof(activeOverlay));
        _vaultPath = vaultPath;
        _overlayPath = overlayPath;
        Active = active;
        ActiveOverlay = activeOverlay;
        Changed(vaultPath, ref _vaultSeen, out _);
        Changed(overlayPath, ref _overlaySeen, out _);
    }

    public VaultConfigResult Active { get; private set; }

    public VaultOverlayResult? ActiveOverlay { get; private set; }

    /// <summary>Rereads both files; versions loaded now take <paramref name="now"/> as their effective time.</summary>
    public ConfigPoll Poll(DateTimeOffset now)
    {
        var rejected = ImmutableArray.CreateBuilder<ConfigRejection>();
        var unapplied = ImmutableArray.CreateBuilder<ConfigSighting>();
        var vaultChanged = false;
        var overlayChanged = false;

        if (Changed(_vaultPath, ref _vaultSeen, out var vaultText))
        {
            var name = Path.GetFileName(_vaultPath);
            var loaded = vaultText is null ? Missing(name) : VaultConfigLoader.Parse(vaultText, now, name);
            if (!loaded.IsSuccess)
                rejected.Add(new ConfigRejection(name, Digest(vaultText), loaded.Errors) { Kind = VaultConfigLoader.DocumentKind });
            else if (loaded.Document.Version != Active.Document!.Version)
                (Active, vaultChanged) = (loaded, true);
            if (!vaultChanged)
                unapplied.Add(new ConfigSighting(VaultConfigLoader.DocumentKind, vaultText));
        }

        if (Changed(_overlayPath, ref _overlaySeen, out var overlayText))
        {
            var name = Path.GetFileName(_overlayPath);
            var loaded = overlayText is null
                ? new VaultOverlayResult(null, null, Missing(name).Errors)
                : VaultOverlayLoader.Parse(overlayText, now, name);
            if (!loaded.IsSuccess)
                rejected.Add(new ConfigRejection(name, Digest(overlayText), loaded.Errors) { Kind = VaultOverlayLoader.DocumentKind });
            else if (loaded.Document!.Version != ActiveOverlay?.Document?.Version)
                (ActiveOverlay, overlayChanged) = (loaded, true);
            if (!overlayChanged)
                unapplied.Add(new ConfigSighting(VaultOverlayLoader.DocumentKind, overlayText));
        }
        return new ConfigPoll(vaultChanged, overlayChanged, rejected.ToImmutable()) { Unapplied = unapplied.ToImmutable() };
    }

    // True when the file's content (null: absent) differs from what was seen last; it is then seen. A file that
    // cannot be read right now (being replaced) counts as unchanged: the next poll sees the new content.
    private static bool Changed(string path, ref string? seen, out string? text)
    {
        try
        {
            text = TryRead(path);
        }
        catch (IOException)
        {
            text = seen;
            return false;
        }
        if (string.Equals(text, seen, StringComparison.Ordinal))
            return false;
        seen = text;
        return true;
    }

    private static string? TryRead(string path) => File.Exists(path) ? File.ReadAllText(path, Encoding.UTF8) : null;

    private static VaultConfigResult Missing(string name) => VaultConfigResult.Failure(new VaultConfigError(
        VaultConfigErrorCode.MissingFile, "", $"{name}: the file was removed; the previous version stays active"));

    private static string? Digest(string? text) => text is null ? null : ContentHash.Sha256Hex(text);
}

/// <summary>What one <see cref="VaultConfigWatch.Poll"/> found.</summary>
/// <param name="VaultChanged">A new valid vault.json version is active.</param>
/// <param name="OverlayChanged">A new valid overlay version is active.</param>
/// <param name="Rejected">Changed files that did not validate; their previous versions stay active.</param>
public sealed record ConfigPoll(bool VaultChanged, bool OverlayChanged, ImmutableArray<ConfigRejection> Rejected)
{
    public bool Any => VaultChanged || OverlayChanged || !Rejected.IsEmpty;

    /// <summary>
    /// Every changed file content that did not become a new version (refused, removed, or back to the active
    /// version), so a journal can keep what the system saw and a replay can show it the same files.
    /// </summary>
    public ImmutableArray<ConfigSighting> Unapplied { get; init; } = [];
}

/// <summary>The content of a config file as seen (null: the file was removed), by its document kind.</summary>
public sealed record ConfigSighting(string Kind, string? Content)
{
    /// <summary>The <c>config</c> document kind that journals a sighting of <paramref name="kind"/>'s file.</summary>
    public static string UnappliedKind(string kind) => kind + "_unapplied";

    /// <summary>The <c>config</c> document kind that journals the removal of <paramref name="kind"/>'s file.</summary>
    public static string RemovedKind(string kind) => kind + "_removed";

    /// <summary>The document to journal: the content under the unapplied kind, or an empty removal document.</summary>
    public ConfigDocument ToDocument(DateTimeOffset seenAt) =>
        Content is null
            ? ConfigDocument.Of(RemovedKind(Kind), "", seenAt)
            : ConfigDocument.Of(UnappliedKind(Kind), Content, seenAt);
}

/// <summary>A changed config file that was refused, with the SHA-256 of its content (null when it was removed).</summary>
public sealed record ConfigRejection(string File, string? ContentSha256, ImmutableArray<VaultConfigError> Errors)
{
    /// <summary>The document kind of the file (<c>vault</c> or <c>vault_overlay</c>).</summary>
    public string Kind { get; init; } = VaultConfigLoader.DocumentKind;
}
