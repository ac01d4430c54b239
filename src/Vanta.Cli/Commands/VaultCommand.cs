using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Vanta.Cli.Embedded;
using Vanta.Cli.Rendering;
using Vanta.Vaults.Compounding;
using Vanta.Vaults.Config;
using Vanta.Vaults.Overlay;
using Vanta.Vaults.Personas;

namespace Vanta.Cli.Commands;

/// <summary>
/// <c>vanta vault</c>: validate <c>vault.json</c> and <c>vault_overlay.json</c>, show a home's vaults, flip
/// overlay switches and dry-run the allocator.
/// </summary>
public static class VaultCommand
{
    /// <summary>
    /// The effective time given to the loaders. A version is the hash of the canonical content only, so this
    /// never shows; it keeps these commands off the wall clock.
    /// </summary>
    internal static readonly DateTimeOffset LoadedAt = DateTimeOffset.UnixEpoch;

    public static Command Create()
    {
        var vault = new Command("vault", "Vaults, allocation rules and the operator overlay");
        vault.Subcommands.Add(Validate());
        vault.Subcommands.Add(Show());
        vault.Subcommands.Add(VaultOverlaySet.Create());
        vault.Subcommands.Add(VaultAllocate.Create());
        return vault;
    }

    private static Command Validate()
    {
        var file = new Argument<string>("FILE") { Description = "A vault.json or a vault_overlay.json" };
        var overlay = new Option<bool>("--overlay") { Description = "Read FILE as a vault_overlay.json (default: detected from its content)" };
        var command = new Command("validate", "Check a vault.json or vault_overlay.json; print its version hash or every error with its JSON path") { file, overlay };
        command.SetAction(parse => RunValidate(
            parse.GetValue(file)!, parse.GetValue(overlay), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int RunValidate(string path, bool forceOverlay, TextWriter output, TextWriter error)
    {
        if (!File.Exists(path))
        {
            error.WriteLine($"vanta vault validate: {path} does not exist");
            return 2;
        }
        var text = File.ReadAllText(path, Encoding.UTF8);
        var name = Path.GetFileName(path);
        string? version;
        ImmutableArray<VaultConfigError> errors;
        if (forceOverlay || LooksLikeOverlay(text, name))
        {
            var result = VaultOverlayLoader.Parse(text, LoadedAt, name);
            (version, errors) = (result.Document?.Version, result.Errors);
        }
        else
        {
            var result = VaultConfigLoader.Parse(text, LoadedAt, name);
            (version, errors) = (result.Document?.Version, result.Errors);
        }
        if (!errors.IsDefaultOrEmpty || version is null)
        {
            WriteErrors(errors, error);
            return 2;
        }
        output.WriteLine($"valid: version {version}");
        return 0;
    }

    /// <summary>One line per error: the message (which names the file and field) and the JSON path.</summary>
    internal static void WriteErrors(ImmutableArray<VaultConfigError> errors, TextWriter error)
    {
        foreach (var e in errors.IsDefault ? [] : errors)
            error.WriteLine(e.Field.Length == 0 ? $"error: {e.Message}" : $"error: {e.Message} (at $.{e.Field})");
    }

    // An overlay has no "vaults" but at least one overlay field; a document that is not an object is
    // judged by its file name.
    private static bool LooksLikeOverlay(string text, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = document.RootElement;
                if (root.TryGetProperty("vaults", out _))
                    return false;
                foreach (var key in new[] { "features", "maintenance", "flip", "kill_switch" })
                {
                    if (root.TryGetProperty(key, out _))
                        return true;
                }
            }
        }
        catch (JsonException)
        {
            // The loader reports the syntax error with its position.
        }
        return string.Equals(name, VaultOverlay.FileName, StringComparison.Ordinal);
    }

    private static Command Show()
    {
        var home = VantaCommandLine.HomeOption();
        var json = new Option<bool>("--json") { Description = "One JSON object instead of a table" };
        var command = new Command("show", "Show the home's vaults (capital, rule, caps, persona, tags, loan terms, compounding), personas and overlay state") { home, json };
        command.SetAction(parse => RunShow(
            HomeLayout.At(parse.GetValue(home)!), parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int RunShow(HomeLayout layout, bool asJson, TextWriter output, TextWriter error)
    {
        if (!File.Exists(layout.VaultConfig))
        {
            error.WriteLine($"vanta vault show: {layout.VaultConfig} does not exist; run `vanta run` or `vanta vault overlay set` first");
            return 2;
        }
        var config = VaultConfigLoader.Load(layout.VaultConfig, LoadedAt);
        if (!config.IsSuccess)
        {
            WriteErrors(config.Errors, error);
            return 2;
        }
        var overlayPath = Path.Combine(layout.Memory, VaultOverlay.FileName);
        VaultOverlayResult? overlay = null;
        if (File.Exists(overlayPath))
        {
            overlay = VaultOverlayLoader.Load(overlayPath, LoadedAt);
            if (!overlay.IsSuccess)
            {
                WriteErrors(overlay.Errors, error);
                return 2;
            }
        }

        var capital = ReadCapital(Path.Combine(layout.Memory, CapitalStatement.FileName), error);
        if (asJson)
        {
            output.WriteLine(ShowJson(config, overlay, capital));
            return 0;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"vaults (version {config.Document.Version[..12]})"));
        foreach (var column in new[] { "id", "capital", "rule", "caps", "persona", "tags", "loan", "compounding" })
            table.AddColumn(column);
        foreach (var v in config.Config.Vaults.OrderBy(v => v.Id.Value, StringComparer.Ordinal))
        {
            var now = capital?.Vaults.FirstOrDefault(c => c.Vault == v.Id);
            table.AddRow(
                Markup.Escape(v.Id.Value),
                Markup.Escape(Num(v.Capital) + " " + config.Config.BaseCurrency
                    + (now is null ? "" : $" (now {Num(now.Capital)}: realised {Num(now.RealizedPnl)}, swept out {Num(now.SweptOut)}, in {Num(now.SweptIn)})")),
                Markup.Escape(Rule(v.Allocation) + (v.AllowShort ? ", shorts" : "")),
                Markup.Escape(Caps(v.Caps)),
                Markup.Escape(v.Persona),
                Markup.Escape(string.Join(",", v.RoutingTags)),
                Markup.Escape(v.Loan is { } loan ? $"leverage {Num(loan.MaxLeverage)}, drawdown {Num(loan.DrawdownLimit)}" : "-"),
                Markup.Escape(Compounding(v)));
        }
        var personas = new Table().Border(TableBorder.Rounded).Title("personas");
        foreach (var column in new[] { "name", "kind", "transform", "size x", "max position", "allowed tags", "used by" })
            personas.AddColumn(column);
        foreach (var (persona, builtIn, usedBy) in Personas(config.Config))
        {
            personas.AddRow(
                Markup.Escape(persona.Name),
                builtIn ? "built-in" : "user-defined",
                Markup.Escape(TransformName(persona.Transform)),
                Markup.Escape(Num(persona.SizeMultiplier)),
                Markup.Escape(Num(persona.MaxPosition)),
                Markup.Escape(persona.AllowedTags.IsDefaultOrEmpty ? "any" : string.Join(",", persona.AllowedTags)),
                Markup.Escape(usedBy.Length == 0 ? "-" : string.Join(",", usedBy)));
        }
        var console = Consoles.For(output);
        console.Write(table);
        console.Write(personas);
        if (capital is not null)
            console.WriteLine($"capital as of {capital.Day:yyyy-MM-dd}: {capital.Sweeps.Length} compounding sweeps, {Num(capital.Sweeps.Sum(x => x.Amount))} {config.Config.BaseCurrency} swept");
        console.WriteLine(OverlayLine(overlay?.Overlay, overlay?.Document?.Version));
        return 0;
    }

    /// <summary>Built-in personas then user-defined ones, each with the vaults that apply it (ordinal).</summary>
    internal static IEnumerable<(PersonaDefinition Persona, bool BuiltIn, ImmutableArray<string> UsedBy)> Personas(VaultConfig config)
    {
        ImmutableArray<string> UsedBy(string name) =>
            [.. config.Vaults.Where(v => v.Persona == name).Select(v => v.Id.Value).Order(StringComparer.Ordinal)];
        foreach (var persona in PersonaCatalog.BuiltIn.Values)
            yield return (persona, true, UsedBy(persona.Name));
        foreach (var persona in config.Personas ?? [])
            yield return (persona, false, UsedBy(persona.Name));
    }

    internal static string Compounding(VaultDefinition v) => v.Compounding switch
    {
        { Mode: CompoundingMode.SweepGains } r => $"sweep {Num(r.Share * 100m)}% of daily realised gains into {r.Into}",
        { Mode: CompoundingMode.Retain } => "retain realised PnL",
        _ => v.CompoundRealizedPnl ? "compound realised PnL" : "none",
    };

    private static string TransformName(ConvictionTransform t) => t switch
    {
        ConvictionTransform.Negate => "negate",
        ConvictionTransform.Dampen => "dampen",
        ConvictionTransform.Amplify => "amplify",
        _ => "identity",
    };

    // The capital statement the last run wrote, if any; a broken one is reported and left out.
    private static CapitalStatement? ReadCapital(string path, TextWriter error)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), VaultsJsonContext.Default.CapitalStatement);
        }
        catch (JsonException e)
        {
            error.WriteLine($"warning: {path} is not a capital statement ({e.Message}); capital shown as configured");
            return null;
        }
    }

    internal static string OverlayLine(VaultOverlay? overlay, string? version)
    {
        if (overlay is null)
            return "overlay: none (defaults: maintenance off, flip off, kill switch off)";
        var flip = overlay.Flip switch
        {
            FlipMode.Chaos => $"chaos (share {Num(overlay.ChaosShare)}, seed {overlay.ChaosSeed.ToString(CultureInfo.InvariantCulture)})",
            FlipMode.Contrarian => "contrarian",
            _ => "off",
        };
        var features = overlay.Features.Count == 0 ? "" : ", features " + string.Join(",", overlay.Features.Select(f => $"{f.Key}={(f.Value ? "on" : "off")}"));
        return $"overlay {version}: maintenance {(overlay.Maintenance ? "on" : "off")}, flip {flip}, kill switch {(overlay.KillSwitch ? "on" : "off")}{features}";
    }

    private static string ShowJson(VaultConfigResult config, VaultOverlayResult? overlay, CapitalStatement? capital)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("vault_version", config.Document!.Version);
            writer.WritePropertyName("config");
            writer.WriteRawValue(config.Document.Content);
            writer.WriteStartArray("personas");
            foreach (var (persona, builtIn, usedBy) in Personas(config.Config!))
            {
                writer.WriteStartObject();
                writer.WriteString("name", persona.Name);
                writer.WriteBoolean("built_in", builtIn);
                writer.WriteString("transform", TransformName(persona.Transform));
                writer.WriteNumber("size_multiplier", persona.SizeMultiplier);
                writer.WriteNumber("max_position", persona.MaxPosition);
                writer.WriteStartArray("allowed_tags");
                foreach (var tag in persona.AllowedTags.IsDefault ? [] : persona.AllowedTags)
                    writer.WriteStringValue(tag);
                writer.WriteEndArray();
                writer.WriteStartArray("used_by");
                foreach (var id in usedBy)
                    writer.WriteStringValue(id);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("compounding");
            foreach (var v in config.Config!.Vaults.OrderBy(v => v.Id.Value, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("vault", v.Id.Value);
                writer.WriteString("mode", v.Compounding switch
                {
                    { Mode: CompoundingMode.SweepGains } => "sweep_gains",
                    { Mode: CompoundingMode.Retain } => "retain",
                    _ => v.CompoundRealizedPnl ? "compound_realized_pnl" : "none",
                });
                if (v.Compounding is { Mode: CompoundingMode.SweepGains } rule)
                {
                    writer.WriteNumber("share", rule.Share);
                    writer.WriteString("into", rule.Into);
                }
                writer.WriteString("rule", Compounding(v));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WritePropertyName("capital");
            if (capital is null)
                writer.WriteNullValue();
            else
                JsonSerializer.Serialize(writer, capital, VaultsJsonContext.Default.CapitalStatement);
            if (overlay?.Overlay is { } o)
            {
                writer.WriteString("overlay_version", overlay.Document!.Version);
                writer.WritePropertyName("overlay");
                VaultOverlayFile.WriteOverlay(writer, o);
            }
            else
            {
                writer.WriteNull("overlay_version");
                writer.WriteNull("overlay");
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Rule(AllocationRules r)
    {
        var text = r.Mode == AllocationMode.Banded
            ? "banded " + string.Join(" ", (r.Bands ?? []).Select(b => $"[{Num(b.From)},{Num(b.To)})={Num(b.Weight)}"))
            : "proportional";
        return $"{text}; min {Num(r.MinConviction)}, max/name {Num(r.MaxWeightPerSymbol)}, gross {Num(r.GrossCap)}, band {Num(r.RebalanceBand)}";
    }

    private static string Caps(VaultCaps? c) => c is null
        ? "-"
        : $"net {Num(c.MaxNetExposure)}, cash {Num(c.CashBuffer)}, min trade {Num(c.MinTradeSize)}, lot {Num(c.LotSize)}, turnover {(c.TurnoverLimit is { } t ? Num(t) : "none")}, limit collar {(c.LimitCollar is { } l ? Num(l) : "none")}";

    internal static string Num(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
