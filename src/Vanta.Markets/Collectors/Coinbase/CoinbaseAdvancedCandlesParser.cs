using System.Text.Json;
using Vanta.Core.Domain;
using Vanta.Core.Stages;
using Vanta.Markets.Collectors.Csv;

namespace Vanta.Markets.Collectors.Coinbase;

/// <summary>
/// Reads Coinbase Advanced Trade candles (<c>GET .../products/{id}/candles</c>: <c>{"candles":[{"start",
/// "low","high","open","close","volume"}]}</c>, string numbers, newest first) into <see cref="PriceBar"/>s in
/// ascending time. Product and granularity (<c>ONE_HOUR</c>...) as for <see cref="CoinbaseCandlesParser"/>.
/// </summary>
public sealed class CoinbaseAdvancedCandlesParser : IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    public const string SourceKind = "coinbase-advanced-candles";

    private static readonly string[] Fields = ["low", "high", "open", "close", "volume"];

    private readonly CoinbaseCandles _candles;

    /// <summary>A parser; <paramref name="productId"/> and <paramref name="granularity"/> (e.g. <c>ONE_HOUR</c>) override the URI's.</summary>
    public CoinbaseAdvancedCandlesParser(string? productId = null, string? granularity = null)
    {
        _candles = new CoinbaseCandles(SourceKind, productId, granularity is null ? null : CoinbaseRequest.Seconds(granularity));
    }

    public string Source => SourceKind;

    public ParseResult Parse(RawDocument document) =>
        _candles.Parse(
            document,
            root => root.ValueKind == JsonValueKind.Object && root.TryGetProperty("candles", out var c) ? c : null,
            "candles: {\"candles\":[{\"start\",\"low\",\"high\",\"open\",\"close\",\"volume\"}]}",
            ReadRow);

    private static string? ReadRow(JsonElement row, int index, out CoinbaseCandle candle)
    {
        candle = default;
        if (row.ValueKind != JsonValueKind.Object)
            return "candle is not an object";
        if (!row.TryGetProperty("start", out var startElement) || !PriceFields.TryInt64(startElement, out var start))
            return "'start' is missing or not an integer";
        Span<decimal> values = stackalloc decimal[5];
        for (var c = 0; c < 5; c++)
        {
            if (!row.TryGetProperty(Fields[c], out var e) || !PriceFields.TryDecimal(e, out values[c]))
                return $"'{Fields[c]}' is missing or not a number";
        }
        candle = new CoinbaseCandle(index, start, values[0], values[1], values[2], values[3], values[4]);
        return CoinbaseCandles.CheckStart(start);
    }
}
