using System.Collections.Frozen;

namespace Vanta.Journal.Lineage;

/// <summary>
/// The payload ids the index can look records up by, per event type. Each id is indexed on the records that
/// define it (a fill id on its fill, a client order id on its order and on the risk check that vetted it),
/// not on every record that repeats it, so a lookup lands on the decision itself.
/// </summary>
public static class LineageKeys
{
    /// <summary>The payload field that names the config version a decision used.</summary>
    public const string ConfigReference = "config_version";

    /// <summary>Payload id fields indexed per type.</summary>
    public static FrozenDictionary<string, string[]> Fields { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["fill"] = ["fill_id"],
        ["order"] = ["order_id", "client_order_id"],
        ["risk_check"] = ["order_id", "client_order_id"],
        ["allocation_intent"] = ["intent_id"],
        ["conviction"] = ["signal_id"],
        ["config"] = ["version"],
        ["raw_document"] = ["sha256"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // When one id names several records (an order and its risk check share the client order id), the
    // record furthest down the decision path is the one the id stands for; its explanation shows the rest.
    private static readonly FrozenDictionary<string, int> Rank = new[]
    {
        "fill", "order", "risk_check", "allocation_intent", "conviction", "config", "raw_document",
    }.Select((type, i) => KeyValuePair.Create(type, i)).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The match an id stands for: by type (fill before order before risk check …), then the earliest record.</summary>
    public static LineageMatch? Preferred(IEnumerable<LineageMatch> matches) =>
        matches.OrderBy(m => Rank.GetValueOrDefault(m.Entry.Type, int.MaxValue)).ThenBy(m => m.Entry.Seq).FirstOrDefault();
}
