using Vanta.Core.Ids;

namespace Vanta.Journal.Lineage;

/// <summary>
/// Builds the decision path through a record: up through its parents to the raw documents it rests on, and
/// down through everything derived from it. The index finds the records; each is then read from the journal.
/// </summary>
public static class LineageExplainer
{
    /// <summary>The explanation of whatever <paramref name="id"/> names (see <see cref="LineageIndex.Lookup"/>); null when nothing.</summary>
    public static LineageTree? Explain(LineageIndex index, string id, ExplainOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        options ??= new ExplainOptions();
        if (LineageKeys.Preferred(index.Lookup(id)) is not { } match)
            return null;
        var walk = new Walk(index, options);
        var root = walk.Load(match.Entry);
        walk.Up(root, 0);
        walk.Reset();
        walk.Down(root, 0);
        return new LineageTree(id, match.Field, root);
    }

    private sealed class Walk(LineageIndex index, ExplainOptions options)
    {
        private readonly HashSet<EventId> seen = [];
        private readonly Dictionary<string, IReadOnlyList<LineageNode>> configs = new(StringComparer.Ordinal);
        private int budget = options.MaxNodes;

        public void Reset()
        {
            seen.Clear();
            budget = options.MaxNodes;
        }

        public LineageNode Load(LineageEntry entry)
        {
            var record = index.Read(entry);
            seen.Add(entry.EventId);
            budget--;
            return new LineageNode(entry.EventId, entry, record.Envelope, LineageFields.Of(record.Envelope), repeat: false);
        }

        public void Up(LineageNode node, int depth)
        {
            AttachConfigs(node);
            var parents = node.Envelope!.Parents;
            if (depth >= options.Depth)
            {
                node.MoreParents = parents.Length;
                return;
            }
            foreach (var parent in parents)
            {
                if (seen.Contains(parent))
                {
                    node.parents.Add(Repeat(parent));
                    continue;
                }
                if (budget <= 0)
                {
                    node.MoreParents++;
                    continue;
                }
                if (index.Find(parent) is not { } entry)
                {
                    seen.Add(parent);
                    node.parents.Add(new LineageNode(parent, null, null, [], repeat: false));
                    continue;
                }
                var loaded = Load(entry);
                node.parents.Add(loaded);
                Up(loaded, depth + 1);
            }
        }

        public void Down(LineageNode node, int depth)
        {
            if (depth >= options.Depth || budget <= 0)
            {
                node.MoreChildren = index.CountChildren(node.EventId);
                return;
            }
            var children = index.Children(node.EventId, options.MaxChildren + 1);
            var shown = Math.Min(children.Count, options.MaxChildren);
            for (var i = 0; i < shown; i++)
            {
                var child = children[i];
                if (seen.Contains(child.EventId))
                {
                    node.children.Add(Repeat(child.EventId, child));
                    continue;
                }
                if (budget <= 0)
                    break;
                var loaded = Load(child);
                node.children.Add(loaded);
                Down(loaded, depth + 1);
            }
            var total = children.Count > options.MaxChildren ? index.CountChildren(node.EventId) : children.Count;
            node.MoreChildren = total - node.children.Count;
        }

        private LineageNode Repeat(EventId id, LineageEntry? entry = null) =>
            new(id, entry ?? index.Find(id), null, [], repeat: true);

        private void AttachConfigs(LineageNode node)
        {
            if (LineageFields.ConfigVersion(node.Fields) is not { } versions)
                return;
            // An intent made under an overlay names both versions: "vault+overlay".
            foreach (var version in versions.Split('+', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!configs.TryGetValue(version, out var found))
                {
                    // A config is shown in full the first time and by reference after that.
                    found = [.. index.Lookup(version)
                        .Where(m => m.Field == "version" && m.Entry.Type == "config")
                        .Select(m => Load(m.Entry))];
                    configs[version] = found;
                    node.configs.AddRange(found);
                    continue;
                }
                node.configs.AddRange(found.Select(c => Repeat(c.EventId, c.Entry)));
            }
        }
    }
}
