using System.Collections.Immutable;
using System.Globalization;
using Vanta.Core.Domain;
using Vanta.Core.Stages;

namespace Vanta.Markets.Collectors.Csv;

/// <summary>
/// Reads OHLCV bar files in the layouts of <c>shared/data/prices</c>, recognised from the header: LEAN daily
/// (<c>Date,Open,...</c>, raw prices, New York session), the S&amp;P 500 set (<c>date,...,Name</c>),
/// CryptoDataDownload (an optional one-line banner, <c>date,symbol,...,volume_btc,volume</c>, daily or
/// <c>yyyy-mm-dd hh-AM</c> hourly UTC, newest first), the wide daily format (<c>BTC:open</c>... groups; empty
/// groups before a coin's listing are skipped) and LEAN minute files (<c>Timestamp,...</c>: New York for
/// equities, UTC for crypto files named <c>VENUE_SYMBOL_...</c>). Volume is in base units. Bars come out in
/// ascending time (then symbol); a malformed or duplicate row is quarantined as <c>file:line</c>. Cells are
/// split on commas: none of these layouts quotes its fields.
/// </summary>
public sealed class CsvBarsParser : IDocumentParser
{
    /// <summary>The <see cref="RawDocument.Source"/> kind this parser reads.</summary>
    public const string SourceKind = "bars-csv";

    private readonly string? _symbol;

    /// <summary>A parser; <paramref name="symbol"/>, when given, overrides the symbol taken from the file name.</summary>
    public CsvBarsParser(string? symbol = null)
    {
        _symbol = symbol;
    }

    public string Source => SourceKind;

    public ParseResult Parse(RawDocument document)
    {
        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
        void Quarantine(string location, string reason) =>
            quarantined.Add(new QuarantineEntry(SourceKind, location, reason, document.Sha256, document.FetchedAt));

        var lines = DocumentBytes.Text(document.Content).Split('\n');
        var headerAt = -1;
        ICsvBarLayout? layout = null;
        // The header is the first non-blank line, or the second when the first is a banner (CryptoDataDownload).
        for (int i = 0, seen = 0; i < lines.Length && seen < 2 && layout is null; i++)
        {
            if (lines[i].Trim().Length == 0)
                continue;
            seen++;
            layout = CsvLayouts.Detect(lines[i].TrimEnd('\r').Split(','), document.Uri, _symbol);
            headerAt = i;
        }
        if (layout is null)
        {
            Quarantine(document.Uri, "unrecognised CSV bar layout: no known header in the first two lines");
            return new ParseResult([], quarantined.ToImmutable());
        }

        var bars = new List<PriceBar>();
        var seenKeys = new HashSet<(string, DateTimeOffset)>();
        var rowBars = new List<PriceBar>(4);
        for (var i = headerAt + 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
                continue;
            rowBars.Clear();
            var reason = layout.Read(line.Split(','), rowBars);
            foreach (var bar in rowBars)
            {
                if (seenKeys.Add((bar.Symbol, bar.Start)))
                    bars.Add(bar);
                else
                    reason ??= $"duplicate bar for {bar.Symbol} at {bar.Start:O}";
            }
            if (reason is not null)
                Quarantine(string.Create(CultureInfo.InvariantCulture, $"{document.Uri}:{i + 1}"), reason);
        }
        if (bars.Count == 0 && quarantined.Count == 0)
            Quarantine(document.Uri, "the file holds no bar");

        bars.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Symbol, b.Symbol));
        return new ParseResult([.. bars], quarantined.ToImmutable());
    }
}
