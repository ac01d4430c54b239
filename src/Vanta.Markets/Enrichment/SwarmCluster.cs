using System.Collections.Immutable;
using Vanta.Core.Domain;
using Vanta.Core.Ids;

namespace Vanta.Markets.Enrichment;

/// <summary>Posts linked as near-duplicates, founded by the first of them. Mutable state of <see cref="SwarmDetector"/>.</summary>
internal sealed class SwarmCluster(SocialPost founder, TextFingerprint fingerprint)
{
    private readonly List<SocialPost> _members = [founder];

    /// <summary>Content-derived: the same founding post and text always give the same id.</summary>
    public string Id { get; } = ContentHash.Id("swarm", founder.Platform, founder.Id, fingerprint.ToString());

    public bool IsSwarm { get; set; }

    public IReadOnlyList<SocialPost> Members => _members;

    public void Add(SocialPost post) => _members.Add(post);

    /// <summary>True when <paramref name="author"/> already has a member at or after <paramref name="since"/>.</summary>
    public bool HasAuthorSince(string author, DateTimeOffset since) =>
        _members.Exists(m => m.TsEvent >= since && string.Equals(m.Author, author, StringComparison.Ordinal));

    /// <summary>Distinct authors of the members at or after <paramref name="since"/>.</summary>
    public int AuthorsSince(DateTimeOffset since) =>
        _members.Where(m => m.TsEvent >= since).Select(m => m.Author).Distinct(StringComparer.Ordinal).Count();

    /// <summary>The swarm as it stands: all members, authors and symbols sorted, weight 1/authors (6 decimals).</summary>
    public SwarmReport Report()
    {
        var authors = _members.Select(m => m.Author).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        return new SwarmReport(
            Id,
            founder.Platform,
            fingerprint.ToString(),
            [.. _members.Select(m => m.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            authors,
            [.. _members.SelectMany(m => m.Symbols.IsDefault ? [] : m.Symbols).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            _members.Min(m => m.TsEvent),
            _members.Max(m => m.TsEvent),
            Math.Round(1m / authors.Length, 6, MidpointRounding.ToEven));
    }
}
