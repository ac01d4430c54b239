using System.Collections.Immutable;
using System.Globalization;
using Vanta.Core.Domain;

namespace Vanta.Markets.Collectors.Lean;

/// <summary>One row of a LEAN factor file: the factors in force for bars up to and including <see cref="Date"/>.</summary>
public readonly record struct LeanFactorRow(DateOnly Date, decimal PriceFactor, decimal SplitFactor, decimal ReferencePrice)
{
    /// <summary>The price multiplier: dividends and splits together.</summary>
    public decimal PriceScale => PriceFactor * SplitFactor;
}

/// <summary>
/// A LEAN factor file (<c>yyyymmdd,priceFactor,splitFactor,referencePrice</c>, no header, sorted by date).
/// LEAN semantics: the factors for a bar dated D come from the earliest row whose date is on or after D;
/// after the last row (LEAN ends files with <c>20501231,1,1,0</c>) nothing is adjusted.
/// </summary>
public sealed class LeanFactorFile
{
    /// <summary>The <see cref="RawDocument.Source"/> kind of a factor file on a tape.</summary>
    public const string Source = "lean-factor";

    /// <summary>A file that adjusts nothing, for symbols without factors.</summary>
    public static LeanFactorFile Identity { get; } = new("", []);

    private LeanFactorFile(string symbol, ImmutableArray<LeanFactorRow> rows)
    {
        Symbol = symbol;
        Rows = rows;
    }

    /// <summary>Upper-case symbol taken from the file name.</summary>
    public string Symbol { get; }

    /// <summary>The rows in strictly increasing date order.</summary>
    public ImmutableArray<LeanFactorRow> Rows { get; }

    /// <summary>The row in force for a bar dated <paramref name="date"/>, or an identity row after the last one.</summary>
    public LeanFactorRow RowFor(DateOnly date)
    {
        // Rows are sorted, so the earliest row on or after the date is a lower bound.
        int lo = 0, hi = Rows.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Rows[mid].Date < date)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo < Rows.Length ? Rows[lo] : new LeanFactorRow(date, 1m, 1m, 0m);
    }

    /// <summary>Reads a factor file; malformed rows are quarantined and the others kept.</summary>
    public static LeanFactorParse Parse(RawDocument document)
    {
        var quarantined = ImmutableArray.CreateBuilder<QuarantineEntry>();
        var symbol = LeanSymbols.FromPath(document.Uri);
        if (symbol is null)
        {
            quarantined.Add(Quarantine(document, document.Uri, LeanReasons.BadSymbol(document.Uri)));
            return new LeanFactorParse(Identity, quarantined.ToImmutable());
        }

        var rows = ImmutableArray.CreateBuilder<LeanFactorRow>();
        var lines = DocumentBytes.Text(document.Content).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
                continue;
            var location = string.Create(CultureInfo.InvariantCulture, $"{document.Uri}:{i + 1}");
            var reason = TryParseRow(line, out var row);
            if (reason is null && rows.Count > 0 && row.Date <= rows[^1].Date)
                reason = LeanReasons.FactorOutOfOrder(row.Date);
            if (reason is null)
                rows.Add(row);
            else
                quarantined.Add(Quarantine(document, location, reason));
        }
        return new LeanFactorParse(new LeanFactorFile(symbol, rows.ToImmutable()), quarantined.ToImmutable());
    }

    private static string? TryParseRow(string line, out LeanFactorRow row)
    {
        row = default;
        var cells = line.Split(',');
        if (cells.Length != 4)
            return LeanReasons.ColumnCount(4, cells.Length);
        if (!DateOnly.TryParseExact(cells[0].Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return LeanReasons.BadDate(cells[0], "yyyymmdd");
        if (!TryPositive(cells[1], out var priceFactor))
            return LeanReasons.BadFactor("price factor", cells[1]);
        if (!TryPositive(cells[2], out var splitFactor))
            return LeanReasons.BadFactor("split factor", cells[2]);
        if (!decimal.TryParse(cells[3].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var reference))
            return LeanReasons.BadNumber("reference price", cells[3]);
        row = new LeanFactorRow(date, priceFactor, splitFactor, reference);
        return null;
    }

    private static bool TryPositive(string text, out decimal value) =>
        decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0m;

    private static QuarantineEntry Quarantine(RawDocument document, string location, string reason) =>
        new(Source, location, reason, document.Sha256, document.FetchedAt);
}

/// <summary>A factor file and the rows that could not be read.</summary>
public sealed record LeanFactorParse(LeanFactorFile File, ImmutableArray<QuarantineEntry> Quarantined);
