using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vanta.Cli.Embedded;
using Vanta.Vaults.Config;
using Vanta.Vaults.Overlay;

namespace Vanta.Cli.Commands;

/// <summary>
/// <c>vanta vault overlay set KEY=VALUE...</c>: writes a new version of the home's <c>vault_overlay.json</c>.
/// Keys: <c>maintenance=true|false</c>, <c>flip=off|contrarian|chaos</c>, <c>flip_share=0..1</c>,
/// <c>flip_seed=N</c>, <c>kill=true|false</c>.
/// </summary>
public static class VaultOverlaySet
{
    public static Command Create()
    {
        var home = VantaCommandLine.HomeOption();
        var pairs = new Argument<string[]>("KEY=VALUE")
        {
            Description = "maintenance=true|false, flip=off|contrarian|chaos, flip_share=0..1, flip_seed=N, kill=true|false",
            Arity = ArgumentArity.OneOrMore,
        };
        var set = new Command("set", "Change overlay switches: validates and writes a new vault_overlay.json version atomically") { home, pairs };
        set.SetAction(parse => Run(
            HomeLayout.At(parse.GetValue(home)!), parse.GetValue(pairs) ?? [], parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        var overlay = new Command("overlay", "The operator overlay laid over every vault (maintenance, flip, kill switch)");
        overlay.Subcommands.Add(set);
        return overlay;
    }

    public static int Run(HomeLayout layout, IReadOnlyList<string> pairs, TextWriter output, TextWriter error)
    {
        // Check every pair before touching the home, so a typo changes nothing.
        var problems = new List<string>();
        var changes = new List<Func<VaultOverlay, VaultOverlay>>();
        foreach (var pair in pairs)
        {
            var cut = pair.IndexOf('=', StringComparison.Ordinal);
            if (cut <= 0)
            {
                problems.Add($"'{pair}' is not KEY=VALUE");
                continue;
            }
            var (key, value) = (pair[..cut].Trim(), pair[(cut + 1)..].Trim());
            var change = Change(key, value, out var problem);
            if (change is null)
                problems.Add(problem!);
            else
                changes.Add(change);
        }
        if (problems.Count > 0)
        {
            foreach (var p in problems)
                error.WriteLine($"vanta vault overlay set: {p}");
            return 2;
        }

        var path = Path.Combine(layout.Memory, VaultOverlay.FileName);
        var current = VaultOverlay.Default;
        string? oldVersion = null;
        if (File.Exists(path))
        {
            var loaded = VaultOverlayLoader.Load(path, VaultCommand.LoadedAt);
            if (!loaded.IsSuccess)
            {
                error.WriteLine($"vanta vault overlay set: {path} is not valid; fix it or remove it first");
                VaultCommand.WriteErrors(loaded.Errors, error);
                return 2;
            }
            current = loaded.Overlay!;
            oldVersion = loaded.Document!.Version;
        }

        var next = changes.Aggregate(current, (o, change) => change(o));
        // Validate the new version the way every reader will before it replaces the old one.
        var text = VaultOverlayFile.ToFileJson(next);
        var parsed = VaultOverlayLoader.Parse(text, VaultCommand.LoadedAt, VaultOverlay.FileName);
        if (!parsed.IsSuccess)
        {
            VaultCommand.WriteErrors(parsed.Errors, error);
            return 2;
        }

        Directory.CreateDirectory(layout.Memory);
        if (VaultConfigLoader.WriteDefaultIfMissing(layout.VaultConfig))
            output.WriteLine($"wrote default {layout.VaultConfig}");
        VaultOverlayFile.WriteAtomically(path, text);
        output.WriteLine($"old version: {oldVersion ?? "none"}");
        output.WriteLine($"new version: {parsed.Document!.Version}");
        output.WriteLine(VaultCommand.OverlayLine(parsed.Overlay, parsed.Document.Version));
        return 0;
    }

    private static Func<VaultOverlay, VaultOverlay>? Change(string key, string value, out string? problem)
    {
        problem = null;
        switch (key)
        {
            case "maintenance" when bool.TryParse(value, out var on):
                return o => o with { Maintenance = on };
            case "kill" when bool.TryParse(value, out var on):
                return o => o with { KillSwitch = on };
            case "flip" when value is "off" or "contrarian" or "chaos":
                var mode = value switch { "contrarian" => FlipMode.Contrarian, "chaos" => FlipMode.Chaos, _ => FlipMode.Off };
                return o => o with { Flip = mode };
            case "flip_share" when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var share)
                && share is >= 0m and <= 1m && decimal.Round(share, 6) == share:
                return o => o with { ChaosShare = share };
            case "flip_seed" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed):
                return o => o with { ChaosSeed = seed };
            case "maintenance" or "kill":
                problem = $"{key} must be true or false (was '{value}')";
                return null;
            case "flip":
                problem = $"flip must be off, contrarian or chaos (was '{value}')";
                return null;
            case "flip_share":
                problem = $"flip_share must be a number from 0 to 1 with at most six decimals (was '{value}')";
                return null;
            case "flip_seed":
                problem = $"flip_seed must be a whole number (was '{value}')";
                return null;
            default:
                problem = $"unknown key '{key}' (keys: maintenance, flip, flip_share, flip_seed, kill)";
                return null;
        }
    }
}

/// <summary>The file form of <see cref="VaultOverlay"/>, as <see cref="VaultOverlayLoader"/> reads it.</summary>
internal static class VaultOverlayFile
{
    public static void WriteOverlay(Utf8JsonWriter writer, VaultOverlay overlay)
    {
        writer.WriteStartObject();
        writer.WriteNumber("schema_version", overlay.SchemaVersion);
        writer.WriteStartObject("features");
        foreach (var (name, on) in overlay.Features)
            writer.WriteBoolean(name, on);
        writer.WriteEndObject();
        writer.WriteBoolean("maintenance", overlay.Maintenance);
        writer.WriteStartObject("flip");
        writer.WriteString("mode", overlay.Flip switch { FlipMode.Contrarian => "contrarian", FlipMode.Chaos => "chaos", _ => "off" });
        writer.WriteNumber("share", overlay.ChaosShare);
        writer.WriteNumber("seed", overlay.ChaosSeed);
        writer.WriteEndObject();
        writer.WriteBoolean("kill_switch", overlay.KillSwitch);
        writer.WriteEndObject();
    }

    /// <summary>Indented JSON with a final newline.</summary>
    public static string ToFileJson(VaultOverlay overlay)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            WriteOverlay(writer, overlay);
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Temp file, flush to disk, rename: readers see the old version or the new one, never half.</summary>
    public static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.UTF8.GetBytes(text));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
