using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using Vanta.Core.Stages;

namespace Vanta.Journal.Audit;

/// <summary>
/// Reads and writes <c>manifest.json</c> with a fixed field order and LF line ends, so the same bundle
/// content always gives the same bytes. Reading is strict: a missing or mistyped field names its path.
/// </summary>
internal static class ManifestJson
{
    public static byte[] Write(BundleManifest m)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteString("format", BundleManifest.Format);
            w.WriteStartObject("window");
            w.WriteString("from", m.Window.From);
            w.WriteString("to", m.Window.To);
            w.WriteString("bounds", "ts_event from inclusive, to exclusive");
            w.WriteEndObject();
            w.WriteStartObject("records");
            w.WriteString("file", BundleLayout.Records);
            w.WriteNumber("count", m.Records.Count);
            w.WriteNumber("first_seq", m.Records.FirstSeq);
            w.WriteNumber("last_seq", m.Records.LastSeq);
            w.WriteNumber("in_window", m.Records.InWindow);
            w.WriteEndObject();
            WriteHead(w, "anchor", m.Anchor);
            WriteHead(w, "chain_head", m.ChainHead);
            w.WriteString("merkle_root", m.MerkleRoot);
            w.WriteStartArray("configs");
            foreach (var c in m.Configs)
            {
                w.WriteStartObject();
                w.WriteString("kind", c.Kind);
                w.WriteString("version", c.Version);
                w.WriteNumber("seq", c.Seq);
                w.WriteString("effective_at", c.EffectiveAt);
                w.WriteStartArray("reasons");
                foreach (var reason in c.Reasons)
                    w.WriteStringValue(reason);
                w.WriteEndArray();
                w.WriteString("content_file", c.ContentFile);
                w.WriteString("record_file", c.RecordFile);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("files");
            foreach (var f in m.Files)
            {
                w.WriteStartObject();
                w.WriteString("path", f.Path);
                w.WriteString("sha256", f.Sha256);
                w.WriteNumber("bytes", f.Bytes);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.Write("\n"u8);
        return output.WrittenSpan.ToArray();
    }

    /// <exception cref="InvalidDataException">The manifest is not JSON or lacks a field (names its path).</exception>
    public static BundleManifest Read(ReadOnlyMemory<byte> json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (Text(root, "format", "format") != BundleManifest.Format)
                throw new InvalidDataException($"format is not {BundleManifest.Format}");
            var window = Get(root, "window", "window");
            var records = Get(root, "records", "records");
            if (Text(records, "file", "records.file") != BundleLayout.Records)
                throw new InvalidDataException($"records.file is not {BundleLayout.Records}");
            AuditWindow auditWindow;
            try
            {
                auditWindow = new AuditWindow(Time(window, "from", "window.from"), Time(window, "to", "window.to"));
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"window: {e.Message}", e);
            }
            return new BundleManifest(
                auditWindow,
                new BundleRecords(
                    Number(records, "count", "records.count"),
                    Number(records, "first_seq", "records.first_seq"),
                    Number(records, "last_seq", "records.last_seq"),
                    Number(records, "in_window", "records.in_window")),
                Head(root, "anchor"),
                Head(root, "chain_head"),
                Text(root, "merkle_root", "merkle_root"),
                [.. Items(root, "configs").Select((c, i) => Config(c, $"configs[{i}]"))],
                [.. Items(root, "files").Select((f, i) => new BundleFile(
                    Text(f, "path", $"files[{i}].path"), Text(f, "sha256", $"files[{i}].sha256"), Number(f, "bytes", $"files[{i}].bytes")))]);
        }
    }

    private static BundleConfig Config(JsonElement c, string path)
    {
        var config = new BundleConfig(
            Text(c, "kind", path + ".kind"),
            Text(c, "version", path + ".version"),
            Number(c, "seq", path + ".seq"),
            Time(c, "effective_at", path + ".effective_at"),
            [.. Items(c, "reasons").Select(r => r.ValueKind == JsonValueKind.String ? r.GetString()! : throw new InvalidDataException($"{path}.reasons holds a non-string"))]);
        if (!BundleLayout.IsSafeKind(config.Kind) || !BundleLayout.IsHex64(config.Version))
            throw new InvalidDataException($"{path}: kind '{config.Kind}' or version '{config.Version}' is not well formed");
        if (Text(c, "content_file", path + ".content_file") != config.ContentFile || Text(c, "record_file", path + ".record_file") != config.RecordFile)
            throw new InvalidDataException($"{path}: content_file/record_file are not named after its kind and version");
        return config;
    }

    private static void WriteHead(Utf8JsonWriter w, string name, JournalHead head)
    {
        w.WriteStartObject(name);
        w.WriteNumber("seq", head.Seq);
        w.WriteString("hash", head.Hash);
        w.WriteEndObject();
    }

    private static JournalHead Head(JsonElement root, string name)
    {
        var head = Get(root, name, name);
        var hash = Text(head, "hash", name + ".hash");
        if (!BundleLayout.IsHex64(hash))
            throw new InvalidDataException($"{name}.hash is not 64 lower-case hex characters");
        return new JournalHead(Number(head, "seq", name + ".seq"), hash);
    }

    private static JsonElement Get(JsonElement e, string name, string path) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) ? value : throw new InvalidDataException($"{path} is missing");

    private static string Text(JsonElement e, string name, string path) =>
        Get(e, name, path) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : throw new InvalidDataException($"{path} is not a string");

    private static long Number(JsonElement e, string name, string path) =>
        Get(e, name, path) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt64(out var n) && n >= 0 ? n : throw new InvalidDataException($"{path} is not a non-negative integer");

    private static DateTimeOffset Time(JsonElement e, string name, string path) =>
        Get(e, name, path) is { ValueKind: JsonValueKind.String } v && v.TryGetDateTimeOffset(out var t) ? t : throw new InvalidDataException($"{path} is not an ISO 8601 time");

    private static JsonElement.ArrayEnumerator Items(JsonElement e, string name) =>
        Get(e, name, name) is { ValueKind: JsonValueKind.Array } v ? v.EnumerateArray() : throw new InvalidDataException($"{name} is not an array");
}
