using Vanta.Vaults.Config;
using Vanta.Vaults.Overlay;
using static Vanta.Vaults.Tests.Allocation.Convictions;

namespace Vanta.Vaults.Tests.Config;

/// <summary>A running system keeps the previous valid version when a changed file is invalid.</summary>
public sealed class VaultConfigWatchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vanta-watch-").FullName;

    private string VaultPath => Path.Combine(_dir, "vault.json");

    private string OverlayPath => Path.Combine(_dir, "vault_overlay.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private VaultConfigWatch Start()
    {
        VaultConfigLoader.Write(VaultPath, VaultConfig.Default);
        return new VaultConfigWatch(VaultPath, OverlayPath, VaultConfigLoader.Load(VaultPath, T0), null);
    }

    [Fact]
    public void An_invalid_change_is_reported_once_with_its_json_path_and_the_previous_version_stays_active()
    {
        var watch = Start();
        var active = watch.Active.Document!.Version;
        Assert.False(watch.Poll(T0).Any);

        var bad = File.ReadAllText(VaultPath).Replace("100000", "-5", StringComparison.Ordinal);
        File.WriteAllText(VaultPath, bad);
        var poll = watch.Poll(T0.AddDays(1));
        var rejection = Assert.Single(poll.Rejected);
        Assert.Equal(("vault.json", "vaults[0].capital", "vault"), (rejection.File, Assert.Single(rejection.Errors).Field, rejection.Kind));
        Assert.Equal(Core.Ids.ContentHash.Sha256Hex(bad), rejection.ContentSha256);
        Assert.False(poll.VaultChanged);
        Assert.Equal(active, watch.Active.Document!.Version);
        // What was seen and not applied is handed out for the journal, content and all.
        Assert.Equal(new ConfigSighting(VaultConfigLoader.DocumentKind, bad), Assert.Single(poll.Unapplied));
        Assert.Equal(("vault_unapplied", bad), (poll.Unapplied[0].ToDocument(T0).Kind, poll.Unapplied[0].ToDocument(T0).Content));

        // The same bad content is not reported again; fixing it makes a new version.
        Assert.False(watch.Poll(T0.AddDays(2)).Any);
        File.WriteAllText(VaultPath, bad.Replace("-5", "250000", StringComparison.Ordinal));
        poll = watch.Poll(T0.AddDays(3));
        Assert.True(poll.VaultChanged);
        Assert.Empty(poll.Rejected);
        Assert.Empty(poll.Unapplied);
        Assert.Equal(250000m, watch.Active.Config!.Vaults[0].Capital);
        Assert.Equal(T0.AddDays(3), watch.Active.Document!.EffectiveAt);
    }

    [Fact]
    public void Broken_json_and_a_removed_file_are_rejected_and_formatting_alone_makes_no_version()
    {
        var watch = Start();
        var active = watch.Active.Document!.Version;

        File.WriteAllText(VaultPath, "{ \"schema_version\": 1, ");
        Assert.Equal(VaultConfigErrorCode.InvalidJson, Assert.Single(Assert.Single(watch.Poll(T0).Rejected).Errors).Code);

        File.Delete(VaultPath);
        var removal = watch.Poll(T0);
        Assert.Equal(("vault_removed", ""), (Assert.Single(removal.Unapplied).ToDocument(T0).Kind, removal.Unapplied[0].ToDocument(T0).Content));
        var removed = Assert.Single(removal.Rejected);
        Assert.Equal(VaultConfigErrorCode.MissingFile, Assert.Single(removed.Errors).Code);
        Assert.Null(removed.ContentSha256);

        // Same content, other layout: valid, same version, nothing changes.
        File.WriteAllText(VaultPath, VaultConfigLoader.ToCanonicalJson(VaultConfig.Default));
        var same = watch.Poll(T0);
        Assert.False(same.Any);
        Assert.Equal(VaultConfigLoader.ToCanonicalJson(VaultConfig.Default), Assert.Single(same.Unapplied).Content);
        Assert.Equal(active, watch.Active.Document!.Version);
    }

    [Fact]
    public void Overlay_changes_are_adopted_or_refused_the_same_way()
    {
        var watch = Start();
        Assert.Null(watch.ActiveOverlay);

        File.WriteAllText(OverlayPath, """{ "schema_version": 1, "maintenance": true }""");
        var poll = watch.Poll(T0);
        Assert.True(poll.OverlayChanged);
        Assert.True(watch.ActiveOverlay!.Overlay!.Maintenance);

        File.WriteAllText(OverlayPath, """{ "schema_version": 1, "flip": { "mode": "sideways" } }""");
        poll = watch.Poll(T0.AddDays(1));
        Assert.False(poll.OverlayChanged);
        var rejection = Assert.Single(poll.Rejected);
        Assert.Equal((VaultOverlay.FileName, VaultOverlayLoader.DocumentKind), (rejection.File, rejection.Kind));
        Assert.Contains(rejection.Errors, e => e.Field == "flip.mode");
        Assert.True(watch.ActiveOverlay!.Overlay!.Maintenance);
    }
}
