using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.Csv;

namespace Vanta.Markets.Collectors.Coinbase;

/// <summary>One candle as read from the wire, with its position in the payload.</summary>
internal readonly record struct CoinbaseCandle(int Index, long Start, decimal Low, decimal High, decimal Open, decimal Close, decimal Volume);

/// <summary>
/// The part both candle formats share: the product and granularity of the request (constructor values, else
/// the URI, else the granularity inferred from the smallest gap between candles), validation, and bars in
/// ascending time with <see cref="PriceBar.TsEvent"/> = start + granularity.
/// </summary>
internal sealed class CoinbaseCandles(string sourceKind, string? productId, int? granularitySeconds)
{
    private static readonly int[] Known = [60, 300, 900, 1800, 3600, 7200, 21600, 86400];

    public delegate string? RowReader(JsonElement row, int index, out CoinbaseCandle candle);

    public ParseResult Parse(RawDocument document, Func<JsonElement, JsonElement?> rowsOf, string shape, RowReader read)
    {
        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
        void Quarantine(string location, string reason) =>
            quarantined.Add(new QuarantineEntry(sourceKind, location, reason, document.Sha256, document.FetchedAt));
        ParseResult Whole(string reason)
        {
            Quarantine(document.Uri, reason);
            return new ParseResult([], quarantined.ToImmutable());
        }

        var product = productId ?? CoinbaseRequest.ProductId(document.Uri);
        if (product is null)
            return Whole("no product id: pass one to the parser or name it in the URI (/products/BTC-USD/candles)");

        var candles = new List<CoinbaseCandle>();
        try
        {
            using var json = JsonDocument.Parse(DocumentBytes.WithoutBom(document.Content));
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message))
                return Whole($"Coinbase error: {message}");
            if (rowsOf(json.RootElement) is not { ValueKind: JsonValueKind.Array } rows)
                return Whole($"not Coinbase candles: expected {shape}");
            var index = 0;
            foreach (var row in rows.EnumerateArray())
            {
                string? reason;
                try
                {
                    reason = read(row, index, out var candle) ?? PriceFields.Check(candle.Open, candle.High, candle.Low, candle.Close, candle.Volume);
                    if (reason is null && candles.Any(c => c.Start == candle.Start))
                        reason = string.Create(CultureInfo.InvariantCulture, $"duplicate candle for start {candle.Start}");
                    if (reason is null)
                        candles.Add(candle);
                }
                catch (InvalidOperationException)
                {
                    reason = "a string is not valid UTF-8";
                }
                if (reason is not null)
                    Quarantine(string.Create(CultureInfo.InvariantCulture, $"{document.Uri}#{shape.Split(':')[0]}[{index}]"), reason);
                index++;
            }
        }
        catch (JsonException e)
        {
            return Whole($"not valid JSON: {e.Message}");
        }

        candles.Sort((a, b) => a.Start.CompareTo(b.Start));
        var granularity = granularitySeconds ?? CoinbaseRequest.GranularitySeconds(document.Uri) ?? Infer(candles);
        if (granularity is null)
            return candles.Count == 0 ? new ParseResult([], quarantined.ToImmutable())
                : Whole("granularity unknown: pass it to the parser or name it in the URI (granularity=3600 or ONE_HOUR)");

        var symbol = CoinbaseRequest.Symbol(product);
        var bars = candles.Select(c => (IObservation)new PriceBar(
            symbol, DateTimeOffset.FromUnixTimeSeconds(c.Start), DateTimeOffset.FromUnixTimeSeconds(c.Start + granularity.Value),
            c.Open, c.High, c.Low, c.Close, c.Volume, sourceKind));
        return new ParseResult([.. bars], quarantined.ToImmutable());
    }

    /// <summary>Seconds or an error for a bucket start within the range of dates.</summary>
    public static string? CheckStart(long start) =>
        PriceFields.UnixTime(start, milliseconds: false) is null ? "start is not a Unix time in range" : null;

    private static int? Infer(List<CoinbaseCandle> sorted)
    {
        long? gap = null;
        for (var i = 1; i < sorted.Count; i++)
            gap = Math.Min(gap ?? long.MaxValue, sorted[i].Start - sorted[i - 1].Start);
        return gap is { } g && Array.IndexOf(Known, (int)Math.Min(g, int.MaxValue)) >= 0 ? (int)g : null;
    }
}
