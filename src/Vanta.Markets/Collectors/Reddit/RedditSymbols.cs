using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Vanta.Markets.Collectors.Reddit;

/// <summary>
/// Symbol mapping for social text. A cashtag (<c>$TSLA</c>) names a symbol on its own; a bare upper-case
/// word counts only when it is a known symbol (the tape's own instruments) and not a common word or
/// forum jargon that happens to be a ticker (A, IT, ALL, DD, CEO...).
/// </summary>
public sealed partial class RedditSymbols
{
    /// <summary>Upper-case words that are never read as bare tickers.</summary>
    public static ImmutableSortedSet<string> StopWords { get; } = ImmutableSortedSet.Create(
        StringComparer.Ordinal,
        "A", "ALL", "AM", "AN", "AND", "ANY", "ARE", "AT", "ATH", "BE", "BIG", "BY", "CAN", "CEO", "CFO", "DD", "EDIT",
        "EPS", "ETF", "EU", "FOR", "GDP", "GO", "HAS", "I", "IMO", "IN", "IPO", "IS", "IT", "LOL", "ME", "MOON", "MY",
        "NEW", "NO", "NOW", "OF", "OK", "ON", "ONE", "OR", "OUT", "PM", "SEC", "SO", "THE", "TL", "TLDR", "TO", "TV",
        "UK", "UP", "US", "USA", "USD", "WSB", "YOLO");

    private readonly ImmutableSortedSet<string> _known;

    /// <summary>A mapper that reads cashtags and, as bare words, the given symbols.</summary>
    public RedditSymbols(IEnumerable<string> knownSymbols)
    {
        _known = knownSymbols.Select(s => s.ToUpperInvariant()).ToImmutableSortedSet(StringComparer.Ordinal);
    }

    /// <summary>A mapper that reads cashtags only.</summary>
    public static RedditSymbols CashtagsOnly { get; } = new([]);

    /// <summary>The symbols <paramref name="text"/> mentions: upper case, deduplicated, sorted ordinally.</summary>
    public ImmutableArray<string> Extract(string text)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match match in Cashtag().Matches(text))
            found.Add(match.Groups[1].Value.ToUpperInvariant());
        foreach (Match match in BareWord().Matches(text))
        {
            if (_known.Contains(match.Value) && !StopWords.Contains(match.Value))
                found.Add(match.Value);
        }
        return [.. found];
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9$])\$([A-Za-z]{1,5})(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Cashtag();

    [GeneratedRegex(@"(?<![A-Za-z0-9$])[A-Z]{1,5}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex BareWord();
}
