using Vanta.Core.Envelopes;
using Vanta.Core.Ids;

namespace Vanta.Journal.Lineage;

/// <summary>Bounds on an explanation, so that explaining a raw document read by thousands of decisions stays readable.</summary>
public sealed record ExplainOptions
{
    /// <summary>Levels shown above and below the record explained.</summary>
    public int Depth { get; init; } = 32;

    /// <summary>Children shown per record; the rest are counted in <see cref="LineageNode.MoreChildren"/>.</summary>
    public int MaxChildren { get; init; } = 20;

    /// <summary>Records read per direction; past it, nodes are counted but not expanded.</summary>
    public int MaxNodes { get; init; } = 2000;
}

/// <summary>One record in an explanation, with the lineage around it in the direction being walked.</summary>
public sealed class LineageNode
{
    internal LineageNode(EventId eventId, LineageEntry? entry, Envelope? envelope, IReadOnlyList<LineageField> fields, bool repeat)
    {
        EventId = eventId;
        Entry = entry;
        Envelope = envelope;
        Fields = fields;
        Repeat = repeat;
    }

    public EventId EventId { get; }

    /// <summary>Where the record is; null when the journal does not hold it (a parent from another node).</summary>
    public LineageEntry? Entry { get; }

    /// <summary>The record's envelope; null when the journal does not hold it or it is a <see cref="Repeat"/>.</summary>
    public Envelope? Envelope { get; }

    /// <summary>The payload's key fields (<see cref="LineageFields"/>).</summary>
    public IReadOnlyList<LineageField> Fields { get; }

    /// <summary>Shown earlier in the same direction (lineage is a graph: an order and its risk check share an intent); not expanded again.</summary>
    public bool Repeat { get; }

    /// <summary>Ancestors: the records this one was derived from, in the envelope's order.</summary>
    public IReadOnlyList<LineageNode> Parents => parents;

    /// <summary>Descendants: the records derived from this one, in journal order.</summary>
    public IReadOnlyList<LineageNode> Children => children;

    /// <summary>The config events of the version this record's payload says it used.</summary>
    public IReadOnlyList<LineageNode> Configs => configs;

    /// <summary>Parents not shown (depth or size bound).</summary>
    public long MoreParents { get; internal set; }

    /// <summary>Children not shown (depth, <see cref="ExplainOptions.MaxChildren"/> or size bound).</summary>
    public long MoreChildren { get; internal set; }

    public string Type => Entry?.Type ?? "(not in this journal)";

    internal readonly List<LineageNode> parents = [];
    internal readonly List<LineageNode> children = [];
    internal readonly List<LineageNode> configs = [];
}

/// <summary>An explanation: the record an id names, its ancestors down to the raw documents and its descendants.</summary>
/// <param name="Query">The id asked about.</param>
/// <param name="MatchedBy">How it was found: <c>event_id</c>, or the payload field (<c>client_order_id</c>, …).</param>
/// <param name="Root">The record, with <see cref="LineageNode.Parents"/> and <see cref="LineageNode.Children"/> both filled.</param>
public sealed record LineageTree(string Query, string MatchedBy, LineageNode Root);
