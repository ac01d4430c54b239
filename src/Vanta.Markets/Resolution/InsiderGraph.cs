using System.Collections.Frozen;
using System.Collections.Immutable;
using Vanta.Core.Domain;

namespace Vanta.Markets.Resolution;

/// <summary>
/// Insider to issuer graph built from <see cref="InsiderTransaction"/>s, queryable both ways. A filing with several
/// reporting owners (CIKs joined by <c>,</c>, names by <c>; </c>) makes one edge per owner; its relationship tokens,
/// which the filing gives for the owners together, go to each of them. Immutable; build it with <see cref="Build"/>.
/// </summary>
public sealed class InsiderGraph
{
    private readonly FrozenDictionary<string, ImmutableArray<InsiderEdge>> _byOwner;
    private readonly FrozenDictionary<string, ImmutableArray<InsiderEdge>> _byIssuer;
    private readonly FrozenDictionary<string, ImmutableArray<InsiderEdge>> _bySymbol;

    private InsiderGraph(ImmutableArray<InsiderEdge> edges)
    {
        Edges = edges;
        _byOwner = Index(edges, e => e.OwnerCik, StringComparer.Ordinal);
        _byIssuer = Index(edges, e => e.IssuerCik, StringComparer.Ordinal);
        _bySymbol = Index(edges.Where(e => e.Symbol.Length > 0), e => e.Symbol, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every edge, sorted by owner CIK then issuer CIK.</summary>
    public ImmutableArray<InsiderEdge> Edges { get; }

    /// <summary>The graph of the given transactions; their order does not matter.</summary>
    public static InsiderGraph Build(IEnumerable<InsiderTransaction> transactions)
    {
        var edges = new SortedDictionary<string, InsiderEdge>(StringComparer.Ordinal);
        foreach (var t in transactions)
        {
            var issuer = SymbolEntry.NormalizeCik(t.IssuerCik) is { Length: > 0 } cik ? cik : t.IssuerCik.Trim();
            var relationships = Split(t.Relationship, ",");
            foreach (var (ownerCik, ownerName) in Owners(t))
            {
                var key = ownerCik + "\u001f" + issuer;
                edges[key] = edges.TryGetValue(key, out var edge)
                    ? Merge(edge, t, relationships)
                    : new InsiderEdge(ownerCik, ownerName, issuer, t.IssuerName, t.Symbol.ToUpperInvariant(),
                        relationships, t.TransactionDate, t.TransactionDate, 1);
            }
        }
        return new InsiderGraph([.. edges.Values]);
    }

    /// <summary>The issuers where the owner with <paramref name="ownerCik"/> (padded or not) is an insider.</summary>
    public ImmutableArray<InsiderEdge> IssuersOf(string ownerCik) => Find(_byOwner, Key(ownerCik));

    /// <summary>The insiders of the issuer with <paramref name="issuerCik"/> (padded or not).</summary>
    public ImmutableArray<InsiderEdge> InsidersOf(string issuerCik) => Find(_byIssuer, Key(issuerCik));

    /// <summary>The insiders of the issuer trading as <paramref name="symbol"/> (any case).</summary>
    public ImmutableArray<InsiderEdge> InsidersOfSymbol(string symbol) => Find(_bySymbol, symbol);

    private static InsiderEdge Merge(InsiderEdge edge, InsiderTransaction t, ImmutableArray<string> relationships) => edge with
    {
        Symbol = edge.Symbol.Length > 0 ? edge.Symbol : t.Symbol.ToUpperInvariant(),
        Relationships = [.. edge.Relationships.Union(relationships, StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        FirstTransaction = t.TransactionDate < edge.FirstTransaction ? t.TransactionDate : edge.FirstTransaction,
        LastTransaction = t.TransactionDate > edge.LastTransaction ? t.TransactionDate : edge.LastTransaction,
        Transactions = edge.Transactions + 1,
    };

    private static IEnumerable<(string Cik, string Name)> Owners(InsiderTransaction t)
    {
        var ciks = t.OwnerCik.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var names = t.OwnerName.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var count = Math.Max(ciks.Length, names.Length);
        for (var i = 0; i < count; i++)
        {
            var name = i < names.Length ? names[i] : "";
            var cik = i < ciks.Length ? Key(ciks[i]) : "";
            yield return (cik.Length > 0 ? cik : name, name);
        }
    }

    private static ImmutableArray<string> Split(string text, string separator) =>
        [.. text.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static string Key(string cik) => SymbolEntry.NormalizeCik(cik) is { Length: > 0 } padded ? padded : cik.Trim();

    private static ImmutableArray<InsiderEdge> Find(FrozenDictionary<string, ImmutableArray<InsiderEdge>> index, string key) =>
        index.TryGetValue(key, out var edges) ? edges : [];

    private static FrozenDictionary<string, ImmutableArray<InsiderEdge>> Index(
        IEnumerable<InsiderEdge> edges, Func<InsiderEdge, string> key, StringComparer comparer) =>
        edges.GroupBy(key, comparer).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), comparer);
}
