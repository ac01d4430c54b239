using System.Collections.Immutable;
using System.Text.Json;

namespace Vanta.Markets.Harvest;

/// <summary>Reads typed fields from a JSON object, collecting errors that name the field's path.</summary>
internal sealed class ConfigReader(string file)
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> Errors => _errors;

    public void Error(string path, string problem) => _errors.Add($"{file}: {path} {problem}");

    public JsonElement? Object(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.Object)
            return value;
        Error(Join(path, name), "must be an object");
        return null;
    }

    public bool Bool(JsonElement parent, string name, string path, bool fallback)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return fallback;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        Error(Join(path, name), $"must be true or false (was {value.GetRawText()})");
        return fallback;
    }

    public int Int(JsonElement parent, string name, string path, int fallback, int min, int max)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return fallback;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
            return number;
        Error(Join(path, name), $"must be a whole number from {min} to {max} (was {value.GetRawText()})");
        return fallback;
    }

    public string String(JsonElement parent, string name, string path, string fallback, Func<string, bool>? valid = null, string? rule = null)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return fallback;
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text && (valid is null || valid(text)))
            return text;
        Error(Join(path, name), $"must be {rule ?? "a non-empty string"} (was {value.GetRawText()})");
        return fallback;
    }

    public ImmutableArray<string> Strings(JsonElement parent, string name, string path, ImmutableArray<string> fallback)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return fallback;
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(Join(path, name), "must be an array of strings");
            return fallback;
        }
        var items = ImmutableArray.CreateBuilder<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } text)
                items.Add(text);
            else
                Error($"{Join(path, name)}[{i}]", $"must be a non-empty string (was {item.GetRawText()})");
            i++;
        }
        return items.ToImmutable();
    }

    public ImmutableArray<long> Longs(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return [];
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(Join(path, name), "must be an array of numbers");
            return [];
        }
        var items = ImmutableArray.CreateBuilder<long>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out var number) && number > 0)
                items.Add(number);
            else
                Error($"{Join(path, name)}[{i}]", $"must be a positive whole number (was {item.GetRawText()})");
            i++;
        }
        return items.ToImmutable();
    }

    public Uri? Url(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String && IsHttpUrl(value.GetString(), out var uri))
            return uri;
        Error(Join(path, name), $"must be an http(s) URL or null (was {value.GetRawText()})");
        return null;
    }

    public ImmutableArray<Uri> Urls(JsonElement parent, string name, string path)
    {
        var texts = Strings(parent, name, path, []);
        var urls = ImmutableArray.CreateBuilder<Uri>();
        for (var i = 0; i < texts.Length; i++)
        {
            if (IsHttpUrl(texts[i], out var uri))
                urls.Add(uri);
            else
                Error($"{Join(path, name)}[{i}]", $"must be an http(s) URL (was \"{texts[i]}\")");
        }
        return urls.ToImmutable();
    }

    private static bool IsHttpUrl(string? text, out Uri uri)
    {
        uri = null!;
        return Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" && (uri = parsed) is not null;
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
