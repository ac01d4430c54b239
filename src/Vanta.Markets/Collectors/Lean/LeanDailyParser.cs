using System.Collections.Immutable;
using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Stages;

namespace Vanta.Markets.Collectors.Lean;

/// <summary>
/// Reads LEAN daily equity bars (<c>Date,Open,High,Low,Close,Volume</c>, raw unadjusted USD prices) and
/// adjusts them for splits and dividends with the symbol's <see cref="LeanFactorFile"/>. The adjustment is
/// anchored at the document's last bar, so that bar keeps its traded prices and earlier bars are put in
/// its terms: scale(D) = priceScale(D) / priceScale(last), volume / (split(D) / split(last)).
/// </summary>
public sealed class LeanDailyParser : IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    public const string SourceKind = "lean-daily";

    /// <summary>Decimal places of adjusted prices; a fixed scale keeps replays byte-identical.</summary>
    public const int PriceScale = 6;

    private const string Header = "Date,Open,High,Low,Close,Volume";
    private static readonly TimeOnly MarketOpen = new(9, 30);
    private static readonly TimeOnly MarketClose = new(16, 0);

    private readonly ImmutableSortedDictionary<string, LeanFactorFile> _factors;

    /// <summary>A parser that leaves prices unadjusted (no factor files).</summary>
    public LeanDailyParser()
        : this([])
    {
    }

    /// <summary>A parser that adjusts each symbol with its factor file, matched by <see cref="LeanFactorFile.Symbol"/>.</summary>
    public LeanDailyParser(IEnumerable<LeanFactorFile> factorFiles)
    {
        _factors = factorFiles
            .Where(f => f.Symbol.Length > 0)
            .ToImmutableSortedDictionary(f => f.Symbol, f => f, StringComparer.Ordinal);
    }

    public string Source => SourceKind;

    public ParseResult Parse(RawDocument document)
    {
        var symbol = LeanSymbols.FromPath(document.Uri);
        if (symbol is null)
            return new ParseResult([], [Quarantine(document, document.Uri, LeanReasons.BadSymbol(document.Uri))]);

        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
        var rows = ReadRows(document, quarantined);
        if (rows.Count == 0)
        {
            quarantined.Add(Quarantine(document, document.Uri, LeanReasons.NoBars));
            return new ParseResult([], quarantined.ToImmutable());
        }

        var factors = _factors.GetValueOrDefault(symbol, LeanFactorFile.Identity);
        var anchor = factors.RowFor(rows.Max(r => r.Date));
        var bars = ImmutableArray.CreateBuilder<IObservation>(rows.Count);
        foreach (var row in rows)
            bars.Add(ToBar(symbol, row, factors.RowFor(row.Date), anchor));
        return new ParseResult(bars.MoveToImmutable(), quarantined.ToImmutable());
    }

    private static List<LeanRow> ReadRows(RawDocument document, ImmutableArray<QuarantineEntry>.Builder quarantined)
    {
        var rows = new List<LeanRow>();
        var seen = new HashSet<DateOnly>();
        var lines = DocumentBytes.Text(document.Content).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || (i == 0 && line.Equals(Header, StringComparison.OrdinalIgnoreCase)))
                continue;
            var reason = LeanRow.TryParse(line, out var row);
            if (reason is null && !seen.Add(row.Date))
                reason = LeanReasons.DuplicateDate(row.Date);
            if (reason is null)
                rows.Add(row);
            else
                quarantined.Add(Quarantine(document, string.Create(CultureInfo.InvariantCulture, $"{document.Uri}:{i + 1}"), reason));
        }
        return rows;
    }

    private static PriceBar ToBar(string symbol, LeanRow row, LeanFactorRow factor, LeanFactorRow anchor)
    {
        var priceScale = factor.PriceScale / anchor.PriceScale;
        var volumeScale = factor.SplitFactor / anchor.SplitFactor;
        return new PriceBar(
            symbol,
            NewYorkTime.ToUtc(row.Date, MarketOpen),
            NewYorkTime.ToUtc(row.Date, MarketClose),
            Adjust(row.Open, priceScale),
            Adjust(row.High, priceScale),
            Adjust(row.Low, priceScale),
            Adjust(row.Close, priceScale),
            Math.Round(row.Volume / volumeScale, 0, MidpointRounding.AwayFromZero),
            SourceKind,
            priceScale);
    }

    private static decimal Adjust(decimal raw, decimal scale) =>
        Math.Round(raw * scale, PriceScale, MidpointRounding.AwayFromZero);

    private static QuarantineEntry Quarantine(RawDocument document, string location, string reason) =>
        new(SourceKind, location, reason, document.Sha256, document.FetchedAt);
}
