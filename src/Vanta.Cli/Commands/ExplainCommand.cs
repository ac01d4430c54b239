using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vanta.Cli.Embedded;
using Vanta.Journal.Lineage;

namespace Vanta.Cli.Commands;

/// <summary>
/// <c>vanta explain ID</c>: the decision path through any record, from the lineage index in <c>vanta.db</c>
/// (brought up to date with the journal first): its ancestors down to the raw documents and its descendants.
/// </summary>
public static class ExplainCommand
{
    public static Command Create()
    {
        var home = VantaCommandLine.HomeOption();
        var id = new Argument<string>("id") { Description = "An event id, or a client order id, order id, fill id, intent id or signal id" };
        var json = new Option<bool>("--json") { Description = "Print the tree as JSON (nodes with event_id, type, ts_event, fields, parents, children)" };
        var depth = new Option<int>("--depth") { Description = "Levels shown above and below the record", DefaultValueFactory = _ => 32 };
        var maxChildren = new Option<int>("--max-children") { Description = "Descendants shown per record; the rest are counted", DefaultValueFactory = _ => 20 };
        var command = new Command("explain", "Show the decision path through a record: what it came from and what came of it")
        {
            id, home, json, depth, maxChildren,
        };
        command.SetAction(parse => Explain(
            HomeLayout.At(parse.GetValue(home)!), parse.GetValue(id)!, parse.GetValue(json),
            new ExplainOptions { Depth = parse.GetValue(depth), MaxChildren = parse.GetValue(maxChildren) },
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Explain(HomeLayout layout, string id, bool asJson, ExplainOptions options, TextWriter output, TextWriter error)
    {
        if (options.Depth < 0 || options.MaxChildren < 0)
        {
            error.WriteLine("vanta explain: --depth and --max-children must be 0 or more");
            return 2;
        }
        if (!Directory.Exists(layout.Journal))
        {
            error.WriteLine($"vanta explain: no journal at {layout.Journal}; run `vanta run` first");
            return 2;
        }
        LineageTree? tree;
        try
        {
            using var index = LineageIndex.Open(layout.Database, layout.Journal);
            index.Update();
            tree = LineageExplainer.Explain(index, id.Trim(), options);
        }
        catch (InvalidDataException e)
        {
            error.WriteLine($"vanta explain: {e.Message}");
            return 2;
        }
        catch (SqliteException e)
        {
            error.WriteLine($"vanta explain: {layout.Database} cannot be used ({e.Message}); move it aside and the lineage index is rebuilt from the journal");
            return 2;
        }
        if (tree is null)
        {
            error.WriteLine($"vanta explain: no record in {layout.Journal} has the event id or payload id '{id}' "
                + "(ids accepted: event id, client order id, order id, fill id, intent id, signal id)");
            return 1;
        }
        output.Write(asJson ? ExplainJson.Write(tree) : ExplainText.Write(tree));
        return 0;
    }
}

/// <summary>The tree as indented text: one line per record, type, id, event time and key fields.</summary>
internal static class ExplainText
{
    public static string Write(LineageTree tree)
    {
        var text = new StringBuilder();
        var root = tree.Root;
        text.Append("explain ").Append(tree.Query).Append(" (").Append(tree.MatchedBy).Append(")\n");
        text.Append(Line(root)).Append('\n');
        text.Append("ancestors (what it was derived from):\n");
        Branches(text, root, "", up: true);
        text.Append("descendants (what came of it):\n");
        Branches(text, root, "", up: false);
        return text.ToString();
    }

    private static void Branches(StringBuilder text, LineageNode node, string indent, bool up)
    {
        var items = new List<(string Prefix, LineageNode? Node, string? Note)>();
        if (up)
            items.AddRange(node.Configs.Select(c => ("uses ", (LineageNode?)c, (string?)null)));
        items.AddRange((up ? node.Parents : node.Children).Select(n => ("", (LineageNode?)n, (string?)null)));
        var more = up ? node.MoreParents : node.MoreChildren;
        if (more > 0)
            items.Add(("", null, $"… {more} more"));
        if (items.Count == 0 && indent.Length == 0)
            text.Append("  (none)\n");
        for (var i = 0; i < items.Count; i++)
        {
            var last = i == items.Count - 1;
            var (prefix, child, note) = items[i];
            text.Append(indent).Append(last ? "└─ " : "├─ ").Append(prefix).Append(child is null ? note : Line(child)).Append('\n');
            if (child is not null && prefix.Length == 0)
                Branches(text, child, indent + (last ? "   " : "│  "), up);
        }
    }

    private static string Line(LineageNode node)
    {
        if (node.Entry is null)
            return $"{node.EventId} (not in this journal)";
        var line = new StringBuilder().Append(node.Entry.Type).Append(' ').Append(node.EventId.Value).Append(' ').Append(node.Entry.TsEvent);
        if (node.Repeat)
            return line.Append(" (shown above)").ToString();
        foreach (var field in node.Fields)
            line.Append(field == node.Fields[0] ? "  " : " ").Append(field.Name).Append('=').Append(Value(field));
        return line.ToString();
    }

    // A string with spaces is quoted so the line still splits into name=value pairs.
    private static string Value(LineageField field)
    {
        var text = field.Text;
        if (text.Length > 0 && !text.Any(char.IsWhiteSpace))
            return text;
        return "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";
    }
}

/// <summary>The tree as JSON for machines: the root with its parents (ancestors) and children (descendants).</summary>
internal static class ExplainJson
{
    public static string Write(LineageTree tree)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("query", tree.Query);
            json.WriteString("matched_by", tree.MatchedBy);
            json.WritePropertyName("root");
            Node(json, tree.Root, up: true, down: true);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Node(Utf8JsonWriter json, LineageNode node, bool up, bool down)
    {
        json.WriteStartObject();
        json.WriteString("event_id", node.EventId.Value);
        if (node.Entry is null)
        {
            json.WriteBoolean("missing", true);
            json.WriteEndObject();
            return;
        }
        json.WriteString("type", node.Entry.Type);
        json.WriteNumber("seq", node.Entry.Seq);
        json.WriteString("ts_event", node.Entry.TsEvent);
        if (node.Repeat)
        {
            json.WriteBoolean("repeat", true);
            json.WriteEndObject();
            return;
        }
        json.WriteStartObject("fields");
        foreach (var field in node.Fields)
        {
            json.WritePropertyName(field.Name);
            json.WriteRawValue(field.Json, skipInputValidation: true);
        }
        json.WriteEndObject();
        if (up)
        {
            Nodes(json, "configs", node.Configs, up: false, down: false);
            Nodes(json, "parents", node.Parents, up: true, down: false);
            json.WriteNumber("more_parents", node.MoreParents);
        }
        if (down)
        {
            Nodes(json, "children", node.Children, up: false, down: true);
            json.WriteNumber("more_children", node.MoreChildren);
        }
        json.WriteEndObject();
    }

    private static void Nodes(Utf8JsonWriter json, string name, IReadOnlyList<LineageNode> nodes, bool up, bool down)
    {
        json.WriteStartArray(name);
        foreach (var node in nodes)
            Node(json, node, up, down);
        json.WriteEndArray();
    }
}
