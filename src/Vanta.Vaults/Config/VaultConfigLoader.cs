using System.Text;
using System.Text.Json;
using Vanta.Core.Domain;

namespace Vanta.Vaults.Config;

/// <summary>
/// Reads and validates <c>vault.json</c>, and writes it. Expected problems (missing file, bad JSON, a field
/// out of range) come back as <see cref="VaultConfigResult"/> errors that name the file and the field.
/// </summary>
public static class VaultConfigLoader
{
    /// <summary>The <see cref="ConfigDocument.Kind"/> of a vault config.</summary>
    public const string DocumentKind = "vault";

    /// <summary>Loads the file at <paramref name="path"/>; the document takes effect at <paramref name="effectiveAt"/>.</summary>
    public static VaultConfigResult Load(string path, DateTimeOffset effectiveAt)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
            return VaultConfigResult.Failure(new VaultConfigError(
                VaultConfigErrorCode.MissingFile, "", $"{name}: file not found at {path}"));
        return Parse(File.ReadAllText(path, Encoding.UTF8), effectiveAt, name);
    }

    /// <summary>Parses and validates JSON text; <paramref name="sourceName"/> prefixes every error message.</summary>
    public static VaultConfigResult Parse(string json, DateTimeOffset effectiveAt, string sourceName = VaultConfig.FileName)
    {
        VaultFileDto? file;
        try
        {
            file = JsonSerializer.Deserialize(json, VaultFileJsonContext.Default.VaultFileDto);
        }
        catch (JsonException ex)
        {
            return VaultConfigResult.Failure(InvalidJson(ex, sourceName));
        }
        if (file is null)
            return VaultConfigResult.Failure(new VaultConfigError(
                VaultConfigErrorCode.InvalidJson, "", $"{sourceName}: must be a JSON object (was null)"));

        var validator = new VaultConfigValidator(sourceName);
        return validator.Validate(file) is { } config
            ? VaultConfigResult.Success(config, ToDocument(config, effectiveAt))
            : VaultConfigResult.Failure(validator.Errors);
    }

    /// <summary>The versioned document of a config: its canonical (compact) JSON and the SHA-256 of it.</summary>
    public static ConfigDocument ToDocument(VaultConfig config, DateTimeOffset effectiveAt) =>
        ConfigDocument.Of(DocumentKind, ToCanonicalJson(config), effectiveAt);

    /// <summary>Compact JSON with a fixed field order: the text the version hash is taken over.</summary>
    public static string ToCanonicalJson(VaultConfig config) =>
        JsonSerializer.Serialize(config, VaultsJsonContext.Default.VaultConfig);

    /// <summary>Indented JSON for the file operators edit, with a final newline.</summary>
    public static string ToFileJson(VaultConfig config) =>
        JsonSerializer.Serialize(config, VaultsJsonContext.Indented.VaultConfig) + "\n";

    /// <summary>
    /// Writes <paramref name="config"/> to <paramref name="path"/> atomically (temp file, flush, rename), so a
    /// crash never leaves a half-written config behind.
    /// </summary>
    public static void Write(string path, VaultConfig config)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.UTF8.GetBytes(ToFileJson(config)));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Writes <see cref="VaultConfig.Default"/> unless a file is already there; true when it wrote one.</summary>
    public static bool WriteDefaultIfMissing(string path)
    {
        if (File.Exists(path))
            return false;
        Write(path, VaultConfig.Default);
        return true;
    }

    private static VaultConfigError InvalidJson(JsonException ex, string sourceName)
    {
        // JsonException counts lines and bytes from 0; editors count from 1.
        var where = ex.LineNumber is { } line
            ? $" at line {line + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}"
            : "";
        var field = ex.Path is { Length: > 2 } path ? path[2..] : "";
        var problem = ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? $"{field} has the wrong type"
            : TrimLocation(ex.Message);
        return new VaultConfigError(VaultConfigErrorCode.InvalidJson, field, $"{sourceName}: invalid JSON{where}: {problem}");
    }

    // The serializer appends " Path: $.x | LineNumber: 0 | BytePositionInLine: 1." which we report ourselves.
    private static string TrimLocation(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
