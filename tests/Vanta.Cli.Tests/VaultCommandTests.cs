using System.Text.Json;
using Vanta.Vaults.Config;

namespace Vanta.Cli.Tests;

public sealed class VaultCommandTests
{
    private static string DefaultVaultJson => VaultConfigLoader.ToFileJson(VaultConfig.Default);

    private static string WriteFile(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Validate_a_good_vault_file_prints_its_version()
    {
        var dir = RepoPaths.NewTempDirectory("vault-validate");
        var path = WriteFile(dir, "vault.json", DefaultVaultJson);

        var result = await VantaRunner.InvokeAsync("vault", "validate", path);

        Assert.True(result.ExitCode == 0, result.Error);
        var version = VaultConfigLoader.ToDocument(VaultConfig.Default, DateTimeOffset.UnixEpoch).Version;
        Assert.Equal($"valid: version {version}", result.Output.Trim());
    }

    [Fact]
    public async Task Validate_a_bad_vault_file_names_the_json_path_and_exits_2()
    {
        var dir = RepoPaths.NewTempDirectory("vault-validate");
        var text = DefaultVaultJson.Replace("\"max_weight_per_symbol\": 0.2", "\"max_weight_per_symbol\": 1.5", StringComparison.Ordinal);
        Assert.NotEqual(DefaultVaultJson, text);
        var path = WriteFile(dir, "vault.json", text.Replace("\"capital\": 100000", "\"capital\": -5", StringComparison.Ordinal));

        var result = await VantaRunner.InvokeAsync("vault", "validate", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("vaults[0].allocation.max_weight_per_symbol", result.Error);
        Assert.Contains("vaults[0].capital", result.Error);
        Assert.DoesNotContain("valid:", result.Output);
    }

    [Fact]
    public async Task Validate_invalid_json_is_an_error()
    {
        var dir = RepoPaths.NewTempDirectory("vault-validate");
        var path = WriteFile(dir, "vault.json", "{ \"schema_version\": 1, ");

        var result = await VantaRunner.InvokeAsync("vault", "validate", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("invalid JSON", result.Error);
    }

    [Fact]
    public async Task Validate_detects_an_overlay_by_content_and_by_flag()
    {
        var dir = RepoPaths.NewTempDirectory("vault-validate");
        var good = WriteFile(dir, "ops.json", """{ "schema_version": 1, "maintenance": true, "flip": { "mode": "contrarian" } }""");
        var bad = WriteFile(dir, "bad.json", """{ "schema_version": 1, "flip": { "mode": "sideways" } }""");
        var minimal = WriteFile(dir, "minimal.json", """{ "schema_version": 1 }""");

        var ok = await VantaRunner.InvokeAsync("vault", "validate", good);
        Assert.True(ok.ExitCode == 0, ok.Error);
        Assert.StartsWith("valid: version ", ok.Output);

        var wrong = await VantaRunner.InvokeAsync("vault", "validate", bad);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("flip.mode", wrong.Error);

        // Without the flag a bare document reads as a vault.json (and misses its vaults); with it, as an overlay.
        Assert.Equal(2, (await VantaRunner.InvokeAsync("vault", "validate", minimal)).ExitCode);
        var flagged = await VantaRunner.InvokeAsync("vault", "validate", "--overlay", minimal);
        Assert.True(flagged.ExitCode == 0, flagged.Error);
    }

    [Fact]
    public async Task Show_without_a_vault_file_says_so_and_creates_nothing()
    {
        var home = Path.Combine(RepoPaths.NewTempDirectory("vault-show"), "home");

        var result = await VantaRunner.InvokeAsync("vault", "show", "--home", home);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("vault.json", result.Error);
        Assert.False(Directory.Exists(home));
    }

    [Fact]
    public async Task Overlay_set_round_trip_writes_new_versions_and_show_reports_them()
    {
        var home = Path.Combine(RepoPaths.NewTempDirectory("vault-overlay"), "home");
        var overlayPath = Path.Combine(home, "memory", "vault_overlay.json");

        var first = await VantaRunner.InvokeAsync("vault", "overlay", "set", "--home", home, "maintenance=true", "flip=chaos", "flip_share=0.25", "flip_seed=7");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(File.Exists(Path.Combine(home, "memory", "vault.json")));
        Assert.Contains("old version: none", first.Output);
        var v1 = VersionLine(first.Output, "new version: ");
        var validated = await VantaRunner.InvokeAsync("vault", "validate", overlayPath);
        Assert.Equal($"valid: version {v1}", validated.Output.Trim());
        Assert.False(File.Exists(overlayPath + ".tmp"));

        var second = await VantaRunner.InvokeAsync("vault", "overlay", "set", "--home", home, "kill=true");
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(v1, VersionLine(second.Output, "old version: "));
        var v2 = VersionLine(second.Output, "new version: ");
        Assert.NotEqual(v1, v2);

        var show = await VantaRunner.InvokeAsync("vault", "show", "--home", home);
        Assert.True(show.ExitCode == 0, show.Error);
        Assert.Contains("core", show.Output);
        Assert.Contains($"overlay {v2}: maintenance on, flip chaos (share 0.25, seed 7), kill switch on", show.Output);

        var json = await VantaRunner.InvokeAsync("vault", "show", "--home", home, "--json");
        Assert.True(json.ExitCode == 0, json.Error);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(v2, document.RootElement.GetProperty("overlay_version").GetString());
        Assert.True(document.RootElement.GetProperty("overlay").GetProperty("kill_switch").GetBoolean());
        Assert.Equal("core", document.RootElement.GetProperty("config").GetProperty("vaults")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Overlay_set_with_a_bad_key_or_value_leaves_the_file_untouched()
    {
        var home = Path.Combine(RepoPaths.NewTempDirectory("vault-overlay"), "home");
        var overlayPath = Path.Combine(home, "memory", "vault_overlay.json");
        Assert.Equal(0, (await VantaRunner.InvokeAsync("vault", "overlay", "set", "--home", home, "maintenance=true")).ExitCode);
        var before = File.ReadAllBytes(overlayPath);

        var badKey = await VantaRunner.InvokeAsync("vault", "overlay", "set", "--home", home, "kill=true", "maintenence=false");
        Assert.Equal(2, badKey.ExitCode);
        Assert.Contains("maintenence", badKey.Error);

        var badValue = await VantaRunner.InvokeAsync("vault", "overlay", "set", "--home", home, "flip=sideways", "flip_share=1.5");
        Assert.Equal(2, badValue.ExitCode);
        Assert.Contains("flip must be", badValue.Error);
        Assert.Contains("flip_share", badValue.Error);

        Assert.Equal(before, File.ReadAllBytes(overlayPath));
    }

    [Fact]
    public async Task Overlay_set_with_a_bad_key_in_a_fresh_home_creates_nothing()
    {
        var home = Path.Combine(RepoPaths.NewTempDirectory("vault-overlay"), "home");

        var result = await VantaRunner.InvokeAsync("vault", "overlay", "set", "--home", home, "turbo=on");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("turbo", result.Error);
        Assert.False(Directory.Exists(home));
    }

    private static string VersionLine(string output, string prefix) =>
        output.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..].Trim();
}
