using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vanta.Core.Envelopes;
using Vanta.Core.Ids;

namespace Vanta.Testing.Lineage;

/// <summary>
/// Deterministic decision chains shaped like a `vanta run` journal: a config, raw documents each read by several
/// price bars, and per bar a conviction, intent, risk check, order (parents: intent and risk check), a submitted
/// and a filled order event, a fill and a portfolio snapshot. Serves the lineage tests and the explain benchmark.
/// </summary>
public static class DecisionChains
{
    public const string ConfigVersion = "cd69472ab850c7611339deb4853dde28cc0181dde2f2eacd08b30ff73204b161";
    public const int RecordsPerChain = 9;

    /// <summary>One daily bar, base64: the raw document content unless a caller asks for more.</summary>
    public const string OneBarContent = "MTk5ODAxMDIsMC44NjEzNjU3";

    private static readonly DateTimeOffset T0 = new(2024, 3, 1, 14, 30, 0, TimeSpan.Zero);
    private static readonly Producer Alpha = new("node-a", Role.Alpha);

    public static string ClientOrderId(int chain) => $"vanta-{chain:D8}";

    public static string OrderId(int chain) => $"ord-{chain:D8}";

    public static string FillId(int chain) => $"fill-{chain:D8}";

    public static string IntentId(int chain) => $"intent-{chain:D8}";

    public static string SignalId(int chain) => $"signal-{chain:D8}";

    /// <summary>Base64 of a daily-bar CSV with <paramref name="rows"/> rows (about 36 base64 characters a row).</summary>
    public static string DailyBarsContent(int rows) => Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Concat(
        Enumerable.Range(0, rows).Select(i => $"2016{i:D4},0.8613657,0.00892857,1\n"))));

    public static Envelope Config() =>
        Make("config", 1, T0, $$"""{"kind":"vault","version":"{{ConfigVersion}}","content":"{}","effective_at":"2024-03-01T14:30:00+00:00"}""");

    /// <summary>
    /// The config, then <paramref name="count"/> chains starting at <paramref name="first"/>; a raw document every
    /// <paramref name="barsPerDocument"/> chains, holding <paramref name="documentContent"/> (base64; default <see cref="OneBarContent"/>).
    /// </summary>
    public static IEnumerable<Envelope> Chains(
        int first, int count, int barsPerDocument = 10, bool withConfig = true, string documentContent = OneBarContent)
    {
        if (withConfig)
            yield return Config();
        Envelope? document = null;
        for (var i = first; i < first + count; i++)
        {
            var ts = T0.AddMinutes(i);
            if (document is null || i % barsPerDocument == 0)
            {
                var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"doc-{i}")));
                document = Make("raw_document", 1, ts, Invariant($$"""{"source":"lean-daily","uri":"lean/daily/aapl-{{i}}.csv","content_type":"text/csv","fetched_at":"{{ts:O}}","sha256":"{{sha}}","content":"{{documentContent}}"}"""));
                yield return document;
            }
            foreach (var envelope in Chain(i, ts, document.EventId))
                yield return envelope;
        }
    }

    private static IEnumerable<Envelope> Chain(int i, DateTimeOffset ts, EventId document)
    {
        var bar = Make("price_bar", 1, ts, Invariant($$"""{"symbol":"AAPL","close":{{150 + i % 97}}.25,"volume":{{1000 + i}},"source":"lean-daily"}"""), document);
        var conviction = Make("conviction", 2, ts, Invariant($$"""{"signal_id":"{{SignalId(i)}}","conviction_score":0.25,"reason_vector":{"forecast-ets@1":0.25},"contributing_models":{"forecast-ets@1":1},"symbol":"AAPL"}"""), bar.EventId);
        var intent = Make("allocation_intent", 2, ts, Invariant($$"""{"intent_id":"{{IntentId(i)}}","vault_id":"core","symbol":"AAPL","target_weight":0.05,"signal_id":"{{SignalId(i)}}","config_version":"{{ConfigVersion}}","reason":"conviction 0.25 -> balanced","target_quantity":10,"side":"buy"}"""), conviction.EventId);
        var check = Make("risk_check", 1, ts, Invariant($$"""{"order_id":"{{OrderId(i)}}","client_order_id":"{{ClientOrderId(i)}}","vault_id":"core","symbol":"AAPL","approved":true,"fences_passed":["kill_switch","gross_exposure"]}"""), intent.EventId);
        var order = Make("order", 1, ts, Invariant($$"""{"order_id":"{{OrderId(i)}}","client_order_id":"{{ClientOrderId(i)}}","intent_id":"{{IntentId(i)}}","vault_id":"core","symbol":"AAPL","side":"buy","type":"market","quantity":10}"""), intent.EventId, check.EventId);
        var submitted = Make("order_event", 1, ts, Invariant($$"""{"order_id":"{{OrderId(i)}}","client_order_id":"{{ClientOrderId(i)}}","status":"submitted","filled_quantity":0}"""), order.EventId);
        var filled = Make("order_event", 1, ts.AddSeconds(1), Invariant($$"""{"order_id":"{{OrderId(i)}}","client_order_id":"{{ClientOrderId(i)}}","status":"filled","filled_quantity":10}"""), order.EventId);
        var fill = Make("fill", 1, ts.AddSeconds(1), Invariant($$"""{"fill_id":"{{FillId(i)}}","order_id":"{{OrderId(i)}}","client_order_id":"{{ClientOrderId(i)}}","vault_id":"core","symbol":"AAPL","side":"buy","quantity":10,"price":150.25,"fee":1}"""), filled.EventId);
        var portfolio = Make("portfolio", 1, ts.AddSeconds(1), Invariant($$"""{"vault_id":"core","cash":90000,"equity":100000}"""), fill.EventId);
        return [bar, conviction, intent, check, order, submitted, filled, fill, portfolio];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static Envelope Make(string type, int version, DateTimeOffset ts, string payload, params EventId[] parents)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        var parentList = ImmutableArray.Create(parents);
        var id = Envelope.DeriveId(type, version, ts, bytes, parentList);
        return new Envelope(id, type, version, ts, ts, Alpha, parentList, new CorrelationId(id.Value), bytes);
    }
}
