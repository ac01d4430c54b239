using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Vanta.Markets.Resolution;

/// <summary>
/// Ticker to company names and CIK, and CIK to tickers. <see cref="Default"/> is the mapping shipped with Vanta
/// (<c>Resolution/Data/symbols.json</c>, built from public facts: see the README next to it). Immutable and
/// safe to share between threads.
/// </summary>
public sealed class SymbolDirectory
{
    private const string ResourceName = "Vanta.Markets.Resolution.Data.symbols.json";
    private static readonly Lazy<SymbolDirectory> Shipped = new(LoadShipped);

    private readonly FrozenDictionary<string, SymbolEntry> _bySymbol;
    private readonly FrozenDictionary<string, ImmutableArray<string>> _byCik;

    private SymbolDirectory(ImmutableArray<SymbolEntry> entries)
    {
        Entries = entries;
        _bySymbol = entries.ToFrozenDictionary(e => e.Symbol, StringComparer.OrdinalIgnoreCase);
        _byCik = entries
            .Where(e => e.Cik.Length > 0)
            .GroupBy(e => e.Cik, StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => g.Select(e => e.Symbol).Order(StringComparer.Ordinal).ToImmutableArray(),
                StringComparer.Ordinal);
    }

    /// <summary>The mapping shipped with Vanta, loaded once from the embedded resource.</summary>
    public static SymbolDirectory Default => Shipped.Value;

    /// <summary>Every entry, sorted by symbol (ordinal).</summary>
    public ImmutableArray<SymbolEntry> Entries { get; }

    /// <summary>A directory over <paramref name="entries"/>; a later entry for the same symbol is merged into the first.</summary>
    public static SymbolDirectory From(IEnumerable<SymbolEntry> entries)
    {
        var merged = new SortedDictionary<string, SymbolEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var symbol = entry.Symbol.Trim().ToUpperInvariant();
            if (symbol.Length == 0)
                continue;
            var normalized = entry with { Symbol = symbol, Cik = SymbolEntry.NormalizeCik(entry.Cik) };
            merged[symbol] = merged.TryGetValue(symbol, out var existing) ? Merge(existing, normalized) : normalized;
        }
        return new SymbolDirectory([.. merged.Values]);
    }

    /// <summary>Reads a directory from JSON in the layout of <c>Data/symbols.json</c>.</summary>
    public static SymbolDirectory Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize(json, SymbolDataJsonContext.Default.SymbolDataFile)
            ?? throw new InvalidDataException("symbol data is empty");
        return From(file.Symbols.Select(row => new SymbolEntry(
            row.Symbol, row.Cik ?? "", [.. row.Names ?? []], [.. row.Aliases ?? []],
            [.. row.ExactAliases ?? []], [.. row.Sources ?? []])));
    }

    /// <summary>This directory plus <paramref name="extra"/> (e.g. a tape's own instruments), merged by symbol.</summary>
    public SymbolDirectory With(IEnumerable<SymbolEntry> extra) => From(Entries.Concat(extra));

    /// <summary>The entry for <paramref name="symbol"/> (any case).</summary>
    public bool TryGet(string symbol, [NotNullWhen(true)] out SymbolEntry? entry) =>
        _bySymbol.TryGetValue(symbol, out entry);

    /// <summary>True when <paramref name="symbol"/> (any case) is in the directory.</summary>
    public bool Contains(string symbol) => _bySymbol.ContainsKey(symbol);

    /// <summary>Every symbol whose issuer has <paramref name="cik"/> (padded or not), sorted; empty when unknown.</summary>
    public ImmutableArray<string> SymbolsForCik(string cik) =>
        _byCik.TryGetValue(SymbolEntry.NormalizeCik(cik), out var symbols) ? symbols : [];

    /// <summary>The symbol of the issuer with <paramref name="cik"/>; the first in ordinal order when it has several; empty when unknown.</summary>
    public string SymbolForCik(string cik) => SymbolsForCik(cik) is [var first, ..] ? first : "";

    private static SymbolEntry Merge(SymbolEntry a, SymbolEntry b) => a with
    {
        Cik = a.Cik.Length > 0 ? a.Cik : b.Cik,
        Names = Union(a.Names, b.Names),
        Aliases = Union(a.Aliases, b.Aliases),
        ExactAliases = Union(a.ExactAliases, b.ExactAliases),
        Sources = Union(a.Sources, b.Sources),
    };

    private static ImmutableArray<string> Union(ImmutableArray<string> a, ImmutableArray<string> b) =>
        [.. a.OrEmpty().Concat(b.OrEmpty()).Distinct(StringComparer.Ordinal)];

    private static SymbolDirectory LoadShipped()
    {
        using var stream = typeof(SymbolDirectory).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        return Parse(stream);
    }
}
