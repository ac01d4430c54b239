using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Vanta.Markets.Tape;

/// <summary>Field-by-field reading of <c>tape.json</c>, so every error names the field at fault.</summary>
internal static class TapeManifestReader
{
    /// <summary>Returns the error, or null and the manifest.</summary>
    public static string? TryRead(JsonElement root, string directory, out TapeManifest? manifest)
    {
        manifest = null;
        if (root.ValueKind != JsonValueKind.Object)
            return "the manifest must be a JSON object";
        if (Text(root, "name") is not { Length: > 0 } name)
            return "'name' is missing or not a string";
        if (Date(root, "from") is not { } from)
            return "'from' is missing or not a yyyy-mm-dd date";
        if (Date(root, "to") is not { } to)
            return "'to' is missing or not a yyyy-mm-dd date";
        if (to < from)
            return "'to' is before 'from'";
        if (Text(root, "recorded_at") is not { } recordedText
            || !DateTimeOffset.TryParse(recordedText, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var recordedAt))
            return "'recorded_at' is missing or not an ISO-8601 time";
        if (!root.TryGetProperty("sources", out var list) || list.ValueKind != JsonValueKind.Array)
            return "'sources' is missing or not an array";

        var sources = ImmutableArray.CreateBuilder<TapeSource>();
        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"sources[{index++}]");
            if (item.ValueKind != JsonValueKind.Object)
                return $"'{field}' is not an object";
            if (Text(item, "kind") is not { } kind)
                return $"'{field}.kind' is missing or not a string";
            if (!TapeSourceKinds.All.ContainsKey(kind))
                return $"'{field}.kind' is '{kind}', not one of {string.Join(", ", TapeSourceKinds.All.Keys)}";
            if (Text(item, "path") is not { Length: > 0 } path)
                return $"'{field}.path' is missing or not a string";
            if (!IsInside(directory, path))
                return $"'{field}.path' ('{path}') must be a relative path inside the tape";
            sources.Add(new TapeSource(kind, path.Replace('\\', '/').TrimEnd('/')));
        }
        if (sources.Count == 0)
            return "'sources' is empty";

        manifest = new TapeManifest(directory, name, from, to, recordedAt.ToUniversalTime(), sources.ToImmutable());
        return null;
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateOnly? Date(JsonElement obj, string name) =>
        Text(obj, name) is { } text
        && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    private static bool IsInside(string directory, string path)
    {
        if (Path.IsPathRooted(path))
            return false;
        var full = Path.GetFullPath(Path.Combine(directory, path));
        var root = directory.EndsWith(Path.DirectorySeparatorChar) ? directory : directory + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal) || full == directory;
    }
}
