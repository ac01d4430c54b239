using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vanta.Core.Domain;
using Vanta.Vaults.Config;

namespace Vanta.Vaults.Overlay;

/// <summary>The outcome of loading <c>vault_overlay.json</c>: the overlay and its versioned document, or every problem.</summary>
public sealed record VaultOverlayResult(VaultOverlay? Overlay, ConfigDocument? Document, ImmutableArray<VaultConfigError> Errors)
{
    public bool IsSuccess => Errors.IsEmpty;
}

/// <summary>Reads and validates <c>vault_overlay.json</c>; errors name the file and the JSON path.</summary>
public static class VaultOverlayLoader
{
    /// <summary>The <see cref="ConfigDocument.Kind"/> of an overlay.</summary>
    public const string DocumentKind = "vault_overlay";

    public static VaultOverlayResult Load(string path, DateTimeOffset effectiveAt)
    {
        var name = Path.GetFileName(path);
        return File.Exists(path)
            ? Parse(File.ReadAllText(path, Encoding.UTF8), effectiveAt, name)
            : Fail(new VaultConfigError(VaultConfigErrorCode.MissingFile, "", $"{name}: file not found at {path}"));
    }

    public static VaultOverlayResult Parse(string json, DateTimeOffset effectiveAt, string sourceName = VaultOverlay.FileName)
    {
        OverlayDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, OverlayJsonContext.Default.OverlayDto);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } p ? p[2..] : "";
            var line = ex.LineNumber is { } l ? $" at line {l + 1}" : "";
            return Fail(new VaultConfigError(VaultConfigErrorCode.InvalidJson, field, $"{sourceName}: invalid JSON{line}{(field.Length > 0 ? $" ({field})" : "")}"));
        }
        if (dto is null)
            return Fail(new VaultConfigError(VaultConfigErrorCode.InvalidJson, "", $"{sourceName}: must be a JSON object (was null)"));

        var v = new VaultConfigValidator(sourceName);
        v.ReportUnknown("", dto.Extra);
        if (dto.SchemaVersion is null)
            v.Missing("schema_version");
        else if (dto.SchemaVersion != VaultOverlay.CurrentSchemaVersion)
            v.Add(VaultConfigErrorCode.UnsupportedSchemaVersion, "schema_version", $"must be {VaultOverlay.CurrentSchemaVersion} (was {dto.SchemaVersion})");
        var flip = FlipMode.Off;
        decimal share = 0m;
        long seed = 0;
        if (dto.Flip is { } f)
        {
            v.ReportUnknown("flip", f.Extra);
            switch (f.Mode)
            {
                case "off": break;
                case "contrarian": flip = FlipMode.Contrarian; break;
                case "chaos": flip = FlipMode.Chaos; break;
                default:
                    v.Add(VaultConfigErrorCode.InvalidValue, "flip.mode", $"must be one of: off, contrarian, chaos (was '{f.Mode}')");
                    break;
            }
            if (flip == FlipMode.Chaos)
            {
                share = v.Weight(f.Share, "flip.share", zeroAllowed: true, oneAllowed: true) ?? 0m;
                if (f.Seed is null)
                    v.Missing("flip.seed");
                seed = f.Seed ?? 0;
            }
        }
        var features = ImmutableSortedDictionary.CreateBuilder<string, bool>(StringComparer.Ordinal);
        foreach (var (key, on) in dto.Features ?? [])
        {
            if (on is null)
                v.Add(VaultConfigErrorCode.InvalidValue, $"features.{key}", "must be true or false (was null)");
            else
                features[key] = on.Value;
        }
        if (!v.Errors.IsEmpty)
            return Fail(v.Errors);
        var overlay = new VaultOverlay(dto.SchemaVersion!.Value, features.ToImmutable(), dto.Maintenance ?? false, flip, share, seed, dto.KillSwitch ?? false);
        return new VaultOverlayResult(overlay, ToDocument(overlay, effectiveAt), []);
    }

    /// <summary>The immutable versioned document: canonical compact JSON and its SHA-256.</summary>
    public static ConfigDocument ToDocument(VaultOverlay overlay, DateTimeOffset effectiveAt) =>
        ConfigDocument.Of(DocumentKind, JsonSerializer.Serialize(overlay, OverlayJsonContext.Default.VaultOverlay), effectiveAt);

    private static VaultOverlayResult Fail(VaultConfigError error) => Fail([error]);

    private static VaultOverlayResult Fail(ImmutableArray<VaultConfigError> errors) => new(null, null, errors);
}

internal sealed class OverlayDto
{
    public int? SchemaVersion { get; set; }
    public Dictionary<string, bool?>? Features { get; set; }
    public bool? Maintenance { get; set; }
    public FlipDto? Flip { get; set; }
    public bool? KillSwitch { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

internal sealed class FlipDto
{
    public string? Mode { get; set; }
    public decimal? Share { get; set; }
    public long? Seed { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(OverlayDto))]
[JsonSerializable(typeof(VaultOverlay))]
internal sealed partial class OverlayJsonContext : JsonSerializerContext;
