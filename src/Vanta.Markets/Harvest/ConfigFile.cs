using System.Text.Json;

namespace Vanta.Markets.Harvest;

/// <summary>The file handling every JSON config of a home shares: default on first run, parse, root checks.</summary>
internal static class ConfigFile
{
    public static bool WriteDefaultIfMissing(string path, string defaultJson)
    {
        if (File.Exists(path))
            return false;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, defaultJson + "\n");
        return true;
    }

    /// <summary>Reads <paramref name="path"/> and hands its text to <paramref name="parse"/>, or reports it missing.</summary>
    public static TResult Load<TResult>(string path, Func<string, string, TResult> parse, Func<string, TResult> fail) =>
        File.Exists(path) ? parse(File.ReadAllText(path), Path.GetFileName(path)) : fail($"{path}: not found");

    /// <summary>
    /// Parses the text (comments and trailing commas allowed) and reads its root object with a reader that names
    /// each bad field; invalid JSON or a root that is not an object is one error naming the file and position.
    /// </summary>
    public static TResult Read<TResult>(string json, string file, Func<JsonElement, ConfigReader, TResult> read, Func<string, TResult> fail)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return fail($"{file}: not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}");
        }
        using (document)
        {
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? read(document.RootElement, new ConfigReader(file))
                : fail($"{file}: must be a JSON object");
        }
    }
}
