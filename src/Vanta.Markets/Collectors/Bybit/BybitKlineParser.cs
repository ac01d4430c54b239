using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.Csv;

namespace Vanta.Markets.Collectors.Bybit;

/// <summary>
/// Reads a Bybit v5 <c>GET /v5/market/kline</c> answer (<c>{"retCode":0,"retMsg":"OK","result":{"symbol",
/// "category","list":[[startMs, open, high, low, close, volume, turnover], ...]}}</c>, strings, newest first)
/// into <see cref="PriceBar"/>s in ascending time; volume is in the base coin. The symbol is
/// <c>result.symbol</c> (else the URI's <c>symbol=</c>); the interval comes from the constructor, the URI's
/// <c>interval=</c>, or the gap between bars. <c>retCode != 0</c> quarantines the answer with <c>retMsg</c>.
/// </summary>
public sealed class BybitKlineParser : IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    public const string SourceKind = "bybit-kline";

    private static readonly string[] Columns = ["start", "open", "high", "low", "close", "volume"];

    private readonly BybitInterval? _interval;

    /// <summary>A parser; <paramref name="interval"/> (e.g. <c>D</c>, <c>60</c>) overrides the URI's.</summary>
    public BybitKlineParser(string? interval = null)
    {
        _interval = interval is null ? null : BybitInterval.Parse(interval) ?? throw new ArgumentException($"'{interval}' is not a Bybit interval", nameof(interval));
    }

    public string Source => SourceKind;

    public ParseResult Parse(RawDocument document)
    {
        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
        ParseResult Whole(string reason) =>
            new([], [new QuarantineEntry(SourceKind, document.Uri, reason, document.Sha256, document.FetchedAt)]);

        var rows = new List<(DateTimeOffset Start, decimal O, decimal H, decimal L, decimal C, decimal V)>();
        string? symbol;
        try
        {
            using var json = JsonDocument.Parse(DocumentBytes.WithoutBom(document.Content));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("retCode", out var code) || !code.TryGetInt64(out var retCode))
                return Whole("not a Bybit v5 answer: expected {\"retCode\":0,\"result\":{\"list\":[...]}}");
            if (retCode != 0)
                return Whole(string.Create(CultureInfo.InvariantCulture, $"Bybit error {retCode}: {Text(root, "retMsg") ?? "(no retMsg)"}"));
            if (!root.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object
                || !result.TryGetProperty("list", out var list) || list.ValueKind != JsonValueKind.Array)
                return Whole("not a Bybit kline answer: 'result.list' is missing");
            symbol = (Text(result, "symbol") ?? DocumentUri.Query(document.Uri, "symbol"))?.ToUpperInvariant();
            if (symbol is null)
                return Whole("no symbol: neither result.symbol nor symbol= in the URI");

            var index = 0;
            foreach (var row in list.EnumerateArray())
            {
                string? reason;
                try
                {
                    reason = ReadRow(row, out var bar);
                    if (reason is null && rows.Exists(r => r.Start == bar.Start))
                        reason = $"duplicate bar for {bar.Start:O}";
                    if (reason is null)
                        rows.Add(bar);
                }
                catch (InvalidOperationException)
                {
                    reason = "a string is not valid UTF-8";
                }
                if (reason is not null)
                    quarantined.Add(new QuarantineEntry(SourceKind, string.Create(CultureInfo.InvariantCulture, $"{document.Uri}#result.list[{index}]"), reason, document.Sha256, document.FetchedAt));
                index++;
            }
        }
        catch (JsonException e)
        {
            return Whole($"not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            return Whole("a string is not valid UTF-8");
        }

        rows.Sort((a, b) => a.Start.CompareTo(b.Start));
        var interval = _interval ?? (DocumentUri.Query(document.Uri, "interval") is { } q ? BybitInterval.Parse(q) : null)
            ?? (rows.Count > 1 ? BybitInterval.FromSpan(rows.Zip(rows.Skip(1), (a, b) => b.Start - a.Start).Min()) : null);
        if (interval is null && rows.Count > 0)
            return Whole("interval unknown: pass it to the parser or name it in the URI (interval=D)");
        var bars = rows.Select(r => (IObservation)new PriceBar(symbol, r.Start, interval!.Value.End(r.Start), r.O, r.H, r.L, r.C, r.V, SourceKind));
        return new ParseResult([.. bars], quarantined.ToImmutable());
    }

    private static string? ReadRow(JsonElement row, out (DateTimeOffset Start, decimal O, decimal H, decimal L, decimal C, decimal V) bar)
    {
        bar = default;
        if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() < 6)
            return "kline is not an array [startMs, open, high, low, close, volume, turnover]";
        if (!PriceFields.TryInt64(row[0], out var ms) || PriceFields.UnixTime(ms, milliseconds: true) is not { } start)
            return $"start {row[0].GetRawText()} is not a Unix time in milliseconds";
        Span<decimal> v = stackalloc decimal[5];
        for (var c = 1; c < 6; c++)
        {
            if (!PriceFields.TryDecimal(row[c], out v[c - 1]))
                return $"{Columns[c]} {row[c].GetRawText()} is not a number";
        }
        bar = (start, v[0], v[1], v[2], v[3], v[4]);
        return PriceFields.Check(v[0], v[1], v[2], v[3], v[4]);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
