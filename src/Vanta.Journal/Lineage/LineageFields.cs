using System.Collections.Frozen;
using System.Text.Json;
using Vanta.Core.Envelopes;

namespace Vanta.Journal.Lineage;

/// <summary>One payload field worth showing, with its value as raw JSON (a string keeps its quotes).</summary>
public sealed record LineageField(string Name, string Json)
{
    /// <summary>The value for a person: a string without quotes, anything else as compact JSON.</summary>
    public string Text => Json.StartsWith('"') ? JsonSerializer.Deserialize<string>(Json) ?? "" : Json;
}

/// <summary>
/// The key fields of each event type's payload: what a person explaining a decision wants on one line
/// (a fill's price, a risk check's fences, a conviction's reason vector, a raw document's URL and hash).
/// Fields a payload lacks are left out, so optional ones (an intent's persona or overlay) show when present.
/// Types not listed show no fields.
/// </summary>
public static class LineageFields
{
    private static readonly FrozenDictionary<string, string[]> ByType = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["fill"] = ["fill_id", "client_order_id", "vault_id", "symbol", "side", "quantity", "price", "fee"],
        ["order_event"] = ["status", "filled_quantity", "average_price", "reason"],
        ["order"] = ["order_id", "client_order_id", "vault_id", "symbol", "side", "type", "quantity", "limit_price", "time_in_force"],
        ["order_routed"] = ["order_id", "client_order_id", "broker"],
        ["risk_check"] = ["approved", "fence", "denial_reason", "fences_passed"],
        ["allocation_intent"] = [
            "intent_id", "vault_id", "persona", "overlay", "overlay_version", "config_version", "symbol",
            "target_weight", "target_quantity", "side", "limit_price", "reason",
        ],
        ["conviction"] = ["signal_id", "symbol", "conviction_score", "reason_vector", "contributing_models"],
        ["price_bar"] = ["symbol", "close", "volume", "source"],
        ["price_quote"] = ["symbol", "price", "currency", "source"],
        ["insider_transaction"] = ["symbol", "form_type", "owner_name", "relationship", "transaction_code", "shares", "price_per_share"],
        ["social_post"] = ["platform", "community", "author", "id", "url"],
        ["news_item"] = ["source", "title", "url", "symbols"],
        ["filing_notice"] = ["form_type", "entity_name", "symbol", "accession_number"],
        ["institutional_holding"] = ["filer_name", "symbol", "cusip"],
        ["macro_observation"] = ["series_id", "date", "value", "source"],
        ["swarm_report"] = ["platform", "swarm_id", "symbols"],
        ["raw_document"] = ["source", "uri", "content_type", "fetched_at", "sha256"],
        ["config"] = ["kind", "version", "effective_at"],
        ["portfolio"] = ["vault_id", "equity", "cash", "realized_pnl", "unrealized_pnl"],
        ["position"] = ["vault_id", "symbol", "quantity", "average_cost"],
        ["heartbeat"] = ["node", "role", "config_version"],
        ["quarantine"] = ["source", "location", "reason"],
        ["trading_state"] = ["scope", "from", "to", "reason"],
        ["reconciliation"] = ["broker", "kind", "subject", "action"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The key fields of <paramref name="envelope"/>'s payload, in a fixed order per type.</summary>
    public static IReadOnlyList<LineageField> Of(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!ByType.TryGetValue(envelope.Type, out var names))
            return [];
        using var payload = JsonDocument.Parse(envelope.Payload);
        if (payload.RootElement.ValueKind != JsonValueKind.Object)
            return [];
        var fields = new List<LineageField>(names.Length);
        foreach (var name in names)
        {
            if (payload.RootElement.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
                fields.Add(new LineageField(name, value.GetRawText()));
        }
        return fields;
    }

    /// <summary>The config version the payload says it used (an intent's <c>config_version</c>); null when none.</summary>
    public static string? ConfigVersion(IReadOnlyList<LineageField> fields) =>
        fields.FirstOrDefault(f => f.Name == LineageKeys.ConfigReference && f.Json.StartsWith('"'))?.Text;
}
