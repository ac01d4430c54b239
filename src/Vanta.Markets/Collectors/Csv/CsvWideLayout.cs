using Vanta.Core.Domain;

namespace Vanta.Markets.Collectors.Csv;

/// <summary>
/// The CryptoDataDownload wide daily layout: a date index column, then <c>BTC:open,...,BTC:volume</c> groups per
/// coin. A group whose cells are all empty is a coin not yet listed that day and is skipped, not an error.
/// Symbols are the coin plus the quote currency from the file name (<c>BTC</c> + <c>USD</c>).
/// </summary>
internal sealed class CsvWideLayout : ICsvBarLayout
{
    private static readonly string[] Fields = ["open", "high", "low", "close", "volume"];

    private readonly List<(string Symbol, int[] Columns)> _groups;
    private readonly int _width;

    private CsvWideLayout(List<(string, int[])> groups, int width)
    {
        _groups = groups;
        _width = width;
    }

    public string Name => "wide-daily";

    public static CsvWideLayout? TryCreate(string[] header, string quote)
    {
        var groups = new List<(string, int[])>();
        foreach (var coin in header.Skip(1).Select(c => c.Split(':')[0].Trim()).Distinct(StringComparer.Ordinal))
        {
            var columns = Fields.Select(f => Array.FindIndex(header, c => c.Trim().Equals($"{coin}:{f}", StringComparison.OrdinalIgnoreCase))).ToArray();
            if (coin.Length == 0 || columns.Any(c => c < 0))
                return null;
            groups.Add(((coin + quote).ToUpperInvariant(), columns));
        }
        return groups.Count == 0 ? null : new CsvWideLayout(groups, header.Length);
    }

    public string? Read(string[] cells, List<PriceBar> into)
    {
        if (cells.Length != _width)
            return $"expected {_width} columns, found {cells.Length}";
        if (CsvClocks.Read(CsvClock.UtcDaily, cells[0], out var reason) is not { } time)
            return reason;
        string? first = null;
        Span<decimal> v = stackalloc decimal[5];
        foreach (var (symbol, columns) in _groups)
        {
            if (columns.All(c => cells[c].Trim().Length == 0))
                continue;
            var bad = (string?)null;
            for (var i = 0; i < 5 && bad is null; i++)
            {
                if (!PriceFields.TryDecimal(cells[columns[i]], out v[i]))
                    bad = $"{symbol} {Fields[i]} '{cells[columns[i]]}' is not a number";
            }
            bad ??= PriceFields.Check(v[0], v[1], v[2], v[3], v[4]) is { } rule ? $"{symbol}: {rule}" : null;
            if (bad is null)
                into.Add(new PriceBar(symbol, time.Start, time.End, v[0], v[1], v[2], v[3], v[4], CsvBarsParser.SourceKind));
            else
                first ??= bad;
        }
        return first;
    }
}
