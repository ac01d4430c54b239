using Vanta.Core.Domain;
using Vanta.Markets.Collectors.Lean;

namespace Vanta.Markets.Collectors.Csv;

/// <summary>A recognised CSV bar layout: reads one data row into zero or more bars.</summary>
internal interface ICsvBarLayout
{
    string Name { get; }

    /// <summary>Adds the row's bars; returns the reason when (part of) the row is malformed.</summary>
    string? Read(string[] cells, List<PriceBar> into);
}

/// <summary>Recognises the layouts in <c>shared/data/prices</c> from a header row and the file name.</summary>
internal static class CsvLayouts
{
    /// <summary>Exchanges whose LEAN minute files are crypto (UTC) and named <c>VENUE_SYMBOL_...</c>.</summary>
    private static readonly string[] CryptoVenues = ["BINANCE", "BITFINEX", "BITSTAMP", "BYBIT", "COINBASE", "GDAX", "KRAKEN"];

    private static readonly string[] QuoteCurrencies = ["USD", "USDT", "USDC", "EUR", "GBP", "BTC"];

    /// <summary>The layout for a header, or null when the header is none of them.</summary>
    public static ICsvBarLayout? Detect(string[] header, string fileName, string? symbolOverride)
    {
        var h = header.Select(c => c.Trim().ToLowerInvariant()).ToArray();
        var stem = Path.GetFileNameWithoutExtension(fileName.Replace('\\', '/').Split('/')[^1]);
        var tokens = stem.ToUpperInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (h is ["date", "open", "high", "low", "close", "volume"])
            return Ohlcv("lean-daily", CsvClock.EquityDaily, [0, 1, 2, 3, 4, 5], -1, symbolOverride ?? LeanSymbols.FromPath(fileName));
        if (h is ["date", "open", "high", "low", "close", "volume", "name"])
            return Ohlcv("sp500-daily", CsvClock.EquityDaily, [0, 1, 2, 3, 4, 5], 6, symbolOverride);
        if (h is ["date", "symbol", "open", "high", "low", "close", var baseVolume, "volume"] && baseVolume.StartsWith("volume_", StringComparison.Ordinal))
            return Ohlcv("cryptodatadownload", CsvClock.UtcDailyOrHourly, [0, 2, 3, 4, 5, 6], 1, symbolOverride);
        if (h is ["timestamp", "open", "high", "low", "close", "volume"] && tokens.Length > 0)
        {
            var crypto = tokens.Length > 1 && CryptoVenues.Contains(tokens[0]);
            return Ohlcv(crypto ? "lean-minute-crypto" : "lean-minute-equity", crypto ? CsvClock.UtcMinute : CsvClock.NewYorkMinute,
                [0, 1, 2, 3, 4, 5], -1, symbolOverride ?? (crypto ? tokens[1] : tokens[0]));
        }
        if (h.Length > 1 && h[0].Length == 0 && CsvWideLayout.TryCreate(header, Quote(tokens)) is { } wide)
            return wide;
        return null;
    }

    private static CsvOhlcvLayout? Ohlcv(string name, CsvClock clock, int[] columns, int symbolColumn, string? symbol) =>
        symbolColumn < 0 && symbol is null ? null : new CsvOhlcvLayout(name, clock, columns, symbolColumn, symbol?.ToUpperInvariant());

    /// <summary>The quote currency a wide file's name gives (<c>bitstamp_BTC_ETH_LTC_USD_d</c>: USD), or empty.</summary>
    private static string Quote(string[] tokens) => tokens.Skip(1).LastOrDefault(t => QuoteCurrencies.Contains(t)) ?? "";
}

/// <summary>One bar per row: time, open, high, low, close, volume at fixed columns; symbol from a column or the file.</summary>
internal sealed class CsvOhlcvLayout(string name, CsvClock clock, int[] columns, int symbolColumn, string? symbol) : ICsvBarLayout
{
    private static readonly string[] Names = ["open", "high", "low", "close", "volume"];
    private readonly int _width = Math.Max(columns.Max(), symbolColumn) + 1;

    public string Name => name;

    public string? Read(string[] cells, List<PriceBar> into)
    {
        if (cells.Length < _width)
            return $"expected {_width} columns, found {cells.Length}";
        if (CsvClocks.Read(clock, cells[columns[0]], out var reason) is not { } time)
            return reason;
        Span<decimal> v = stackalloc decimal[5];
        for (var i = 0; i < 5; i++)
        {
            if (!PriceFields.TryDecimal(cells[columns[i + 1]], out v[i]))
                return $"{Names[i]} '{cells[columns[i + 1]]}' is not a number";
        }
        var rowSymbol = symbol ?? cells[symbolColumn].Trim().ToUpperInvariant();
        if (rowSymbol.Length == 0)
            return "symbol is empty";
        if (PriceFields.Check(v[0], v[1], v[2], v[3], v[4]) is { } bad)
            return bad;
        into.Add(new PriceBar(rowSymbol, time.Start, time.End, v[0], v[1], v[2], v[3], v[4], CsvBarsParser.SourceKind));
        return null;
    }
}
