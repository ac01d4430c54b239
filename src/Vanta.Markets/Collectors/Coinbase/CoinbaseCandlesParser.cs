using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.Csv;

namespace Vanta.Markets.Collectors.Coinbase;

/// <summary>
/// Reads Coinbase Exchange candles (<c>GET /products/{id}/candles</c>: <c>[[time, low, high, open, close,
/// volume], ...]</c>, newest first, time = bucket start in Unix seconds) into <see cref="PriceBar"/>s in
/// ascending time. The product and granularity come from the constructor, else from the document URI, else
/// the granularity is inferred from the candles. A bad candle is quarantined as <c>candles[i]</c>.
/// </summary>
public sealed class CoinbaseCandlesParser : IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    public const string SourceKind = "coinbase-candles";

    private static readonly string[] Columns = ["time", "low", "high", "open", "close", "volume"];

    private readonly CoinbaseCandles _candles;

    /// <summary>A parser; <paramref name="productId"/> (e.g. <c>BTC-USD</c>) and the granularity override the URI's.</summary>
    public CoinbaseCandlesParser(string? productId = null, int? granularitySeconds = null)
    {
        _candles = new CoinbaseCandles(SourceKind, productId, granularitySeconds);
    }

    public string Source => SourceKind;

    public ParseResult Parse(RawDocument document) =>
        _candles.Parse(document, root => root, "candles: [[time, low, high, open, close, volume], ...]", ReadRow);

    private static string? ReadRow(JsonElement row, int index, out CoinbaseCandle candle)
    {
        candle = default;
        if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() < 6)
            return "candle is not an array of 6 numbers [time, low, high, open, close, volume]";
        if (!PriceFields.TryInt64(row[0], out var start))
            return "time is not an integer";
        Span<decimal> values = stackalloc decimal[5];
        for (var c = 1; c < 6; c++)
        {
            if (!PriceFields.TryDecimal(row[c], out values[c - 1]))
                return $"{Columns[c]} {row[c].GetRawText()} is not a number";
        }
        candle = new CoinbaseCandle(index, start, values[0], values[1], values[2], values[3], values[4]);
        return CoinbaseCandles.CheckStart(start);
    }
}
